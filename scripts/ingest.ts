/**
 * The ingest: seeds/*.txt → content/papers/<slug>.mdx, as small pure stages.
 * Usage: node scripts/ingest.ts [--seeds DIR] [--out DIR] [--listings FILE] [--topics FILE] [--topics-out FILE] [--permalinks FILE] [--cache FILE] [--dump-cache DIR] [--topic-cache FILE] [--map FILE] [--retopic] [--quiet]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { assignSlugs, serializePermalinks, updatedRegistry } from './ingest/assign-slugs.ts';
import { assignTopics, POOR_FIT_SHARE, POOR_FIT_SIMILARITY, type TopicAssignment } from './ingest/assign-topics.ts';
import { canonicalRanks } from './ingest/discover-topics.ts';
import { TopicMemo, type TopicEntry } from './ingest/classify-topics.ts';
import { readPublishedTopics, serializeTopics } from './ingest/topic-registry.ts';
import { abstractFingerprint, dedupe, primeFingerprint } from './ingest/dedupe.ts';
import { normalizeAll } from './ingest/normalize.ts';
import { parseSeeds, readDump } from './ingest/parse.ts';
import { DumpCache, type ReadDump } from './ingest/dump-cache.ts';
import { clip, formatMessage, quote, sortMessages } from './ingest/messages.ts';
import type { Merge } from './ingest/dedupe.ts';
import type { SlugResult } from './ingest/assign-slugs.ts';
import type { Message, NormalRecord, PaperDraft, SourceInfo } from './ingest/types.ts';
import { readPermalinks } from './ingest/read-permalinks.ts';
import { readTopics } from './ingest/read-topics.ts';
import { readAtlasConfig, type ReadConfig } from '../src/lib/atlas-config.ts';
import { configureMacros } from '../src/lib/tex-macros.ts';
import { neighbourLists, relatePapers, termIndex, type TermIndex } from './ingest/related-papers.ts';
import { layoutMap, MAP_NEIGHBOURS, parseMap, serializeMap, type MapResult, type StoredMap } from './ingest/layout-map.ts';
import { countRecords, formatReport, ingestFacts } from './ingest/report.ts';
import { openSerializeCache, paperFile } from './ingest/serialize-paper.ts';
import { forgetTokens } from './ingest/text-tokens.ts';
import { serializeListings } from './ingest/serialize-listings.ts';
import { readWritten, readWrittenRelated, readWrittenTopics, writeFiles, type WrittenFile } from './ingest/write.ts';
import { writeIfChanged } from './build/write-if-changed.ts';
import { reportFacts, reportMessages, reportProgress, reportSummary, type BuildMessage } from './build/build-events.ts';

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
      'dump-cache': { type: 'string', default: '.cache/atlas/ingest-dumps' },
      'topic-cache': { type: 'string', default: '.cache/atlas/ingest-topics.json' },
      'topics-out': { type: 'string', default: 'content/topics.json' },
      map: { type: 'string', default: 'content/map.json' },
      retopic: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      report: { type: 'string', default: '.cache/atlas/ingest-report.json' },
    },
  });
  const root = process.cwd();
  let options: ReadConfig;
  try {
    options = readAtlasConfig(root); // atlas({ … }) in astro.config.mjs: the macros the text and the math read
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  for (const notice of options.notices) console.warn(notice);
  configureMacros(options.config.katexMacros);
  reportProgress('reading dumps', 0);
  // 1–2. parse and normalize each dump, or take both from the cache when the dump did not change
  const dumps = new DumpCache(resolve(root, values['dump-cache']), root, options.config.katexMacros);
  const read = new Map<string, ReadDump>();
  const parsed = parseSeeds(resolve(root, values.seeds), { // 1. parse: the only stage that reads…
    progress: (done, total) => reportProgress('reading dumps', done, total),
    read: (file, bytes, source) => {
      const result = dumps.get(file, bytes, source, () => readAndNormalize(file, bytes, source));
      read.set(file, result);
      return { ...result.file, records: result.records.map((record) => record.raw) };
    },
  });
  const previous = readPermalinks(resolve(root, values.permalinks), root); // …the dumps and every slug ever published
  if (!previous.ok) {
    for (const message of previous.messages) console.error(formatMessage(message));
    console.error('Nothing written.');
    return 1;
  }
  const normal = joinNormalized(parsed.files.map((file) => read.get(file.file)!)); // 2. normalize text, math, titles, dates
  reportProgress('merging duplicates', 0);
  const deduped = dedupe(normal.records); // 3. merge the same paper listed twice
  const slugs = assignSlugs(deduped.papers, previous.registry); // 4. a readable slug per paper that never changes hands
  reportProgress('topics', 0);
  let written: Map<string, WrittenFile> | undefined = readWritten(resolve(root, values.out));
  const taxonomy = readTopics(resolve(root, values.topics), root); // 5. classify: pinned topics, discovered ones for the rest…
  const topicMemo = new TopicMemo(resolve(root, values['topic-cache']), taxonomy.topics);
  const published = readPublishedTopics(resolve(root, values['topics-out']));
  let index: TermIndex | undefined = termIndex(slugs.papers, canonicalRanks(slugs.papers)); // the papers' term vectors, for topics and related papers (ties by a canonical order: any order of the dumps gives the same)
  const classified = assignTopics(slugs.papers, taxonomy.topics, { memo: topicMemo, previous: readWrittenTopics(written), published, retopic: values.retopic, index, overrides: taxonomy.overrides });
  topicMemo.save();
  reportProgress('related papers', 0);
  const neighbours = neighbourLists(MAP_NEIGHBOURS);
  const papers = relatePapers(classified.papers, readWrittenRelated(written), index, neighbours); // …and related papers (a list kept while it holds)
  reportProgress('map', 0);
  const map = layoutMap(papers.map((paper) => paper.slug), neighbours, papers.map((paper) => paper.topics[0] ?? ''), readMap(resolve(root, values.map)), values.retopic || (classified.reclustered && classified.changes.length > RELAYOUT_SHARE * papers.length)); // …and the map: older points stay put unless a clustering moved many papers between topics
  index = undefined; // the term vectors are the largest thing held: let them go before writing
  forgetTokens(); // no later stage tokenizes
  const cache = openSerializeCache(resolve(root, values.cache));
  reportProgress('writing papers', 0, papers.length);
  const write = writeFiles(resolve(root, values.out), papers.map((paper) => paperFile(paper, cache)), (done) => reportProgress('writing papers', done, papers.length), written);
  written = undefined; // free the old files' text before the report // 6. write: the only stage that writes…
  cache.save(); // …the papers as written, for the next run…
  dumps.prune();
  writeIfChanged(resolve(root, values.listings), serializeListings(parsed.files, parsed.sources, papers)); // …the listings…
  writeIfChanged(resolve(root, values.permalinks), serializePermalinks(updatedRegistry(papers, slugs.removed))); // …the registry…
  writeIfChanged(resolve(root, values['topics-out']), serializeTopics(classified.topics, classified.retired)); // …the topics…
  writeIfChanged(resolve(root, values.map), serializeMap(map.map)); // …and the map
  const messages = [...parsed.messages, ...taxonomy.messages, ...classified.messages, ...normal.messages, ...deduped.messages];
  const report = formatReport({ files: parsed.files, papers, merges: deduped.merges, write, slugs, repairs: normal.repairs, messages }); // 7. report
  const counts = countRecords({ files: parsed.files, papers, merges: deduped.merges });
  reportMessages([...buildMessages(messages, deduped.merges, slugs), ...topicMessages(classified, papers, published), ...mapMessages(map)]);
  const { messages: listed, ...facts } = ingestFacts({ files: parsed.files, papers, merges: deduped.merges, write, slugs, repairs: normal.repairs, messages });
  const stages = { ...facts, dumps: { read: dumps.misses, fromCache: dumps.hits }, topics: { live: classified.topics.length, retired: classified.retired.length, reclustered: classified.reclustered, changed: classified.changes.length }, map: { mode: map.mode, added: map.added } };
  reportFacts(stages); // the build report's facts for this step (its messages went above)
  mkdirSync(dirname(resolve(root, values.report)), { recursive: true });
  writeFileSync(resolve(root, values.report), `${JSON.stringify({ ...stages, messages: listed }, null, 1)}\n`); // the same, with every message, for a run on its own
  const n = (value: number) => value.toLocaleString('en-US');
  reportSummary(`${n(counts.read)} records from ${n(parsed.files.length)} dumps: ${n(counts.onPages)} papers, ${n(counts.merged)} merged, ${n(counts.rejected)} rejected; ${n(write.written.length)} paper files written, ${n(write.unchanged)} unchanged, ${n(write.removed.length)} removed`);
  const log = values.quiet ? report.slice(0, 1).concat(report.filter((line) => / {2}(warning|error) {2}/.test(line))) : report;
  for (const line of log) console.log(line);
  if (!counts.balanced) {
    console.error(`Internal error: ${counts.read} records read but ${counts.onPages} on pages + ${counts.merged} merged + ${counts.rejected} rejected. Please report this with your dumps.`);
    return 2;
  }
  return messages.some((message) => message.severity === 'error') ? 1 : 0;
}

/**
 * A clustering that moves more than this share of the papers to another topic lays the map out
 * afresh (its regions are the topics); one that moves a few, as every run of a collection with
 * pinned topics may, places new papers on the map as it stands.
 */
const RELAYOUT_SHARE = 0.1;

/** Parse one dump and normalize its records: what the dump cache keeps. */
function readAndNormalize(file: string, bytes: Uint8Array, source: SourceInfo): ReadDump {
  const { records, ...rest } = readDump(file, bytes);
  const normal = normalizeAll([{ ...rest, records }], new Map([[source.name, source]]));
  return { file: rest, records: normal.records, messages: normal.messages, repairs: [...normal.repairs], fingerprints: normal.records.map((record) => abstractFingerprint(record.abstractText)) };
}

/** The normalized records of every dump, in reading order, as normalizeAll gives them. */
function joinNormalized(dumps: readonly ReadDump[]): { records: NormalRecord[]; messages: Message[]; repairs: Map<string, number> } {
  const repairs = new Map<string, number>();
  for (const dump of dumps) {
    for (const [id, count] of dump.repairs) repairs.set(id, (repairs.get(id) ?? 0) + count);
    dump.records.forEach((record, index) => primeFingerprint(record.abstractText, dump.fingerprints[index]));
  }
  return { records: dumps.flatMap((dump) => dump.records), messages: dumps.flatMap((dump) => dump.messages), repairs };
}

/** Which papers changed topic and why, which new papers fit their topic poorly, which topics retired. */
function topicMessages(topics: TopicAssignment, papers: readonly PaperDraft[], published: readonly TopicEntry[]): BuildMessage[] {
  const wasRetired = new Set(published.filter((topic) => topic.retired).map((topic) => topic.slug));
  const titles = new Map(papers.map((paper) => [paper.slug, paper.primary.title]));
  const poor = topics.topics.reduce((sum, topic) => sum + (topic.poorFits ?? 0), 0);
  return [
    ...topics.changes.map((change) => ({ severity: 'notice' as const, ruleId: 'topic-changed', reason: `${change.slug}: ${change.from} → ${change.to} (${change.why})  ${clip(titles.get(change.slug) ?? '')}` })),
    ...topics.poorFits.map((fit) => ({ severity: 'notice' as const, ruleId: 'topic-poor-fit', reason: `${fit.slug} joined ${fit.topic}, though its nearest paper there is only ${fit.similarity.toFixed(2)} alike (below ${POOR_FIT_SIMILARITY}); ${poor} such papers since the last clustering, which runs again past ${Math.floor(POOR_FIT_SHARE * papers.length)} (or with --retopic)` })),
    ...topics.retired.filter((topic) => topic.movedTo && !wasRetired.has(topic.slug)).map((topic) => ({ severity: 'notice' as const, ruleId: 'topic-retired', reason: `${topic.slug} has no papers now; its pages and feed redirect to ${topic.movedTo}` })),
  ];
}

/** content/map.json as the last run left it, if it is there and readable. */
function readMap(file: string): StoredMap | undefined {
  try {
    return parseMap(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** What the map stage did, when it laid the whole map out again or placed new papers. */
function mapMessages(map: MapResult): BuildMessage[] {
  if (map.mode === 'laid out') return [{ severity: 'notice', ruleId: 'map-laid-out', reason: `the map was laid out afresh (${map.why}): ${map.added} papers placed` }];
  if (map.mode === 'placed' && map.added > 0) return [{ severity: 'notice', ruleId: 'map-placed', reason: `${map.added} new papers placed on the map beside their most similar papers; no older point moved` }];
  return [];
}

/** The messages, merges and permalink changes of a run, for the build's grouped report. */
function buildMessages(messages: readonly Message[], merges: readonly Merge[], slugs: SlugResult): BuildMessage[] {
  return [
    ...sortMessages(messages).map((message) => ({ severity: message.severity, ruleId: message.ruleId, where: `${message.file}:${message.line}:${message.column}`, reason: message.reason })),
    ...merges.map(({ paper, kept, merged }) => ({ severity: 'notice' as const, ruleId: 'merged-duplicate', where: `${merged.raw.file}:${merged.raw.line}`, reason: `merged into ${kept.raw.file}:${kept.raw.line}  ${clip(paper.primary.title)}` })),
    ...slugs.moved.map((move) => ({ severity: 'notice' as const, ruleId: 'permalink-moved', reason: `${move.from} → ${move.to} (title now ${quote(move.title)}; the old URL redirects)` })),
    ...slugs.newlyRemoved.map((slug) => ({ severity: 'notice' as const, ruleId: 'paper-removed', reason: `${slug} (no dump lists it any more; its URL now says so)` })),
  ];
}

if (import.meta.main) process.exitCode = run();
