import { basename } from 'node:path';
import type { PhrasingContent } from 'mdast';
import { buildBody, readInline, titlePhrasing, type Markup, type TextOrigin } from './build-body.ts';
import { plainText } from './rich-text.ts';
import { deriveTitle } from './derive-title.ts';
import { quote, warn } from './messages.ts';
import { resolveDate } from './resolve-date.ts';
import type { Message, NormalRecord, ParsedFile, RawRecord, SourceInfo } from './types.ts';

/** Control characters other than whitespace never belong in prose; they are dropped. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Collapse runs of ASCII whitespace to one space and trim; other characters are kept as they are. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/[\t\n\v\f\r ]+/g, ' ').trim();
}

function cleanText(text: string, record: RawRecord, line: number, messages: Message[]): string {
  if (CONTROL.test(text)) {
    messages.push(warn(record.file, line, 1, 'Control characters were removed from this line', 'control-character'));
  }
  return normalizeWhitespace(text.replace(CONTROL, ''));
}

/**
 * A title read by its source's conventions: its plain text (formatting left out, math kept as
 * `$…$`) and, when it is formatted (emphasis, sub/superscript, small caps), its phrasing.
 */
export function readTitle(written: string, markup: Markup, origin: TextOrigin, messages: Message[]): { title: string; phrasing?: PhrasingContent[] } {
  if (markup === 'plain') return { title: written };
  const runs = readInline(written, markup, origin, messages);
  const title = normalizeWhitespace(plainText(runs));
  if (!runs.some((run) => run.marks.length > 0)) return { title };
  return { title, phrasing: titlePhrasing(runs) };
}

/** Normalize one record: clean text, the abstract as mdast, a title (derived if missing), a full date. */
export function normalizeRecord(record: RawRecord, source: SourceInfo): { record: NormalRecord; messages: Message[]; repairs: Map<string, number> } {
  const messages: Message[] = [];
  const abstractText = cleanText(record.abstract, record, record.abstractLine, messages);
  const written = record.title === undefined ? '' : cleanText(record.title, record, record.line, messages);
  const markup = record.markup ?? 'plain';
  const { title, phrasing } = written === '' ? { title: '' } : readTitle(written, markup, { file: record.file, line: record.line, column: 1 }, messages);
  const { body, messages: bodyMessages, repairs } = buildBody(abstractText, {
    file: record.file,
    line: record.abstractLine,
    column: record.abstractColumn,
  }, markup);
  messages.push(...bodyMessages);

  const normal: NormalRecord = {
    raw: record,
    listing: source.listing,
    title: title || deriveTitle(abstractText),
    titleDerived: title === '',
    abstractText,
    body,
  };
  if (phrasing) normal.titlePhrasing = phrasing;
  const issued = record.bibliographic?.issued;
  if (issued !== undefined) {
    normal.year = Number(issued.slice(0, 4));
    if (issued.length === 10) normal.published = issued;
  }
  if (record.dateLabel !== undefined) {
    normal.publishedLabel = record.dateLabel;
    const date = resolveDate(record.dateLabel, source.captured);
    if (date.ok) normal.published = date.iso;
    else if (date.reason === 'no-year') {
      messages.push(
        warn(record.file, record.dateLine ?? record.line, 1,
          `Date ${quote(record.dateLabel)} has no year; add \`captured: YYYY-MM-DD\` for ${basename(record.file)} in seeds/sources.yaml`,
          'date-without-year'),
      );
    } else {
      messages.push(warn(record.file, record.dateLine ?? record.line, 1, `Date ${quote(record.dateLabel)} is not a real day; it is shown as written`, 'invalid-date'));
    }
  }
  return { record: normal, messages, repairs };
}

/** Normalize every record of every parsed dump, in reading order. */
export function normalizeAll(
  files: readonly ParsedFile[],
  sources: ReadonlyMap<string, SourceInfo>,
): { records: NormalRecord[]; messages: Message[]; repairs: Map<string, number> } {
  const records: NormalRecord[] = [];
  const messages: Message[] = [];
  const repairs = new Map<string, number>();
  for (const file of files) {
    const name = basename(file.file);
    const source = sources.get(name) ?? { name, label: name, listing: name.replace(/\.[^.]*$/, '') };
    for (const raw of file.records) {
      const result = normalizeRecord(raw, source);
      records.push(result.record);
      messages.push(...result.messages);
      for (const [id, count] of result.repairs) repairs.set(id, (repairs.get(id) ?? 0) + count);
    }
  }
  return { records, messages, repairs };
}
