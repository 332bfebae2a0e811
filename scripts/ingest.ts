/**
 * The ingest: seeds/*.txt → content/papers/<slug>.mdx, as small pure stages.
 * Usage: node scripts/ingest.ts [--seeds DIR] [--out DIR] [--listings FILE] [--topics FILE] [--permalinks FILE] [--cache FILE] [--quiet]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { assignSlugs, serializePermalinks, updatedRegistry } from './ingest/assign-slugs.ts';
import { classifyTopics } from './ingest/classify-topics.ts';
import { dedupe } from './ingest/dedupe.ts';
import { normalizeAll } from './ingest/normalize.ts';
import { parseSeeds } from './ingest/parse.ts';
import { formatMessage } from './ingest/messages.ts';
import { readPermalinks } from './ingest/read-permalinks.ts';
import { readTopics } from './ingest/read-topics.ts';
import { relatePapers } from './ingest/related-papers.ts';
import { countRecords, formatReport } from './ingest/report.ts';
import { openSerializeCache, serializePaper } from './ingest/serialize-paper.ts';
import { serializeListings } from './ingest/serialize-listings.ts';
import { writeFiles } from './ingest/write.ts';
import { writeIfChanged } from '../src/lib/write-if-changed.ts';

/** Run the ingest; returns the process exit code (1 when any error was reported). */
export function run(argv: string[] = process.argv.slice(2)): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      seeds: { type: 'string', default: 'seeds' },
      out: { type: 'string', default: 'content/papers' },
      listings: { type: 'string', default: 'content/listings.json' },
      topics: { type: 'string', default: 'content/topics.yaml' },
      permalinks: { type: 'string', default: 'content/permalinks.json' },
      cache: { type: 'string', default: '.cache/atlas/ingest-papers.json' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const root = process.cwd();
  const parsed = parseSeeds(resolve(root, values.seeds)); // 1. parse: the only stage that reads…
  const previous = readPermalinks(resolve(root, values.permalinks), root); // …the dumps and every slug ever published
  if (!previous.ok) {
    for (const message of previous.messages) console.error(formatMessage(message));
    console.error('Nothing written.');
    return 1;
  }
  const normal = normalizeAll(parsed.files, parsed.sources); // 2. normalize text, math, titles, dates
  const deduped = dedupe(normal.records); // 3. merge the same paper listed twice
  const slugs = assignSlugs(deduped.papers, previous.registry); // 4. a readable slug per paper that never changes hands
  const taxonomy = readTopics(resolve(root, values.topics), root); // 5. classify: topics from the taxonomy…
  const classified = classifyTopics(slugs.papers, taxonomy.topics);
  const papers = relatePapers(classified.papers); // …and related papers
  const cache = openSerializeCache(resolve(root, values.cache));
  const files = new Map(papers.map((paper) => [`${paper.slug}.mdx`, serializePaper(paper, cache)]));
  const write = writeFiles(resolve(root, values.out), files); // 6. write: the only stage that writes…
  cache.save(); // …the papers as written, for the next run…
  writeIfChanged(resolve(root, values.listings), serializeListings(parsed.files, parsed.sources, papers)); // …the listings…
  writeIfChanged(resolve(root, values.permalinks), serializePermalinks(updatedRegistry(papers, slugs.removed))); // …and the registry
  const messages = [...parsed.messages, ...taxonomy.messages, ...normal.messages, ...deduped.messages, ...classified.messages];
  const report = formatReport({ files: parsed.files, papers, merges: deduped.merges, write, slugs, repairs: normal.repairs, messages }); // 7. report
  const counts = countRecords({ files: parsed.files, papers, merges: deduped.merges });
  const log = values.quiet ? report.slice(0, 1).concat(report.filter((line) => / {2}(warning|error) {2}/.test(line))) : report;
  for (const line of log) console.log(line);
  if (!counts.balanced) {
    console.error(`Internal error: ${counts.read} records read but ${counts.onPages} on pages + ${counts.merged} merged + ${counts.rejected} rejected. Please report this with your dumps.`);
    return 2;
  }
  return messages.some((message) => message.severity === 'error') ? 1 : 0;
}

if (import.meta.main) process.exitCode = run();
