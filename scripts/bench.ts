/**
 * Benchmark the ingest on N synthetic papers made from the seed abstracts (seeded, so the
 * same N always gives the same papers). Prints wall time per ingest stage and peak memory.
 * Usage: npm run bench -- --papers 10000 [--json]
 * The full-site benchmark (content sync, page render, Pagefind) is issue 7's.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assignSlugs } from './ingest/assign-slugs.ts';
import { classifyTopics } from './ingest/classify-topics.ts';
import { dedupe } from './ingest/dedupe.ts';
import { normalizeAll } from './ingest/normalize.ts';
import { parseSeeds } from './ingest/parse.ts';
import { readTopics } from './ingest/read-topics.ts';
import { relatePapers } from './ingest/related-papers.ts';
import { serializePaper } from './ingest/serialize-paper.ts';
import { writeFiles } from './ingest/write.ts';
import { seededRandom } from './seeded-random.ts';

/** Write N synthetic papers as copied-listing dumps of 500 papers each: seed titles and abstracts with shuffled sentences. */
function writeSyntheticSeeds(dir: string, count: number): void {
  const seedLines = readdirSync('seeds').filter((name) => name.endsWith('.txt')).flatMap((name) => readFileSync(join('seeds', name), 'utf8').split('\n'));
  const abstracts = seedLines.filter((line) => line.length >= 200).map((line) => line.replace(/^Abstract:/, ''));
  const titles = seedLines.filter((line, index) => line.length > 20 && line.length < 200 && (seedLines[index + 2] ?? '').length >= 200);
  const next = seededRandom(count);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  mkdirSync(dir, { recursive: true });
  for (let file = 0; file * 500 < count; file += 1) {
    const blocks: string[] = ['Daily Papers', ''];
    for (let index = file * 500; index < Math.min(count, (file + 1) * 500); index += 1) {
      const sentences = `${pick(abstracts)} ${pick(abstracts)}`.split(/(?<=\.) /).sort(() => next() - 0.5).slice(0, 8);
      blocks.push(`${pick(titles)} (${index})`, '', sentences.join(' '), '', `  • ${1 + Math.floor(next() * 9)} authors`, '·', `Mar ${1 + Math.floor(next() * 28)}, ${2019 + Math.floor(next() * 6)}`, '');
    }
    writeFileSync(join(dir, `synthetic-${String(file).padStart(3, '0')}.txt`), blocks.join('\n'));
  }
}

function time<T>(timings: Record<string, number>, stage: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  timings[stage] = (performance.now() - started) / 1000;
  return result;
}

function run(): number {
  const { values } = parseArgs({ options: { papers: { type: 'string', default: '1000' }, json: { type: 'boolean', default: false } } });
  const count = Number(values.papers);
  const work = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  try {
    const seeds = join(work, 'seeds');
    writeSyntheticSeeds(seeds, count); // 1. synthetic dumps
    const timings: Record<string, number> = {};
    const parsed = time(timings, 'parse', () => parseSeeds(seeds)); // 2. each stage, timed
    const normal = time(timings, 'normalize', () => normalizeAll(parsed.files, parsed.sources));
    const deduped = time(timings, 'dedupe', () => dedupe(normal.records));
    const slugged = time(timings, 'slugs', () => assignSlugs(deduped.papers).papers);
    const topics = readTopics(join(process.cwd(), 'content', 'topics.yaml'), process.cwd()).topics;
    const classified = time(timings, 'topics', () => classifyTopics(slugged, topics));
    const related = time(timings, 'related', () => relatePapers(classified.papers));
    time(timings, 'write', () => writeFiles(join(work, 'papers'), new Map(related.map((paper) => [`${paper.slug}.mdx`, serializePaper(paper)]))));
    const total = Object.values(timings).reduce((sum, seconds) => sum + seconds, 0);
    const peak = process.resourceUsage().maxRSS / 1024; // 3. report
    if (values.json) {
      console.log(JSON.stringify({ papers: related.length, seconds: timings, totalSeconds: total, peakMemoryMB: peak }));
    } else {
      console.log(`Ingest of ${related.length} synthetic papers (Node ${process.version}):`);
      for (const [stage, seconds] of Object.entries(timings)) console.log(`  ${stage.padEnd(10)} ${seconds.toFixed(2).padStart(7)} s`);
      console.log(`  ${'total'.padEnd(10)} ${total.toFixed(2).padStart(7)} s, peak memory ${peak.toFixed(0)} MB`);
    }
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) process.exitCode = run();
