import { quote, warn } from './messages.ts';
import { splitLines, type NumberedLine } from './split-lines.ts';
import type { ParsedFile, RawRecord } from './types.ts';

/** Page chrome that a copied Hugging Face listing carries; never part of a paper. */
const CHROME = [
  /^new$/i,
  /^Get trending papers in your email inbox!?$/i,
  /^Subscribe$/i,
  /^Daily Papers$/i,
  /^by ?AK and the research community$/i,
];
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const LISTING_DATE = new RegExp(`^${MONTH} \\d{1,2}$`);
/** `Sep 13`, `Mar 26, 2024`, each optionally followed by an upvote count. */
const DATE_LINE = new RegExp(`^(${MONTH} \\d{1,2}(?:, \\d{4})?)(?: (\\d+))?$`);
const AUTHORS = /^•\s*(\d+)\s+authors?$/;
const SEPARATOR = /^[·•]$/;
/** An abstract is prose: long. A title is short. Used only to recover from missing lines. */
const SHORT = 200;

/** True when the text looks like a copied Hugging Face papers listing. */
export function isHfListing(text: string): boolean {
  const head = splitLines(text).slice(0, 40).map((line) => line.text.trim());
  return head.some((line) => CHROME.some((rule) => rule.test(line))) || text.includes('\n·\n');
}

function isChrome(text: string): boolean {
  return CHROME.some((rule) => rule.test(text));
}

function isMetadata(text: string): boolean {
  return AUTHORS.test(text) || SEPARATOR.test(text) || DATE_LINE.test(text);
}

/** `ServiceNow-AI ServiceNow-AI` (avatar text, then name) becomes `ServiceNow-AI`. */
function collapseRepeatedName(name: string): string {
  const words = name.split(/\s+/);
  const half = words.length / 2;
  if (Number.isInteger(half) && words.slice(0, half).join(' ') === words.slice(half).join(' ')) {
    return words.slice(0, half).join(' ');
  }
  return name;
}

/** Parse a copied Hugging Face "Daily Papers" listing into title/abstract records with metadata. */
export function parseHfListing(file: string, text: string): ParsedFile {
  const result: ParsedFile = { file, format: 'hf-listing', records: [], rejected: 0, messages: [] };
  const lines: NumberedLine[] = splitLines(text)
    .map((line) => ({ number: line.number, text: line.text.trim() }))
    .filter((line) => line.text !== '');

  let index = 0;
  // Header: chrome and the listing date, before the first paper.
  while (index < lines.length && (isChrome(lines[index].text) || LISTING_DATE.test(lines[index].text))) {
    if (LISTING_DATE.test(lines[index].text)) result.listingDateLabel = lines[index].text;
    index += 1;
  }

  while (index < lines.length) {
    const head = lines[index];
    if (isChrome(head.text)) {
      index += 1;
      continue;
    }
    if (isMetadata(head.text)) {
      result.messages.push(
        warn(file, head.number, 1, `Metadata line ${quote(head.text)} follows no paper and was ignored`, 'stray-metadata'),
      );
      index += 1;
      continue;
    }
    const next = lines[index + 1];
    const afterNext = lines[index + 2];
    let title: NumberedLine | undefined = head;
    let abstract: NumberedLine | undefined = next;
    if (head.text.length >= SHORT && (!next || next.text.length < SHORT || isMetadata(next.text))) {
      // A long line where a title should be: an abstract whose title line is missing.
      title = undefined;
      abstract = head;
      result.messages.push(
        warn(file, head.number, 1, 'Abstract without a title line; a title was derived from its words', 'missing-title'),
      );
      index += 1;
    } else if (
      !next || isMetadata(next.text) || isChrome(next.text) ||
      (next.text.length < SHORT && afterNext !== undefined && afterNext.text.length >= SHORT)
    ) {
      // A title with no abstract under it: nothing to publish.
      result.rejected += 1;
      result.messages.push(
        warn(file, head.number, 1, `Title ${quote(head.text)} has no abstract under it; the record was skipped`, 'missing-abstract'),
      );
      index += 1;
      continue;
    } else {
      index += 2;
    }

    const record: RawRecord = {
      file,
      line: (title ?? abstract).number,
      title: title?.text,
      abstract: abstract.text,
      abstractLine: abstract.number,
      abstractColumn: 1,
    };

    // Optional metadata block: `• N authors` or an organisation, a `·` line, then a date.
    const first = lines[index];
    const second = lines[index + 1];
    if (first && (AUTHORS.test(first.text) || (second && SEPARATOR.test(second.text)))) {
      const authors = AUTHORS.exec(first.text);
      if (authors) record.authorsCount = Number(authors[1]);
      else record.organization = collapseRepeatedName(first.text);
      index += 1;
      if (lines[index] && SEPARATOR.test(lines[index].text)) index += 1;
    }
    const dateLine = lines[index];
    const date = dateLine ? DATE_LINE.exec(dateLine.text) : null;
    if (dateLine && date) {
      record.dateLabel = date[1];
      record.dateLine = dateLine.number;
      if (date[2] !== undefined) record.upvotes = Number(date[2]);
      index += 1;
    }
    result.records.push(record);
  }
  return result;
}
