import { firstSentence } from '../../src/lib/first-sentence.ts';

/** Longest derived title, in characters (the ellipsis excluded). */
export const DERIVED_TITLE_MAX = 90;

/** Words a derived title should not end on: it would read as cut off mid-phrase. */
const WEAK_ENDINGS = new Set(
  'a an and as at based but by for from in into is of on or over such than that the their these this to under via where which while with'.split(' '),
);

function dropUnbalanced(text: string): string {
  const open = text.lastIndexOf('(');
  return open > text.lastIndexOf(')') ? text.slice(0, open) : text;
}

function trimWeakEnding(text: string): string {
  let words = text.trim().replace(/[\s,;:—–-]+$/, '').split(/\s+/);
  while (words.length > 3 && WEAK_ENDINGS.has(words.at(-1)!.toLowerCase())) {
    words = words.slice(0, -1);
    words[words.length - 1] = words.at(-1)!.replace(/[,;:]+$/, '');
  }
  return words.join(' ');
}

/** Cut a title on a whole word (at a clause break when one is near), marked with an ellipsis. */
function fitTitle(text: string): string {
  if (text.length <= DERIVED_TITLE_MAX && text.length > 0) return text;
  const window = text.slice(0, DERIVED_TITLE_MAX + 1);
  const clause = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '), window.lastIndexOf(' — '));
  let cut = clause >= DERIVED_TITLE_MAX / 2 ? window.slice(0, clause) : window.slice(0, window.lastIndexOf(' '));
  if (cut.trim() === '') cut = window.slice(0, DERIVED_TITLE_MAX);
  return `${trimWeakEnding(dropUnbalanced(cut))}…`;
}

/** The sentence where an abstract states its contribution: what follows "we propose", "we … and propose", "this paper introduces"… */
const CONTRIBUTION = /\b(?:we|this (?:paper|work|study|article))\b.{0,200}?\b(?:propose|introduce|present|develop|design)s?\s+(.+)$/i;

/** A coined name: a word with a capital past its first letter or with digits (ChorusCVR, D-GraB, STEP, GPT-4). */
const NAME = String.raw`(?:[A-Za-z0-9]+[-+])*[A-Za-z0-9]*(?:[A-Z][A-Za-z0-9]*[A-Z0-9]|[a-z][A-Z]|[A-Z]{2,}|[A-Za-z]\d|\d[A-Za-z])[A-Za-z0-9]*(?:[-+][A-Za-z0-9]+)*`;
/** Words that make a coined name a modifier instead (CNN-based, LLM-driven). */
const MODIFIER = /-(?:based|aware|driven|like|style|guided|free|specific|level)$/i;
const LEADING = String.raw`(?:(?:a|an|the)\s+)?(?:(?:novel|new|simple|efficient|general|unified|first|lightweight|scalable)\s+)*`;

/**
 * Ways an abstract names its contribution, tried in order on the words after "we propose…";
 * the first that matches gives the title, `NAME: description`.
 */
const NAMINGS: readonly { pattern: RegExp; title: (match: RegExpExecArray) => string }[] = [
  // "we propose STEP, an Adam-aware recipe that…" → "STEP: An Adam-aware recipe that…"
  { pattern: new RegExp(String.raw`^(${NAME}),\s+((?:a|an|the)\s+.+)$`), title: (m) => `${m[1]}: ${m[2]}` },
  // "an integrated solution, called reference-based zero-shot SR (RZSR)" → "Reference-based zero-shot SR (RZSR): An integrated solution"
  { pattern: /^((?:a|an|the)\s+[^,]{3,80}?),?\s+(?:called|named|dubbed|termed|coined)\s+([^,;]+?)(?:[,;].*)?$/i, title: (m) => `${m[2]}: ${m[1]}` },
  // "an online Gradient Balancing algorithm (GraB) that…" → "GraB: An online Gradient Balancing algorithm"
  { pattern: new RegExp(String.raw`^((?:a|an|the)\s+[^,()]{3,80}?)\s+\((${NAME})\)`), title: (m) => `${m[2]}: ${m[1]}` },
  // "a novel ChorusCVR model to…" → "ChorusCVR: A novel model to…"; "D-GraB that involves…" stays as written
  {
    pattern: new RegExp(String.raw`^(${LEADING})(${NAME})\s+(.+)$`),
    title: (m) => (m[1] === '' ? `${m[2]} ${m[3]}` : `${m[2]}: ${m[1]}${m[3]}`),
  },
];

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The title an abstract gives its own contribution ("we propose NAME, a …" → "NAME: A …"), or undefined. */
function namedContribution(abstract: string): string | undefined {
  let rest = abstract;
  for (let sentence = firstSentence(rest); sentence !== ''; rest = rest.slice(sentence.length).trimStart(), sentence = firstSentence(rest)) {
    const found = CONTRIBUTION.exec(sentence.replace(/[.!?]$/, ''));
    if (!found) continue;
    // The naming phrase ends at a colon, semicolon, dash, enumeration or formula.
    const phrase = found[1].split(/:\s|;|\s[—–]\s|\s--\s|\s\(1\)|\s\$/)[0].trim();
    for (const { pattern, title } of NAMINGS) {
      const match = pattern.exec(phrase);
      if (!match) continue;
      const name = match.slice(1).find((group) => group !== undefined && new RegExp(`^${NAME}$`).test(group));
      if (name !== undefined && MODIFIER.test(name)) break;
      return capitalize(title(match).replace(/:\s+(\S)/, (_, first: string) => `: ${first.toUpperCase()}`));
    }
    return undefined;
  }
  return undefined;
}

/**
 * Derive a title from an abstract's own words: the name it gives its contribution when it
 * has one ("we propose NAME, a …" → "NAME: A …"), else its first sentence when that is short
 * enough, else that sentence cut on a whole word (at a clause break when one is near) and
 * marked with an ellipsis. Never longer than {@link DERIVED_TITLE_MAX} characters plus `…`.
 */
export function deriveTitle(abstract: string): string {
  const named = namedContribution(abstract.replace(/\s+/g, ' ').trim());
  return named === undefined ? leadTitle(abstract) : fitTitle(named);
}

/** An abstract's first sentence as a title (cut as {@link deriveTitle} cuts). */
export function leadTitle(abstract: string): string {
  return fitTitle(firstSentence(abstract.replace(/\s+/g, ' ').trim()).replace(/[.!?]$/, ''));
}

/**
 * The words that stand for a paper's title when papers are classified and related: its title,
 * or for a derived title the abstract's first sentence, which says what the paper is about as
 * the abstract does (a contribution's name, "D-GraB that involves two novel designs", may not).
 */
export function summaryTitle(record: { title: string; titleDerived: boolean; abstractText: string }): string {
  return record.titleDerived ? leadTitle(record.abstractText) : record.title;
}
