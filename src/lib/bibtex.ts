/** Characters LaTeX reads as commands, and how to write them as text inside a BibTeX field. */
const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
};

/** Text as a BibTeX field value: braces stay balanced and LaTeX specials print as themselves. */
export function bibtexEscape(text: string): string {
  return text.replace(/[\\{}$&%#_^~]/g, (character) => SPECIAL[character]);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** What a citation needs to know of a paper; only what the listing told us. */
export interface CitationInput {
  /** Citation key: the paper's slug, unique on the site. */
  key: string;
  title: string;
  titleDerived: boolean;
  /** ISO date, when known. */
  published?: string;
  /** Absolute URL of the paper's page. */
  url: string;
  /** Names of the listings it came from; none for a paper removed from the collection. */
  listings: string[];
}

/** A BibTeX `@misc` entry for a paper. */
export function bibtexEntry(paper: CitationInput): string {
  const fields: [string, string][] = [['title', `{${bibtexEscape(paper.title)}}`]];
  if (paper.published) {
    const [year, month] = paper.published.split('-');
    fields.push(['year', `{${year}}`], ['month', MONTHS[Number(month) - 1]]);
  }
  fields.push(['url', `{${paper.url}}`]);
  const notes = [paper.listings.length > 0 ? `Abstract listed in ${paper.listings.join('; ')}` : 'No longer in the collection'];
  if (paper.titleDerived) notes.push('the listing gave no title; this one was derived from the abstract\'s own words');
  fields.push(['note', `{${bibtexEscape(notes.join('; '))}}`]);
  const width = Math.max(...fields.map(([name]) => name.length));
  return `@misc{${paper.key},\n${fields.map(([name, value]) => `  ${name.padEnd(width)} = ${value},`).join('\n')}\n}\n`;
}
