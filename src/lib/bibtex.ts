import type { Author, PaperBibliography } from '../schemas/paper.ts';
import { parseInlineMarkup } from './render-abstract.ts';
import { splitMath } from './split-math.ts';

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

/** LaTeX's text commands for the inline marks a title may carry (`titleMarkup`). */
const MARK_COMMANDS: Record<string, string> = { emphasis: 'textit', strong: 'textbf', sub: 'textsubscript', sup: 'textsuperscript', 'span': 'textsc' };

type MarkupNode = { type: string; value?: string; name?: string | null; children?: MarkupNode[] };

function markupToLatex(node: MarkupNode): string {
  if (node.type === 'text') return bibtexEscape(node.value ?? '');
  if (node.type === 'inlineMath' || node.type === 'math') return `$${node.value ?? ''}$`;
  const inner = (node.children ?? []).map(markupToLatex).join('');
  const command = MARK_COMMANDS[node.type === 'mdxJsxTextElement' ? (node.name ?? '') : node.type];
  return command ? `\\${command}{${inner}}` : inner;
}

/**
 * A title as a BibTeX value: its text escaped, its formulas (`$…$`, found as on the page) kept as
 * LaTeX; a formatted title (`titleMarkup`) with its marks as LaTeX's (`\textit{Byblis}`).
 */
export function bibtexTitle(title: string, markup?: string): string {
  if (markup !== undefined) return markupToLatex(parseInlineMarkup(markup) as MarkupNode);
  return splitMath(title)
    .map((segment) => {
      if (segment.kind === 'text') return bibtexEscape(segment.value);
      return `$${segment.value}$`;
    })
    .join('');
}

/** An author as BibTeX names them: "Family, Given"; a literal name in braces, so it is never split ("{OpenAI}"). */
export function bibtexName(author: Author): string {
  if (author.literal) return `{${bibtexEscape(author.literal)}}`;
  const family = bibtexEscape(author.family ?? '');
  // A family name of several words ("de la Fuente") is one unit once braced.
  const braced = /\s/.test(family) ? `{${family}}` : family;
  return author.given ? `${braced}, ${bibtexEscape(author.given)}` : braced;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** What a citation needs to know of a paper; only what its sources told us. */
export interface CitationInput extends PaperBibliography {
  /** Citation key: the paper's slug, unique on the site. */
  key: string;
  title: string;
  /** The title with its inline formatting, when the source formats it (see the paper schema). */
  titleMarkup?: string;
  titleDerived: boolean;
  /** Absolute URL of the paper's page. */
  url: string;
  /** Names of the listings it came from; none for a paper removed from the collection. */
  listings: string[];
}

/**
 * A BibTeX entry for a paper, typed by what its sources say: `@article` with `journal` for a
 * journal, `@inproceedings` with `booktitle` for a conference, `@misc` otherwise (arXiv
 * preprints carry `eprint` and `archivePrefix`, as arXiv's own export does).
 */
export function bibtexEntry(paper: CitationInput): string {
  const type = paper.venue && paper.venueType === 'journal' ? 'article' : paper.venue && paper.venueType === 'conference' ? 'inproceedings' : 'misc';
  const fields: [string, string][] = [['title', `{${bibtexTitle(paper.title, paper.titleMarkup)}}`]];
  if (paper.authors && paper.authors.length > 0) fields.push(['author', `{${paper.authors.map(bibtexName).join(' and ')}}`]);
  if (type === 'article') fields.push(['journal', `{${bibtexEscape(paper.venue!)}}`]);
  if (type === 'inproceedings') fields.push(['booktitle', `{${bibtexEscape(paper.venue!)}}`]);
  if (type === 'misc' && paper.venue) fields.push(['howpublished', `{${bibtexEscape(paper.venue)}}`]);
  if (paper.published) {
    const [year, month] = paper.published.split('-');
    fields.push(['year', `{${year}}`], ['month', MONTHS[Number(month) - 1]]);
  } else if (paper.year !== undefined) {
    fields.push(['year', `{${paper.year}}`]);
  }
  if (paper.doi) fields.push(['doi', `{${paper.doi}}`]);
  if (paper.arxiv) fields.push(['eprint', `{${paper.arxiv}}`], ['archiveprefix', '{arXiv}']);
  fields.push(['url', `{${paper.url}}`]);
  const notes = [paper.listings.length > 0 ? `Abstract listed in ${paper.listings.join('; ')}` : 'No longer in the collection'];
  if (paper.titleDerived) notes.push('the listing gave no title; this one was derived from the abstract\'s own words');
  fields.push(['note', `{${bibtexEscape(notes.join('; '))}}`]);
  const width = Math.max(...fields.map(([name]) => name.length));
  return `@${type}{${paper.key},\n${fields.map(([name, value]) => `  ${name.padEnd(width)} = ${value},`).join('\n')}\n}\n`;
}
