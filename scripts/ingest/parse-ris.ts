/**
 * RIS (`.ris`), both tag sets: `TI/AU/AB/PY/DA/DO/UR` and the older `T1/A1/N2/Y1/JO/T2`,
 * through citation.js's RIS plugin, which reads every tag into CSL-JSON. Each `TY … ER`
 * entry is handed to it alone, so a malformed entry costs only itself and every record
 * keeps its line.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { cslBibliographic } from './parse-csl-json.ts';
import { addEntry, emptyResult, rejectEntry } from './bibliographic.ts';
import { warn } from './messages.ts';
import { splitLines } from './split-lines.ts';
import type { ParsedFile } from './types.ts';

const TAG = /^([A-Z][A-Z0-9]) {2}-(?: (.*))?$/;

/** True when the first line that is not blank opens a RIS entry (`TY  - JOUR`). */
export function isRis(text: string): boolean {
  const first = splitLines(text).find((line) => line.text.trim() !== '');
  return first !== undefined && /^TY {2}- ?\S/.test(first.text.trimStart());
}

/** One CSL item from one entry's text, or the reason the library could not read it. */
function readEntry(text: string): { item?: Record<string, unknown>; error?: string } {
  try {
    const items = plugins.input.chain(text, { forceType: '@ris/file', generateGraph: false }) as Record<string, unknown>[];
    return items.length === 1 ? { item: items[0] } : { error: `read as ${items.length} entries` };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Parse a RIS file: one record per entry with an abstract; every other entry is reported at its `TY` line. */
export function parseRis(file: string, text: string): ParsedFile {
  const result = emptyResult(file, 'ris');
  let entry: { line: number; lines: string[] } | undefined;
  const finish = (closed: boolean) => {
    if (!entry) return;
    const { line, lines } = entry;
    entry = undefined;
    if (!closed) {
      rejectEntry(result, line, 1, 'RIS entry has no `ER  -` line before the next `TY  -` or the end of the file, skipped; end each entry with `ER  - `');
      return;
    }
    const read = readEntry(`${lines.join('\n')}\nER  - \n`);
    if (!read.item) {
      rejectEntry(result, line, 1, `Malformed RIS entry, skipped (${read.error})`);
      return;
    }
    const item = read.item;
    addEntry(result, line, { title: typeof item.title === 'string' ? item.title : undefined, abstract: typeof item.abstract === 'string' ? item.abstract : undefined, bibliographic: cslBibliographic(item), markup: 'rich' }, 'RIS entry');
  };
  let stray: number | undefined;
  for (const { number, text: raw } of splitLines(text)) {
    const line = raw.replace(/\s+$/, '');
    const tag = TAG.exec(line.trimStart());
    if (tag?.[1] === 'TY') {
      finish(false);
      entry = { line: number, lines: [line.trimStart()] };
      continue;
    }
    if (tag?.[1] === 'ER') {
      finish(true);
      continue;
    }
    if (entry) {
      entry.lines.push(line);
      continue;
    }
    if (line.trim() !== '' && stray === undefined) stray = number;
  }
  finish(false);
  if (stray !== undefined) {
    result.messages.push(warn(file, stray, 1, 'Text outside any RIS entry (between `ER  -` and the next `TY  -`) was ignored', 'unexpected-line'));
  }
  return result;
}
