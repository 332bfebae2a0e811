/**
 * How well topic discovery finds a collection's fields: `npm run bench -- --topics DIR [LABELS.tsv]`.
 * Reads the dumps in DIR with the ingest's own stages (parse, normalize, dedupe), discovers
 * topics, and prints against each paper's true field: the number of topics and their sizes, the
 * largest topic's share, NMI and purity of the primary topic, and the same for a baseline in the
 * same run: L2-normalised TF-IDF (sublinear tf, English stop words, terms in at least 2 and at
 * most half of the abstracts) of title and abstract, k-means++ with k = our number of topics,
 * the median of 5 seeds.
 *
 * A paper's true field is its arXiv archive as the file name gives it (`arxiv-astro-ph.xml` →
 * astro-ph, `arxiv-math-1.xml` → math) or, for the other files, the file itself. LABELS.tsv,
 * when given, only checks that every file of DIR is one it labels.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { seededRandom } from '../seeded-random.ts';
import { dedupe } from '../ingest/dedupe.ts';
import { assignTopics } from '../ingest/assign-topics.ts';
import { canonicalRanks, discoverTopics, topicLabel } from '../ingest/discover-topics.ts';
import { relatePapers, termIndex } from '../ingest/related-papers.ts';
import { writeSyntheticSeeds } from './synthetic-seeds.ts';
import { normalizeAll } from '../ingest/normalize.ts';
import { readDump } from '../ingest/parse.ts';
import { STOP_WORDS } from '../ingest/text-tokens.ts';
import type { PaperDraft } from '../ingest/types.ts';
import { TopicMemo, type TopicEntry } from '../ingest/classify-topics.ts';

/** The true field of a dump, by its file name. */
export function fieldOf(file: string): string {
  const name = basename(file).replace(/\.[^.]+$/, '');
  const arxiv = /^arxiv-(.+?)(?:-\d+)?$/.exec(name);
  return arxiv ? arxiv[1] : name;
}

/** Normalised mutual information (arithmetic mean of the entropies) and purity of a clustering against labels. */
export function agreement(clusters: readonly number[], labels: readonly string[]): { nmi: number; purity: number } {
  const n = clusters.length;
  const joint = new Map<string, number>();
  const byCluster = new Map<number, number>();
  const byLabel = new Map<string, number>();
  clusters.forEach((cluster, index) => {
    const key = `${cluster}\u0000${labels[index]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
    byCluster.set(cluster, (byCluster.get(cluster) ?? 0) + 1);
    byLabel.set(labels[index], (byLabel.get(labels[index]) ?? 0) + 1);
  });
  const entropy = (counts: Iterable<number>) => -[...counts].reduce((sum, count) => sum + (count / n) * Math.log(count / n), 0);
  let mutual = 0;
  const best = new Map<number, number>();
  for (const [key, count] of joint) {
    const [cluster, label] = key.split('\u0000');
    mutual += (count / n) * Math.log((count * n) / (byCluster.get(Number(cluster))! * byLabel.get(label)!));
    best.set(Number(cluster), Math.max(best.get(Number(cluster)) ?? 0, count));
  }
  const denominator = (entropy(byCluster.values()) + entropy(byLabel.values())) / 2;
  return { nmi: denominator > 0 ? mutual / denominator : 1, purity: [...best.values()].reduce((a, b) => a + b, 0) / n };
}

/** The baseline's vectors: sublinear TF-IDF over words of title and abstract, L2-normalised, sparse. */
function baselineVectors(papers: readonly PaperDraft[]): { index: Int32Array; value: Float64Array }[] {
  const documents = papers.map((paper) => {
    const counts = new Map<string, number>();
    for (const word of `${paper.primary.title} ${paper.primary.abstractText}`.toLowerCase().match(/[a-z][a-z0-9]+/g) ?? []) {
      if (!STOP_WORDS.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    return counts;
  });
  const df = new Map<string, number>();
  for (const counts of documents) for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const ids = new Map<string, number>();
  const n = papers.length;
  return documents.map((counts) => {
    const entries: [number, number][] = [];
    for (const [term, count] of counts) {
      const frequency = df.get(term)!;
      if (frequency < 2 || frequency > n / 2) continue;
      let id = ids.get(term);
      if (id === undefined) ids.set(term, (id = ids.size));
      entries.push([id, (1 + Math.log(count)) * (Math.log((1 + n) / (1 + frequency)) + 1)]);
    }
    const norm = Math.hypot(...entries.map(([, weight]) => weight)) || 1;
    return { index: Int32Array.from(entries, ([id]) => id), value: Float64Array.from(entries, ([, weight]) => weight / norm) };
  });
}

/** Lloyd's k-means with k-means++ seeding, over sparse unit vectors and dense centroids. */
function kmeans(vectors: readonly { index: Int32Array; value: Float64Array }[], k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const dimensions = Math.max(1, ...vectors.map((vector) => (vector.index.length > 0 ? Math.max(...vector.index) + 1 : 0)));
  const dot = (vector: { index: Int32Array; value: Float64Array }, centroid: Float64Array) => {
    let sum = 0;
    for (let position = 0; position < vector.index.length; position += 1) sum += vector.value[position] * centroid[vector.index[position]];
    return sum;
  };
  const dense = (vector: { index: Int32Array; value: Float64Array }) => {
    const centroid = new Float64Array(dimensions);
    vector.index.forEach((id, position) => { centroid[id] = vector.value[position]; });
    return centroid;
  };
  const centroids: Float64Array[] = [dense(vectors[Math.floor(random() * vectors.length)])];
  const norms: number[] = [1];
  const distance = new Float64Array(vectors.length).fill(Infinity);
  while (centroids.length < k) {
    const last = centroids.length - 1;
    let total = 0;
    vectors.forEach((vector, index) => {
      distance[index] = Math.min(distance[index], Math.max(0, 1 + norms[last] - 2 * dot(vector, centroids[last])));
      total += distance[index];
    });
    let pick = random() * total;
    let chosen = 0;
    for (; chosen < vectors.length - 1 && pick > distance[chosen]; chosen += 1) pick -= distance[chosen];
    centroids.push(dense(vectors[chosen]));
    norms.push(1);
  }
  let assignment = new Array<number>(vectors.length).fill(-1);
  for (let iteration = 0; iteration < 100; iteration += 1) {
    const next = vectors.map((vector) => {
      let best = 0;
      let bestDistance = Infinity;
      centroids.forEach((centroid, cluster) => {
        const value = norms[cluster] - 2 * dot(vector, centroid);
        if (value < bestDistance) [best, bestDistance] = [cluster, value];
      });
      return best;
    });
    if (next.every((cluster, index) => cluster === assignment[index])) break;
    assignment = next;
    centroids.forEach((centroid, cluster) => {
      centroid.fill(0);
      let members = 0;
      vectors.forEach((vector, index) => {
        if (assignment[index] !== cluster) return;
        members += 1;
        vector.index.forEach((id, position) => { centroid[id] += vector.value[position]; });
      });
      if (members > 0) for (let id = 0; id < dimensions; id += 1) centroid[id] /= members;
      norms[cluster] = centroid.reduce((sum, value) => sum + value * value, 0);
    });
  }
  return assignment;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The papers of a folder of dumps as the ingest reads and merges them (parse, normalize, dedupe), slugs `p0`, `p1`…. */
export function readPapers(dir: string, names = readdirSync(dir).filter((name) => DUMP.test(name)).sort()): PaperDraft[] {
  const files = names.map((name) => readDump(`seeds/${name}`, readFileSync(join(dir, name))));
  const sources = new Map(names.map((name) => [name, { name, label: name, listing: name.replace(/\.[^.]+$/, '') }]));
  return dedupe(normalizeAll(files, sources).records).papers.map((paper, index) => ({ ...paper, slug: `p${index}` }));
}

const DUMP = /\.(?:txt|bib|ris|json|xml|atom)$/i;

/** Run the topics bench on a folder of dumps; returns the lines it prints. */
export function benchTopics(dir: string, labelsFile?: string): string[] {
  const names = readdirSync(dir).filter((name) => DUMP.test(name)).sort();
  if (labelsFile) {
    const labelled = new Set(readFileSync(labelsFile, 'utf8').split('\n').slice(1).map((line) => line.split('\t')[0]).filter(Boolean));
    const unlabelled = names.filter((name) => !labelled.has(name));
    if (unlabelled.length > 0) throw new Error(`${labelsFile} labels no paper of ${unlabelled.join(', ')}`);
  }
  const drafts = readPapers(dir, names);
  const started = performance.now();
  const { topics, assignments } = discoverTopics(drafts);
  const seconds = (performance.now() - started) / 1000;
  const fields = drafts.map((paper) => fieldOf(paper.primary.raw.file));
  const ours = agreement(assignments.map((topics) => topics[0]), fields);
  const vectors = baselineVectors(drafts);
  const runs = [1, 2, 3, 4, 5].map((seed) => agreement(kmeans(vectors, topics.length, seed), fields));
  const baseline = { nmi: median(runs.map((run) => run.nmi)), purity: median(runs.map((run) => run.purity)) };
  const n = drafts.length;
  const lines = [
    `Topics of ${n} papers in ${dir} (${new Set(fields).size} true fields): ${topics.length} topics in ${seconds.toFixed(1)} s`,
    `  sizes: ${topics.map((topic) => topic.papers.length).join(', ')}`,
    `  largest topic: ${((100 * topics[0].papers.length) / n).toFixed(1)}% of papers; smallest: ${topics.at(-1)!.papers.length} papers; in a catch-all: 0%`,
    `  papers with a second topic: ${assignments.filter((list) => list.length > 1).length}`,
    `  ours:     NMI ${ours.nmi.toFixed(3)}, purity ${ours.purity.toFixed(3)}`,
    `  baseline: NMI ${baseline.nmi.toFixed(3)}, purity ${baseline.purity.toFixed(3)} (TF-IDF + k-means++, k = ${topics.length}, median of 5 seeds)`,
    `  NMI ratio: ${(ours.nmi / baseline.nmi).toFixed(2)}×`,
    '',
    '  topic (label) | papers | its three largest true fields',
  ];
  for (const topic of topics) {
    const counts = new Map<string, number>();
    for (const paper of topic.papers) counts.set(fields[paper], (counts.get(fields[paper]) ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3).map(([field, count]) => `${field} ${count}`).join(', ');
    lines.push(`  ${topicLabel(topic.terms)} | ${topic.papers.length} | ${top}`);
  }
  return lines;
}

/**
 * What topics cost the ingest at `count` papers: `npm run bench -- --topics-cost 10000 [DIR]`.
 * Times, in one run, the work the ingest does without topics (the term index and related papers:
 * the reference) and what topics add on top (a cold assignment: clustering, labels, areas; a
 * day's: 50 new papers placed), on the bench's synthetic papers and on the dumps of DIR repeated
 * to `count` papers (each copy's abstracts marked, so that no two are one paper). `pinned`: the
 * pinned topics (the bench's project has the example's content/topics.yaml): timed apart from discovery alone.
 */
export function benchTopicCost(count: number, dir?: string, day = 50, pinned: readonly TopicEntry[] = []): string[] {
  const workspace = mkdtempSync(join(tmpdir(), 'atlas-topic-cost-'));
  try {
    writeSyntheticSeeds(workspace, count);
    const sets: [string, PaperDraft[]][] = [['synthetic', readPapers(workspace)]];
    if (dir) {
      const base = readPapers(dir);
      const repeated: PaperDraft[] = [];
      for (let copy = 0; repeated.length < count; copy += 1) {
        for (const paper of base) {
          if (repeated.length === count) break;
          repeated.push({ ...paper, slug: `${paper.slug}-${copy}`, primary: { ...paper.primary, abstractText: `${paper.primary.abstractText} (copy ${copy})` } });
        }
      }
      sets.push([`${basename(dir)} repeated`, repeated]);
    }
    const lines = [`Topics' cost at ${count} papers (a day: ${day} new papers), Node ${process.version}`, '                                  term index  related papers   topics cold  topics, a day  cold / (index + related)'];
    for (const [set, papers] of sets) {
      const time = <T>(work: () => T): [T, number] => {
        const started = performance.now();
        const value = work();
        return [value, (performance.now() - started) / 1000];
      };
      const older = papers.slice(0, -day);
      const oldIndex = termIndex(older, canonicalRanks(older));
      const [index, indexSeconds] = time(() => termIndex(papers, canonicalRanks(papers)));
      const [, relatedSeconds] = time(() => relatePapers(papers, new Map(), index));
      // Discovery alone, then with pinned topics too (the ingest keeps each paper's pinned matches
      // from run to run in its TopicMemo: a day scores its new papers only, but tokenizes all).
      for (const [variant, taxonomy] of [['', []], [', pinned', pinned]] as const) {
        if (variant && taxonomy.length === 0) continue;
        const name = `${set}${variant}`;
        const memoFile = join(workspace, `${name}-memo.json`);
        const memo = new TopicMemo(memoFile, taxonomy);
        const first = assignTopics(older, taxonomy, { index: oldIndex, memo });
        memo.save();
        const [, coldSeconds] = time(() => assignTopics(papers, taxonomy, { index, memo: new TopicMemo(join(workspace, `${name}-cold.json`), taxonomy) }));
        const previous = new Map(first.papers.map((paper) => [paper.slug, paper.topics]));
        const [, daySeconds] = time(() => assignTopics(papers, taxonomy, { index, previous, published: first.topics, memo: new TopicMemo(memoFile, taxonomy) }));
        const cell = (seconds: number) => `${seconds.toFixed(2)} s`.padStart(12);
        lines.push(`${name.padEnd(30)}${cell(indexSeconds)}  ${cell(relatedSeconds)}  ${cell(coldSeconds)}  ${cell(daySeconds)}  ${(coldSeconds / (indexSeconds + relatedSeconds)).toFixed(2)}×`);
      }
    }
    return lines;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}
