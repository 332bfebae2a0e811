import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderPaperFile } from '../src/loaders/render-paper.ts';
import { run } from './ingest.ts';
import { seededRandom } from './seeded-random.ts';

const SEED_LISTING = readFileSync(join(import.meta.dirname, '..', 'seeds', '003_bd86be415be21a61.txt'), 'utf8');
const SEED_LINES = readFileSync(join(import.meta.dirname, '..', 'seeds', '000_d81bca234a2fd64b.txt'), 'utf8');
const NASTY = ['*', '_', '[', ']', '(', ')', '#', '>', '<', '{', '}', '`', '$', '$$', '\\', '\\(', '\\[', '&', '|', '~', '!', '<!--', 'import x from "y"', 'export const a = 1', '{props}', '<div onclick="x()">', '</script>', '\u0000', '\uFEFF', '\u2028', 'é', '漢字', '😀', '\uD800', '--', "``q''", '$x_1$', '$5', 'https://a.org/(x)', '\r', '\t', '\n\n'];

type Next = () => number;
const pick = <T>(next: Next, list: readonly T[]): T => list[Math.floor(next() * list.length)];

function nastyText(next: Next, length: number): string {
  let text = '';
  while (text.length < length) text += next() < 0.5 ? pick(next, NASTY) : pick(next, ['the', 'model', 'loss', ' ', ' ', '. ', 'We ', 'propose ']);
  return text;
}

/**
 * One random dump: text in some format and encoding, or bytes that are not text at all; and
 * whether it may hold U+FFFD of its own (random bytes, a lone surrogate, U+FFFD itself).
 */
function randomDump(next: Next): { bytes: Uint8Array; mayHoldReplacement: boolean } {
  const kind = Math.floor(next() * 7);
  let text: string;
  if (kind === 0) return { bytes: Uint8Array.from({ length: Math.floor(next() * 2000) }, () => Math.floor(next() * 256)), mayHoldReplacement: true };
  if (kind === 1) text = SEED_LISTING.slice(0, Math.floor(next() * SEED_LISTING.length)); // a listing cut anywhere
  else if (kind === 2) text = SEED_LINES.split('\n').map((line) => (next() < 0.3 ? line.slice(0, Math.floor(next() * line.length)) : line)).join(next() < 0.5 ? '\n' : '\r\n');
  else if (kind === 3) text = Array.from({ length: 1 + Math.floor(next() * 8) }, () => `Abstract: ${nastyText(next, 20 + Math.floor(next() * 400))}`).join('\n');
  else if (kind === 4) text = `Daily Papers\n\n${nastyText(next, 60)}\n\n${nastyText(next, 300)}\n\n  • 3 authors\n·\nFeb ${Math.floor(next() * 40)}\n`;
  else if (kind === 5) {
    // A huge line: an unbroken string, or a formula KaTeX cannot render.
    const huge = next() < 0.5 ? 'x'.repeat(50_000 + Math.floor(next() * 100_000)) : `$\\frac{${'x+'.repeat(5_000)}$`;
    text = `Abstract: ${huge} ${nastyText(next, 200)}\n`;
  }
  else text = nastyText(next, Math.floor(next() * 600));
  const encoding = Math.floor(next() * 4);
  const mayHoldReplacement = /[\uD800-\uDFFF\uFFFD]/.test(text);
  if (encoding === 1) return { bytes: Buffer.from(`\uFEFF${text}`, 'utf16le'), mayHoldReplacement };
  if (encoding === 2) return { bytes: Buffer.from(`\uFEFF${text}`, 'utf16le').swap16(), mayHoldReplacement };
  if (encoding === 3) return { bytes: Buffer.from(text, 'latin1'), mayHoldReplacement }; // Windows-1252-ish bytes, invalid as UTF-8
  return { bytes: Buffer.from(text, 'utf8'), mayHoldReplacement };
}

test('should never crash, always account for every record and report every file, for 60 random seed folders', () => {
  const next = seededRandom(20261202);
  for (let round = 0; round < 60; round += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-fuzz-'));
    mkdirSync(join(dir, 'seeds'));
    const names = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, index) => `dump-${index}.txt`);
    const dumps = names.map(() => randomDump(next));
    names.forEach((name, index) => writeFileSync(join(dir, 'seeds', name), dumps[index].bytes));
    const replacementInSource = dumps.some((dump) => dump.mayHoldReplacement);
    const lines: string[] = [];
    const { log, error } = console;
    console.log = (line: string) => lines.push(line);
    console.error = (line: string) => lines.push(line);
    let code: number;
    try {
      code = run(['--seeds', join(dir, 'seeds'), '--out', join(dir, 'papers'), '--listings', join(dir, 'listings.json'), '--permalinks', join(dir, 'permalinks.json'), '--cache', join(dir, 'cache.json'), '--topics-out', join(dir, 'topics.json'), '--map', join(dir, 'map.json'), '--topic-cache', join(dir, 'topic-cache.json'), '--dump-cache', join(dir, 'dumps')]);
    } catch (thrown) {
      assert.fail(`round ${round}: the ingest threw ${(thrown as Error).stack}`);
    } finally {
      console.log = log;
      console.error = error;
    }
    const output = lines.join('\n');
    try {
      // 2 is the conservation check failing: records read ≠ on pages + merged + rejected.
      assert.ok(code === 0 || code === 1, `round ${round}: exit ${code}\n${output.slice(0, 2000)}`);
      for (const name of names) assert.match(output, new RegExp(`^ {2}seeds/${name} {2}\\S+`, 'm'), `round ${round}: ${name} is not in the report`);
      // Whatever was written is valid MDX of text and math only, and renders.
      const papers = readdirSync(join(dir, 'papers'));
      for (const paper of papers) {
        const file = readFileSync(join(dir, 'papers', paper), 'utf8');
        renderPaperFile(file);
        // Text is decoded, never lost: U+FFFD on a page only where a dump itself holds one.
        if (!replacementInSource) assert.ok(!file.includes('\uFFFD'), `round ${round}: ${paper} shows U+FFFD that no dump holds`);
      }
      assert.match(output, new RegExp(`^Wrote ${papers.length} papers`, 'm'));
      assert.ok(output.split('\n').every((line) => line.length < 1000), `round ${round}: a report line of over 1,000 characters`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
