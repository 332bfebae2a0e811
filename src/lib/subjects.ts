/**
 * Subjects: the classes a dump gives its papers (arXiv's categories, named from arXiv's taxonomy
 * kept as data in src/data/arxiv-taxonomy.json) and the keywords of a bibliography (BibTeX,
 * RIS, CSL). Shown on the paper page, a filter of the search page, and a check of a topic.
 */
import taxonomy from '../data/arxiv-taxonomy.json' with { type: 'json' };

const NAMES: Readonly<Record<string, string>> = taxonomy.categories;

/** The name arXiv gives a category or an old archive (`astro-ph.GA` → Astrophysics of Galaxies); undefined for any other subject. */
export function arxivName(code: string): string | undefined {
  return Object.hasOwn(NAMES, code) ? NAMES[code] : undefined;
}

/** A subject as a reader sees it: "Astrophysics of Galaxies (astro-ph.GA)"; one arXiv does not list, as written. */
export function subjectLabel(subject: string): string {
  const name = arxivName(subject);
  return name ? `${name} (${subject})` : subject;
}

/** The key of a subject for the search filter: an arXiv code as it is, a keyword in lower case with its spaces collapsed. */
export function subjectKey(subject: string): string {
  return arxivName(subject) ? subject : subject.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A paper's subjects, arXiv's first, then its keywords, each once by key. */
export function paperSubjects(data: { subjects?: readonly string[]; keywords?: readonly string[] }): { key: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const subject of [...(data.subjects ?? []), ...(data.keywords ?? [])]) {
    const key = subjectKey(subject);
    if (key && !seen.has(key)) seen.set(key, subjectLabel(subject.trim().replace(/\s+/g, ' ')));
  }
  return [...seen].map(([key, label]) => ({ key, label }));
}

/** How many of the papers carry each subject, by key, with the label of its first spelling. */
export function countSubjects(papers: Iterable<{ data: { subjects?: readonly string[]; keywords?: readonly string[] } }>): Map<string, { label: string; count: number }> {
  const counts = new Map<string, { label: string; count: number }>();
  for (const paper of papers) {
    for (const { key, label } of paperSubjects(paper.data)) {
      const entry = counts.get(key);
      if (entry) entry.count += 1;
      else counts.set(key, { label, count: 1 });
    }
  }
  return counts;
}
