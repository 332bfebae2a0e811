/**
 * CSL-JSON (`.json`): an array of items, as Zotero's "CSL JSON" export writes it. The JSON is
 * read by jsonc-parser, which keeps every item's offset (so messages name its line) and reads
 * on past a syntax error, so one broken item costs only itself.
 */
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { addEntry, arxivId, cleanDoi, cleanKeywords, cleanName, emptyResult, extraUrl, isoFromParts, isoFromText, lineIndex, rejectEntry } from './bibliographic.ts';
import { fail, warn } from './messages.ts';
import type { AuthorName, Bibliographic, ParsedFile } from './types.ts';

const CSL_KEYS = ['title', 'abstract', 'author', 'issued', 'DOI', 'container-title', 'type', 'URL'];

/** True when the text is a JSON array (or one object) of items with CSL's fields. */
export function isCslJson(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('[') && !start.startsWith('{')) return false;
  return CSL_KEYS.some((key) => start.includes(`"${key}"`));
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** A CSL date: `date-parts`, else `raw` or `literal` when they start with an ISO date. */
function cslDate(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const date = value as { 'date-parts'?: unknown[][]; raw?: unknown; literal?: unknown };
  const parts = date['date-parts']?.[0]?.map((part) => Number(part));
  if (parts && parts.length > 0 && parts.every(Number.isFinite)) return isoFromParts(parts[0], parts[1], parts[2]);
  return isoFromText(text(date.raw)) ?? isoFromText(text(date.literal));
}

function cslName(value: unknown): AuthorName | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const name = value as Record<string, unknown>;
  if (text(name.literal)) return cleanName({ literal: text(name.literal) });
  const family = [text(name['non-dropping-particle']), text(name.family)].filter(Boolean).join(' ');
  const given = [text(name.given), text(name['dropping-particle'])].filter(Boolean).join(' ');
  const suffix = text(name.suffix);
  return cleanName({ given, family: suffix ? `${family}, ${suffix}` : family });
}

const JOURNAL_TYPES = new Set(['article-journal', 'article-magazine', 'article-newspaper']);
const CONFERENCE_TYPES = new Set(['paper-conference']);

/** The bibliographic fields of one CSL item (also what citation.js makes of a RIS entry). */
export function cslBibliographic(item: Record<string, unknown>): Bibliographic {
  const doi = cleanDoi(text(item.DOI));
  const url = text(item.URL);
  const arxiv = arxivId(text(item.arxiv), text(item.number), url, doi, text(item.id), text(item['container-title']));
  const container = text(item['container-title']) ?? text(item['event-title']) ?? text(item.event);
  const type = text(item.type) ?? '';
  const issued = cslDate(item.issued);
  const keywords = cleanKeywords(Array.isArray(item.keyword) ? item.keyword.map(text) : [text(item.keyword)]);
  const authors = (Array.isArray(item.author) ? item.author : []).map(cslName).filter((name): name is AuthorName => name !== undefined);
  const result: Bibliographic = { authors, keywords };
  if (doi) result.doi = doi;
  if (arxiv) result.arxiv = arxiv;
  const link = extraUrl(url, doi, arxiv);
  if (link) result.url = link;
  const venue = container ?? (type === 'article' || type === 'report' ? undefined : text(item.publisher));
  if (venue && !(arxiv && /^arxiv\b/i.test(venue))) result.venue = venue;
  if (result.venue && JOURNAL_TYPES.has(type)) result.venueType = 'journal';
  if (result.venue && CONFERENCE_TYPES.has(type)) result.venueType = 'conference';
  if (issued) result.issued = issued;
  return result;
}

/** Parse a CSL-JSON file: one record per item with an abstract; other items and syntax errors are reported at their lines. */
export function parseCslJson(file: string, source: string): ParsedFile {
  const result = emptyResult(file, 'csl-json');
  const at = lineIndex(source);
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  for (const error of errors) {
    const { line, column } = at(error.offset);
    result.messages.push(warn(file, line, column, `JSON syntax error (${printParseErrorCode(error.error)}); the item here may be incomplete`, 'json-syntax'));
  }
  let items: Node[] | undefined;
  if (root?.type === 'array') items = root.children ?? [];
  else if (root?.type === 'object') items = [root];
  if (!items) {
    result.messages.push(fail(file, 1, 1, 'This JSON file is not CSL-JSON: expected an array of items (Zotero: File → Export Library → CSL JSON)', 'unknown-format'));
    return result;
  }
  for (const node of items) {
    const { line, column } = at(node.offset);
    if (node.type !== 'object') {
      rejectEntry(result, line, column, `CSL-JSON item is a ${node.type}, not an object; skipped`);
      continue;
    }
    const item = getNodeValue(node) as Record<string, unknown>;
    addEntry(result, line, { title: text(item.title), abstract: text(item.abstract), bibliographic: cslBibliographic(item), markup: 'rich' }, `CSL-JSON item${text(item.id) ? ` \`${text(item.id)}\`` : ''}`);
  }
  return result;
}
