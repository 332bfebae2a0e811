/**
 * What the bibliography readers (BibTeX, RIS, CSL-JSON, arXiv Atom) share: turning what a
 * library parsed into the same raw records the copied listings give, with positions.
 */
import { authorSlug } from '../../src/lib/author-names.ts';
import { decodeTexAccents } from './decode-tex.ts';
import { quote, warn } from './messages.ts';
import type { AuthorName, Bibliographic, Message, ParsedFile, RawRecord } from './types.ts';

/** 1-based line and column of offsets into a text, answered by binary search over line starts. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === 10 || (char === 13 && text.charCodeAt(index + 1) !== 10)) starts.push(index + 1);
  }
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  };
}

/** A DOI without its resolver or `doi:` prefix, or undefined when the value is not a DOI. */
export function cleanDoi(value: string | undefined): string | undefined {
  const doi = value?.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
  return doi && /^10\.\d{4,9}\/\S+$/.test(doi) ? doi : undefined;
}

const ARXIV_ID = /(?:^|arxiv[.:/]\s*|arxiv\.org\/(?:abs|pdf)\/)((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7}))(?:v\d+)?(?:\.pdf)?$/i;

/** The arXiv identifier (without version) in the first value that holds one: an id, `arXiv:…`, an arxiv.org link or an arXiv DOI. */
export function arxivId(...values: (string | undefined)[]): string | undefined {
  for (const value of values) {
    const match = value === undefined ? null : ARXIV_ID.exec(value.trim());
    if (match) return match[1];
  }
  return undefined;
}

/** A link worth its own place on the page: not the DOI's or arXiv's own address. */
export function extraUrl(url: string | undefined, doi: string | undefined, arxiv: string | undefined): string | undefined {
  const link = url?.trim();
  if (!link || !/^https?:\/\/\S+$/i.test(link)) return undefined;
  if (doi && cleanDoi(link) === doi) return undefined;
  if (arxiv && arxivId(link) === arxiv) return undefined;
  return link;
}

/** YYYY, YYYY-MM or YYYY-MM-DD from date parts, or undefined when the year is missing or a part is out of range. */
export function isoFromParts(year?: number, month?: number, day?: number): string | undefined {
  if (year === undefined || !Number.isInteger(year) || year < 1000 || year > 9999) return undefined;
  const pad = (value: number) => String(value).padStart(2, '0');
  if (month === undefined || !Number.isInteger(month) || month < 1 || month > 12) return String(year);
  if (day === undefined || !Number.isInteger(day)) return `${year}-${pad(month)}`;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && day >= 1 ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A month as a number, from `3`, `03`, `mar` or `March`. */
export function monthNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim().toLowerCase();
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const index = MONTHS.indexOf(text.slice(0, 3));
  return index >= 0 ? index + 1 : undefined;
}

/** An ISO date or partial date at the start of a value (`2023-12-10`, `2023-12`, `2023`, `2023/12/10`, `2023-12-10T…`). */
export function isoFromText(value: string | undefined): string | undefined {
  const match = /^\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?/.exec(value ?? '');
  if (!match) return undefined;
  return isoFromParts(Number(match[1]), match[2] === undefined ? undefined : Number(match[2]), match[3] === undefined ? undefined : Number(match[3]));
}

/**
 * A name with TeX accents decoded (`Paczy\'nski` → Paczyński, `Bj{\o}rnstad` → Bjørnstad), empty
 * parts dropped and whitespace collapsed; undefined when nothing is left. When decoding changes
 * the name's author page, the page it had before is kept as `formerSlug` (it redirects).
 */
export function cleanName(name: AuthorName): AuthorName | undefined {
  const clean: AuthorName = {};
  let decoded = false;
  for (const key of ['given', 'family', 'literal'] as const) {
    const written = name[key]?.normalize('NFC').replace(/\s+/g, ' ').trim();
    const value = written === undefined ? undefined : decodeTexAccents(written).replace(/[{}]/g, (brace) => (written.includes('\\') ? '' : brace));
    if (value !== written) decoded = true;
    if (value) clean[key] = value;
  }
  const result = nameParts(clean);
  if (decoded && result) {
    const before = nameParts({ given: name.given?.normalize('NFC').replace(/\s+/g, ' ').trim(), family: name.family?.normalize('NFC').replace(/\s+/g, ' ').trim(), literal: name.literal?.normalize('NFC').replace(/\s+/g, ' ').trim() });
    const formerSlug = before ? authorSlug(before) : undefined;
    if (formerSlug && formerSlug !== authorSlug(result)) result.formerSlug = formerSlug;
  }
  return result;
}

function nameParts(name: AuthorName): AuthorName | undefined {
  const clean: AuthorName = {};
  for (const key of ['given', 'family', 'literal'] as const) if (name[key]) clean[key] = name[key];
  if (clean.literal && (clean.given || clean.family)) delete clean.literal;
  // One name alone ("OpenAI", "Plato") is a literal name, whichever part the source put it in.
  if (!clean.literal && !(clean.given && clean.family)) return clean.given || clean.family ? { literal: (clean.given ?? clean.family)! } : undefined;
  return Object.keys(clean).length > 0 ? clean : undefined;
}

/** Keywords split on commas or semicolons, trimmed, each once, in source order. */
export function cleanKeywords(values: readonly (string | undefined)[]): string[] {
  const keywords: string[] = [];
  for (const value of values) {
    for (const part of (value ?? '').split(/[;,]/)) {
      const keyword = part.normalize('NFC').replace(/\s+/g, ' ').trim();
      if (keyword && !keywords.some((known) => known.toLowerCase() === keyword.toLowerCase())) keywords.push(keyword);
    }
  }
  return keywords;
}

/** What a reader found in one entry, before it becomes a raw record. */
export interface EntryFields {
  title?: string;
  abstract?: string;
  bibliographic: Bibliographic;
  /** The conventions the title and abstract are written in (see RawRecord.markup). */
  markup?: RawRecord['markup'];
}

/**
 * Add one bibliography entry to a parsed file: a record when it has an abstract; otherwise a
 * warning at its line and one rejection (the site shows abstracts, so there is nothing to show).
 */
export function addEntry(result: ParsedFile, line: number, entry: EntryFields, what: string): void {
  // NFC: decoders build accents from combining marks (`{\"o}` → o + U+0308); pages, slugs and search want one character.
  const abstract = entry.abstract?.normalize('NFC').trim() ?? '';
  if (abstract === '') {
    result.rejected += 1;
    const name = entry.title?.trim() ? ` ${quote(entry.title)}` : '';
    result.messages.push(
      warn(result.file, line, 1, `${what}${name} has no abstract and was skipped; export it with its abstract (Zotero: the "Abstract" field) to include it`, 'missing-abstract'),
    );
    return;
  }
  const title = entry.title?.normalize('NFC').trim();
  const record: RawRecord = {
    file: result.file,
    line,
    abstract,
    abstractLine: line,
    abstractColumn: 1,
    bibliographic: entry.bibliographic,
  };
  if (title) record.title = title;
  if (entry.markup) {
    record.markup = entry.markup;
    // Venues are plain text, but TeX-flavoured sources write accents in them too (`K\^oky\^uroku`).
    const venue = entry.bibliographic.venue;
    if (venue?.includes('\\')) record.bibliographic = { ...entry.bibliographic, venue: decodeTexAccents(venue) };
  }
  result.records.push(record);
}

/** A malformed entry: a warning at its line, one rejection; the entries around it are read on. */
export function rejectEntry(result: ParsedFile, line: number, column: number, reason: string): void {
  result.rejected += 1;
  result.messages.push(warn(result.file, line, column, reason, 'malformed-entry'));
}

/** A new, empty result for one file. */
export function emptyResult(file: string, format: string, messages: Message[] = []): ParsedFile {
  return { file, format, records: [], rejected: 0, messages };
}
