import { warn } from './messages.ts';
import { splitLines } from './split-lines.ts';
import type { ParsedFile, RawRecord } from './types.ts';

const RECORD = /^(\s*Abstract\s*:\s*)(.*)$/i;

/** True when every non-blank line of the text is an `Abstract:` record. */
export function isAbstractLines(text: string): boolean {
  const lines = splitLines(text).filter((line) => line.text.trim() !== '');
  return lines.length > 0 && lines.filter((line) => RECORD.test(line.text)).length / lines.length >= 0.5;
}

/** Parse a dump of `Abstract: <text>` lines, one untitled record per line. */
export function parseAbstractLines(file: string, text: string): ParsedFile {
  const result: ParsedFile = { file, format: 'abstract-lines', records: [], rejected: 0, messages: [] };
  for (const { number, text: line } of splitLines(text)) {
    if (line.trim() === '') continue;
    const match = RECORD.exec(line);
    if (!match) {
      result.rejected += 1;
      result.messages.push(
        warn(file, number, 1, 'Line is not an `Abstract:` record and was skipped; start it with `Abstract:` to include it', 'unexpected-line'),
      );
      continue;
    }
    const abstract = match[2].trim();
    if (abstract === '') {
      result.rejected += 1;
      result.messages.push(warn(file, number, 1, 'Empty abstract; the record was skipped', 'missing-abstract'));
      continue;
    }
    const record: RawRecord = {
      file,
      line: number,
      abstract,
      abstractLine: number,
      abstractColumn: match[1].length + 1,
    };
    result.records.push(record);
  }
  return result;
}
