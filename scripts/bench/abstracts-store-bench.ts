/**
 * `npm run bench -- --abstracts-store [N]`: the rendered-abstracts store (src/lib/abstract-files.ts)
 * against the kept engine that ships with Node, `node:sqlite`, on N synthetic abstracts (100,000
 * by default) of the size the seeds' rendered abstracts have. For each: a cold build's writes
 * (every abstract added, the index written), a day's (the same store opened, 50 added, the
 * rest kept), what the pages do (each abstract read once, by digest, in a random order, as
 * pages are rendered 16 at a time), the files on disk, and the memory held by the process
 * that reads. Each engine runs in a process of its own so that one's heap does not count
 * against the other's.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ABSTRACTS_FILE, ABSTRACTS_FILE_ENV, AbstractsWriter, readAbstract, type StoredAbstract } from '../../src/lib/abstract-files.ts';
import { seededRandom } from '../seeded-random.ts';

/** A rendered abstract of about the seeds' size (HTML with KaTeX markup: 3 to 9 KB). */
function abstractOf(index: number): StoredAbstract {
  const random = seededRandom(index + 1);
  const words = Array.from({ length: 120 + Math.floor(random() * 120) }, () => Math.floor(random() * 1e6).toString(36));
  const text = `Paper ${index}: ${words.join(' ')}.`;
  const math = '<span class="katex"><span class="katex-mathml"><math><mi>x</mi></math></span><span class="katex-html" aria-hidden="true"><span class="base">x</span></span></span>';
  return { html: `<p>${text.replace(/ (\w{5}) /g, ` ${math} $1 `)}</p>`, text, excerpt: text.slice(0, 160) };
}

const digestOf = (index: number) => createHash('sha256').update(String(index)).digest('base64url');

interface EngineResult { writeColdS: number; writeDayS: number; readAllS: number; bytes: number; files: number; readerMB: number }

function bytesIn(dir: string): { bytes: number; files: number } {
  const names = readdirSync(dir);
  return { bytes: names.reduce((sum, name) => sum + statSync(join(dir, name)).size, 0), files: names.length };
}

/** Our store: the index file and its data file. */
function ours(dir: string, count: number): EngineResult {
  const index = join(dir, ABSTRACTS_FILE);
  let started = performance.now();
  const cold = new AbstractsWriter(index);
  for (let paper = 0; paper < count; paper += 1) cold.add(digestOf(paper), abstractOf(paper));
  cold.close();
  const writeColdS = (performance.now() - started) / 1000;
  started = performance.now();
  const day = new AbstractsWriter(index);
  for (let paper = 0; paper < count; paper += 1) day.keep(digestOf(paper));
  for (let paper = count; paper < count + 50; paper += 1) day.add(digestOf(paper), abstractOf(paper));
  day.close();
  const writeDayS = (performance.now() - started) / 1000;
  process.env[ABSTRACTS_FILE_ENV] = index;
  const before = process.memoryUsage().rss;
  started = performance.now();
  for (const paper of order(count)) readAbstract({ id: String(paper), digest: digestOf(paper) });
  const readAllS = (performance.now() - started) / 1000;
  return { writeColdS, writeDayS, readAllS, ...bytesIn(dir), readerMB: (process.memoryUsage().rss - before) / 1024 / 1024 };
}

/** node:sqlite: one table keyed by digest, written in one transaction per run. */
function sqlite(dir: string, count: number): EngineResult {
  const file = join(dir, 'abstracts.sqlite');
  const open = () => {
    const db = new DatabaseSync(file);
    db.exec('PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS abstracts (digest TEXT PRIMARY KEY, html TEXT, text TEXT, excerpt TEXT) WITHOUT ROWID');
    return db;
  };
  const write = (db: DatabaseSync, from: number, to: number) => {
    const insert = db.prepare('INSERT OR REPLACE INTO abstracts VALUES (?, ?, ?, ?)');
    db.exec('BEGIN');
    for (let paper = from; paper < to; paper += 1) {
      const { html, text, excerpt } = abstractOf(paper);
      insert.run(digestOf(paper), html, text, excerpt);
    }
    db.exec('COMMIT');
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)'); // everything in the database file, as a closed store should be
  };
  let started = performance.now();
  const cold = open();
  write(cold, 0, count);
  cold.close();
  const writeColdS = (performance.now() - started) / 1000;
  started = performance.now();
  const day = open();
  // What the loader does on a day: check each paper is there (and keep it), add the new ones.
  const has = day.prepare('SELECT 1 FROM abstracts WHERE digest = ?');
  for (let paper = 0; paper < count; paper += 1) has.get(digestOf(paper));
  write(day, count, count + 50);
  day.close();
  const writeDayS = (performance.now() - started) / 1000;
  const before = process.memoryUsage().rss;
  started = performance.now();
  const reader = new DatabaseSync(file, { readOnly: true });
  const get = reader.prepare('SELECT html, text FROM abstracts WHERE digest = ?');
  for (const paper of order(count)) get.get(digestOf(paper));
  reader.close();
  const readAllS = (performance.now() - started) / 1000;
  return { writeColdS, writeDayS, readAllS, ...bytesIn(dir), readerMB: (process.memoryUsage().rss - before) / 1024 / 1024 };
}

/** Every paper once, in a seeded random order. */
function order(count: number): number[] {
  const random = seededRandom(7);
  const papers = Array.from({ length: count }, (_, index) => index);
  for (let at = count - 1; at > 0; at -= 1) {
    const other = Math.floor(random() * (at + 1));
    [papers[at], papers[other]] = [papers[other], papers[at]];
  }
  return papers;
}

/** Run one engine in this process (the child side). */
function child(engine: string, count: number): void {
  const dir = mkdtempSync(join(tmpdir(), `atlas-store-${engine}-`));
  try {
    console.log(JSON.stringify((engine === 'sqlite' ? sqlite : ours)(dir, count)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Both engines, each in a process of its own; the lines to print. */
export function benchAbstractsStore(count: number): string[] {
  const run = (engine: string) => JSON.parse(execFileSync(process.execPath, [import.meta.filename, engine, String(count)], { encoding: 'utf8' }).trim().split('\n').at(-1)!) as EngineResult;
  const results = { 'ours (index + data file)': run('ours'), 'node:sqlite (WAL)': run('sqlite') };
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const lines = [`Rendered-abstracts store, ${count.toLocaleString('en-US')} abstracts (each engine in its own process)`, `${''.padEnd(26)}${['cold writes', 'a day (50 added)', 'every page reads', 'on disk', 'files', 'reader memory'].map((head) => head.padStart(18)).join('')}`];
  for (const [name, result] of Object.entries(results)) {
    lines.push(`${name.padEnd(26)}${[`${result.writeColdS.toFixed(1)} s`, `${result.writeDayS.toFixed(2)} s`, `${result.readAllS.toFixed(1)} s`, mb(result.bytes), String(result.files), `${result.readerMB.toFixed(0)} MB`].map((cell) => cell.padStart(18)).join('')}`);
  }
  return lines;
}

if (import.meta.main && process.argv[2] && process.argv[2] !== '--') child(process.argv[2], Number(process.argv[3] ?? 100000));
