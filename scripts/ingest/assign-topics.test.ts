import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { readPapers } from '../bench/topics-bench.ts';
import { assignTopics } from './assign-topics.ts';
import { readTopics } from './read-topics.ts';
import { serializeTopics } from './topic-registry.ts';
import type { TopicEntry } from './classify-topics.ts';
import type { PaperDraft } from './types.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpora', 'many-fields');

const corpus = readPapers(CORPUS);
const example = readTopics(join(ROOT, 'content', 'topics.yaml'), ROOT).topics;
const topicsOf = (papers: readonly PaperDraft[]) => new Map(papers.map((paper) => [paper.slug, paper.topics]));

test('should give every paper of another field a discovered topic, never the example taxonomy\'s, never a catch-all', () => {
  const { papers, topics } = assignTopics(corpus, example);
  const pinned = new Set(example.map((topic) => topic.slug));
  const captured = papers.filter((paper) => paper.topics.some((slug) => pinned.has(slug)));
  assert.deepEqual(captured.map((paper) => paper.primary.title).slice(0, 5), [], `${captured.length} papers of other fields in the example's topics`);
  assert.ok(papers.every((paper) => paper.topics.length >= 1 && paper.topics.length <= 3));
  const discovered = topics.filter((topic) => (topic as { discovered?: boolean }).discovered);
  assert.ok(discovered.length >= 8, `${discovered.length} discovered topics`);
  assert.equal(new Set(topics.map((topic) => topic.slug)).size, topics.length, 'slugs are unique');
  assert.equal(new Set(discovered.map((topic) => topic.name.toLowerCase())).size, discovered.length, 'no two names alike');
});

test('should keep every topic and every older paper\'s topics when a day\'s 50 papers arrive', () => {
  const before = corpus.slice(50);
  const first = assignTopics(before, []);
  const day = assignTopics(corpus, [], { previous: topicsOf(first.papers), published: first.topics });
  assert.equal(day.reclustered, false);
  assert.deepEqual(day.topics.map((topic) => topic.slug).sort(), first.topics.map((topic) => topic.slug).sort());
  const after = topicsOf(day.papers);
  for (const paper of first.papers) assert.deepEqual(after.get(paper.slug), paper.topics, paper.slug);
  for (const paper of day.papers.slice(0, 50)) assert.ok(paper.topics.length >= 1, `${paper.slug} has a topic`);
});

test('should re-cluster on request, keeping the slug of every topic that keeps most of its papers, and retire the rest', () => {
  const first = assignTopics(corpus, []);
  const again = assignTopics(corpus, [], { previous: topicsOf(first.papers), published: first.topics, retopic: true });
  assert.equal(again.reclustered, true);
  assert.deepEqual(again.topics.map((topic) => topic.slug), first.topics.map((topic) => topic.slug), 'the same papers keep the same slugs');
  // Without the PubMed export, its topics have no papers: they stay in the registry, retired.
  const fewer = corpus.filter((paper) => !paper.primary.raw.file.includes('pubmed'));
  const shrunk = assignTopics(fewer, [], { previous: topicsOf(first.papers), published: first.topics, retopic: true });
  const registry = JSON.parse(serializeTopics(shrunk.topics, first.topics)) as Record<string, TopicEntry & { retired?: boolean }>;
  const retired = Object.keys(registry).filter((slug) => registry[slug].retired);
  assert.ok(retired.length > 0, 'the PubMed topics are retired');
  for (const slug of first.topics.map((topic) => topic.slug)) assert.ok(slug in registry, `${slug} is never given up`);
});

test('should give the same topics to the same papers in any order', () => {
  const reversed = [...corpus].reverse();
  const a = topicsOf(assignTopics(corpus, []).papers);
  const b = topicsOf(assignTopics(reversed, []).papers);
  for (const [slug, topics] of a) assert.deepEqual(b.get(slug), topics, slug);
});

test('should keep older papers\' topics on a day\'s dump under a pinned taxonomy too, and take a newly pinned topic\'s papers', () => {
  const seeds = readPapers(join(ROOT, 'seeds'));
  const mixed = [...seeds, ...corpus.slice(0, 300)].map((paper, index) => ({ ...paper, slug: `mixed-${index}` }));
  const first = assignTopics(mixed.slice(20), example);
  const day = assignTopics(mixed, example, { previous: topicsOf(first.papers), published: first.topics });
  const after = topicsOf(day.papers);
  for (const paper of first.papers) assert.deepEqual(after.get(paper.slug), paper.topics, paper.slug);
  // A topic added to the taxonomy takes the papers it matches decisively in its field (here one
  // that no topic of the example's matched: it sat in its neighbours' topic).
  const quokka = seeds.findIndex((paper) => /traffic incidents/i.test(paper.primary.title));
  const pinned = [...example, { slug: 'rare-words', name: 'Rare words', description: 'Test.', terms: ['traffic incidents', 'metropolitan area'] }];
  const edited = assignTopics(mixed, pinned, { previous: topicsOf(day.papers), published: day.topics });
  assert.ok(edited.papers[quokka].topics.includes('rare-words'), edited.papers[quokka].topics.join());
  assert.equal(edited.papers.filter((paper) => paper.topics.includes('rare-words')).length, 1, 'only the paper it names');
});
