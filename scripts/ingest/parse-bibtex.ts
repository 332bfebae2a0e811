/**
 * BibTeX and BibLaTeX (`.bib`), as Zotero (Better BibTeX), Mendeley, JabRef and arXiv export
 * it, through @retorquere/bibtex-parser (the parser behind Better BibTeX's imports), which
 * decodes LaTeX to Unicode: `Sch{\"o}lkopf` → Schölkopf, `{\L}` → Ł, `--` → –, ``…'' → “…”.
 *
 * The library turns math into Unicode look-alikes and marks emphasis with HTML. Titles and
 * abstracts keep their math instead: before decoding, each `$…$` (found by the same rule as
 * in every other dump) is set aside behind a placeholder command, and after decoding it comes
 * back as written, so it renders with KaTeX. `<` and `>` stay themselves (LaTeX's old font
 * encoding would make them ¡ and ¿), and the library's own HTML marks are dropped.
 */
import { FieldMode, parse, type Creator, type Entry } from '@retorquere/bibtex-parser';
import { addEntry, arxivId, cleanDoi, cleanKeywords, cleanName, emptyResult, extraUrl, isoFromParts, isoFromText, lineIndex, monthNumber, rejectEntry } from './bibliographic.ts';
import { clip, quote, warn } from './messages.ts';
import { decoderOptions, protectTex } from './decode-tex.ts';
import type { AuthorName, Bibliographic, ParsedFile } from './types.ts';

/** An entry's `@type{` or `@type(` at the start of a line (`@comment`, `@string` and `@preamble` are not entries). */
const ENTRY_START = /^[ \t]*@(?!comment\b|string\b|preamble\b)[a-zA-Z]+[ \t]*[{(]/im;

/** True when the text holds at least one BibTeX entry at the start of a line. */
export function isBibtex(text: string): boolean {
  return ENTRY_START.test(text);
}

/** The decoder's text made plain: its HTML marks dropped, the protected characters and the math put back. */
function restore(text: string, math: readonly string[]): string {
  return text
    .replace(/<\/?(?:i|b|sup|sub|code|p|br|li|ul|blockquote|h[1-6]|span(?: [^>]*)?)>/g, '')
    .replace(/\uE000(\d+)\uE001/g, (_match, index: string) => math[Number(index)] ?? '')
    .replace(/\uE002/g, '<')
    .replace(/\uE003/g, '>');
}

/** Names of commands the decoder does not know, per entry key, to report once each. */
type Unknown = Map<string, Set<string>>;

/** The shared decoder's options (decode-tex.ts); the first reading keeps titles and abstracts as their LaTeX, for the second to decode with math set aside. */
function bibtexOptions(unknown: Unknown, verbatimText = false) {
  return decoderOptions((command, entry) => {
    const key = entry?.key ?? '';
    if (!unknown.has(key)) unknown.set(key, new Set());
    unknown.get(key)!.add(command);
  }, verbatimText ? [...FieldMode.verbatim, 'title', 'abstract'] : []);
}

function personName(creator: Creator): AuthorName | undefined {
  if (creator.name !== undefined) return cleanName({ literal: creator.name });
  const family = [creator.prefix, creator.lastName, creator.suffix ? `, ${creator.suffix}` : undefined].filter(Boolean).join(' ').replace(' ,', ',');
  return cleanName({ given: creator.firstName, family });
}

function field(entry: Entry, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = (entry.fields as Record<string, unknown>)[name];
    if (typeof value === 'string' && value.trim() !== '') return value.normalize('NFC').trim();
  }
  return undefined;
}

const CONFERENCE = /^(?:inproceedings|conference|proceedings)$/i;
const JOURNAL = /^(?:article)$/i;

function bibliographic(entry: Entry): Bibliographic {
  const doi = cleanDoi(field(entry, 'doi'));
  const eprintType = field(entry, 'archiveprefix', 'eprinttype')?.toLowerCase();
  const eprint = field(entry, 'eprint');
  const arxiv = arxivId(eprintType === 'arxiv' || eprintType === undefined ? eprint : undefined, field(entry, 'url'), doi, field(entry, 'journal', 'journaltitle'));
  const journal = field(entry, 'journaltitle', 'journal');
  const booktitle = field(entry, 'booktitle', 'eventtitle');
  const venueType = JOURNAL.test(entry.type) && journal ? 'journal' : CONFERENCE.test(entry.type) && booktitle ? 'conference' : undefined;
  const venue = journal ?? booktitle ?? field(entry, 'howpublished', 'publisher', 'institution', 'school');
  const issued = isoFromText(field(entry, 'date')) ?? isoFromParts(Number(field(entry, 'year')) || undefined, monthNumber(field(entry, 'month')), Number(field(entry, 'day')) || undefined);
  const authors = (entry.fields.author ?? []).map(personName).filter((name): name is AuthorName => name !== undefined);
  const keywords = cleanKeywords(entry.fields.keywords ?? []);
  const result: Bibliographic = { authors, keywords };
  if (doi) result.doi = doi;
  if (arxiv) result.arxiv = arxiv;
  const url = extraUrl(field(entry, 'url'), doi, arxiv);
  if (url) result.url = url;
  if (venue && !(arxiv && /^arxiv\b/i.test(venue))) result.venue = venue;
  if (venueType && result.venue) result.venueType = venueType;
  if (issued) result.issued = issued;
  return result;
}

/** Parse a BibTeX or BibLaTeX file: one record per entry with an abstract; every other entry is reported at its line. */
export function parseBibtex(file: string, text: string): ParsedFile {
  const result = emptyResult(file, 'bibtex');
  const at = lineIndex(text);
  const unknown: Unknown = new Map();
  const decoded = parse(text, bibtexOptions(unknown, true));
  const entries = decoded.entries.filter((entry) => entry.input !== '');

  // Where each entry starts: its source text, found in order.
  let cursor = 0;
  const positions: { line: number; entry?: Entry; error?: string }[] = [];
  for (const entry of entries) {
    const offset = text.indexOf(entry.input, cursor);
    if (offset >= 0) cursor = offset + entry.input.length;
    positions.push({ line: at(Math.max(offset, 0)).line, entry });
  }
  cursor = 0;
  for (const error of decoded.errors) {
    if (!error.input || !/^\s*@/.test(error.input)) {
      // Not a broken entry (an undefined @string, say): the entries are read; say what the parser said.
      const offset = error.input ? text.indexOf(error.input) : -1;
      result.messages.push(warn(file, offset >= 0 ? at(offset).line : 1, 1, `BibTeX parser: ${clip(error.error)}`, 'bibtex-parser'));
      continue;
    }
    const offset = text.indexOf(error.input, cursor);
    if (offset >= 0) cursor = offset + error.input.length;
    positions.push({ line: at(Math.max(offset, 0) + (error.input.length - error.input.trimStart().length)).line, error: error.error });
  }
  positions.sort((a, b) => a.line - b.line);

  // Titles and abstracts again, from their LaTeX, with math kept as math.
  const math: string[][] = [];
  const synthetic: string[] = [];
  for (const [index, { entry }] of positions.entries()) {
    if (!entry) continue;
    const own: string[] = [];
    math[index] = own;
    const parts = ['title', 'abstract'].flatMap((name) => {
      const value = (entry.fields as Record<string, unknown>)[name];
      return typeof value === 'string' ? [`${name} = {${protectTex(value, own, { typeset: true })}}`] : [];
    });
    synthetic.push(`@misc{atlas${index},\n${parts.join(',\n')}\n}\n`);
  }
  const texts = new Map<number, Entry>();
  for (const entry of parse(synthetic.join('\n'), bibtexOptions(unknown)).entries) {
    const index = Number(/^atlas(\d+)$/.exec(entry.key)?.[1]);
    if (entry.input !== '' && Number.isInteger(index)) texts.set(index, entry);
  }

  for (const [index, position] of positions.entries()) {
    if (position.error !== undefined) {
      const reason = position.error.replace(/\s+at line \d+, column \d+/, '').replace(/\s+/g, ' ');
      rejectEntry(result, position.line, 1, `Malformed BibTeX entry, skipped (${reason.slice(0, 160)}); check its braces and commas`);
      continue;
    }
    const entry = position.entry!;
    const decodedText = texts.get(index);
    const plain = (name: 'title' | 'abstract') => {
      const value = decodedText ? field(decodedText, name) : undefined;
      if (value !== undefined) return restore(value, math[index]);
      // The second reading failed (math with unbalanced braces, say): the LaTeX as written.
      return field(entry, name);
    };
    const commands = [...new Set([...(unknown.get(entry.key) ?? []), ...(unknown.get(`atlas${index}`) ?? [])])];
    if (commands.length > 0) {
      result.messages.push(warn(file, position.line, 1, `Unknown LaTeX ${commands.length === 1 ? 'command' : 'commands'} ${commands.map(quote).join(', ')} in entry \`${entry.key}\` shown as written`, 'latex-unknown-command'));
    }
    addEntry(result, position.line, { title: plain('title'), abstract: plain('abstract'), bibliographic: bibliographic(entry), markup: 'rich' }, `BibTeX entry \`${entry.key}\``);
  }
  return result;
}
