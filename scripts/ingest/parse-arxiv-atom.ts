/**
 * A saved arXiv API response (Atom XML, `.xml` or `.atom`), read by fast-xml-parser. Each
 * `<entry>` is parsed on its own, so a broken entry costs only itself and every record keeps
 * its line. Author names are split into given and family names by citation.js's name parser.
 */
import { parse as parseName } from '@citation-js/name';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { addEntry, arxivId, cleanDoi, cleanName, emptyResult, isoFromText, lineIndex, rejectEntry } from './bibliographic.ts';
import { fail } from './messages.ts';
import type { AuthorName, Bibliographic, ParsedFile } from './types.ts';

/** True when the text is an Atom feed (`<feed xmlns="http://www.w3.org/2005/Atom">`). */
export function isArxivAtom(text: string): boolean {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 4096);
  return /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<feed\b/.test(head) && head.includes('http://www.w3.org/2005/Atom');
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  trimValues: true,
  parseTagValue: false,
  isArray: (name) => ['author', 'link', 'category'].includes(name),
});

interface AtomEntry {
  id?: string;
  title?: string;
  summary?: string;
  published?: string;
  author?: { name?: string }[];
  link?: { '@href'?: string; '@title'?: string; '@rel'?: string }[];
  doi?: string;
  journal_ref?: string;
  primary_category?: { '@term'?: string };
  category?: { '@term'?: string }[];
  comment?: string;
}

function value(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && '#text' in node) return String((node as { '#text': unknown })['#text']);
  return undefined;
}

function personName(name: string | undefined): AuthorName | undefined {
  if (!name?.trim()) return undefined;
  const parts = parseName(name.trim()) as Record<string, string | undefined>;
  const family = [parts['non-dropping-particle'], parts.family].filter(Boolean).join(' ');
  return cleanName({ given: [parts.given, parts['dropping-particle']].filter(Boolean).join(' '), family: parts.suffix ? `${family}, ${parts.suffix}` : family });
}

function bibliographic(entry: AtomEntry): Bibliographic {
  const id = value(entry.id);
  const doi = cleanDoi(value(entry.doi));
  const result: Bibliographic = {
    authors: (entry.author ?? []).map((author) => personName(value(author.name))).filter((name): name is AuthorName => name !== undefined),
    keywords: [],
  };
  const arxiv = arxivId(id);
  if (arxiv) result.arxiv = arxiv;
  // Its categories, the primary first; an old-style id (`hep-th/9108002`) names its archive.
  const subjects = [entry.primary_category?.['@term'], ...(entry.category ?? []).map((category) => category['@term'])]
    .map((term) => term?.trim())
    .filter((term): term is string => Boolean(term) && /^[a-z-]+(?:\.[A-Za-z-]+)?$/.test(term!));
  if (subjects.length === 0 && arxiv?.includes('/')) subjects.push(arxiv.split('/')[0].replace(/\.[A-Z]{2}$/, ''));
  if (subjects.length > 0) result.subjects = [...new Set(subjects)];
  if (doi) result.doi = doi;
  const journal = value(entry.journal_ref)?.replace(/\s+/g, ' ').trim();
  if (journal) result.venue = journal;
  const issued = isoFromText(value(entry.published));
  if (issued) result.issued = issued;
  return result;
}

/** Parse an arXiv API response: one record per `<entry>`; an API error or a broken entry is reported at its line. */
export function parseArxivAtom(file: string, text: string): ParsedFile {
  const result = emptyResult(file, 'arxiv-atom');
  const at = lineIndex(text);
  // Each entry runs from its `<entry` to its `</entry>`; one without an end stops at the next entry.
  const starts = [...text.matchAll(/<entry[\s>]/g)].map((match) => match.index);
  for (const [index, start] of starts.entries()) {
    const line = at(start).line;
    const end = /<\/entry\s*>/.exec(text.slice(start, starts[index + 1] ?? text.length));
    if (!end) {
      rejectEntry(result, line, 1, 'Atom entry without its `</entry>`, skipped; was the response saved cut short?');
      continue;
    }
    const source = text.slice(start, start + end.index + end[0].length);
    const valid = XMLValidator.validate(source);
    if (valid !== true) {
      rejectEntry(result, line + valid.err.line - 1, valid.err.col, `Malformed Atom entry, skipped (${valid.err.msg})`);
      continue;
    }
    const entry = (parser.parse(source) as { entry?: AtomEntry }).entry ?? {};
    const id = value(entry.id) ?? '';
    if (/arxiv\.org\/api\/errors/.test(id)) {
      result.messages.push(fail(file, line, 1, `The arXiv API answered with an error: ${value(entry.summary) ?? 'no details'}; fix the query and save the response again`, 'arxiv-api-error'));
      result.rejected += 1;
      continue;
    }
    addEntry(result, line, { title: value(entry.title), abstract: value(entry.summary), bibliographic: bibliographic(entry), markup: 'tex' }, `arXiv entry${id ? ` \`${id}\`` : ''}`);
  }
  return result;
}
