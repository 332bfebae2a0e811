import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { readPapers } from '../bench/topics-bench.ts';
import { manyFieldsDrafts } from '../../tests/helpers/shared-corpus.ts';
import { AREA_MIN_TOPICS, assignTopics, POOR_FIT_SHARE, POOR_FIT_SIMILARITY } from './assign-topics.ts';
import { readTopics } from './read-topics.ts';
import { serializeTopics } from './topic-registry.ts';
import type { TopicEntry } from './classify-topics.ts';
import type { PaperDraft } from './types.ts';

const ROOT = join(import.meta.dirname, '..', '..');

const corpus = manyFieldsDrafts(); // ../shared/corpora/many-fields/, read once per npm test
const example = readTopics(join(ROOT, 'content', 'topics.yaml'), ROOT).topics;
const topicsOf = (papers: readonly PaperDraft[]) => new Map(papers.map((paper) => [paper.slug, paper.topics]));

/** `assignTopics(corpus, [])`, which several tests start from, computed once and frozen (a test that changed it would throw). */
let fresh: ReturnType<typeof assignTopics> | undefined;
const assignCorpus = () => (fresh ??= deepFreeze(assignTopics(corpus, [])));
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

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
  const first = assignCorpus();
  const again = assignTopics(corpus, [], { previous: topicsOf(first.papers), published: first.topics, retopic: true });
  assert.equal(again.reclustered, true);
  assert.deepEqual(again.topics.map((topic) => topic.slug), first.topics.map((topic) => topic.slug), 'the same papers keep the same slugs');
  // Without the PubMed export, its topics have no papers: they stay in the registry, retired.
  const fewer = corpus.filter((paper) => !paper.primary.raw.file.includes('pubmed'));
  const shrunk = assignTopics(fewer, [], { previous: topicsOf(first.papers), published: first.topics, retopic: true });
  const registry = JSON.parse(serializeTopics(shrunk.topics, shrunk.retired)) as Record<string, TopicEntry & { retired?: boolean }>;
  const retired = Object.keys(registry).filter((slug) => registry[slug].retired);
  assert.ok(retired.length > 0, 'the PubMed topics are retired');
  for (const slug of first.topics.map((topic) => topic.slug)) assert.ok(slug in registry, `${slug} is never given up`);
  // Papers that changed topic are reported, with the reason.
  const kept = new Set(fewer.map((paper) => paper.slug));
  const before = topicsOf(first.papers);
  const moved = shrunk.papers.filter((paper) => kept.has(paper.slug) && before.get(paper.slug)![0] !== paper.topics[0]);
  assert.deepEqual(shrunk.changes.map((change) => change.slug).sort(), moved.map((paper) => paper.slug).sort());
  assert.ok(shrunk.changes.every((change) => /--retopic/.test(change.why)), shrunk.changes[0]?.why);
});

test('should redirect a retired topic to the live topic most of its papers went to, with as many pages as it had', () => {
  const first = assignCorpus();
  // A re-clustering without one topic's field: its papers are gone, or went elsewhere.
  const field = (paper: PaperDraft) => paper.primary.raw.file.includes('plant-genomics');
  const fewer = corpus.filter((paper) => !field(paper) || Number(paper.slug.slice(1)) % 4 === 0);
  const again = assignTopics(fewer, [], { previous: topicsOf(first.papers), published: first.topics, retopic: true });
  const live = new Set(again.topics.map((topic) => topic.slug));
  assert.ok(again.retired.length > 0, 'a topic retired');
  for (const topic of again.retired) {
    assert.ok(!live.has(topic.slug));
    const had = first.papers.filter((paper) => paper.topics[0] === topic.slug);
    assert.equal(topic.pages, Math.max(1, Math.ceil(had.length / 50)), topic.slug);
    if (!topic.movedTo) continue;
    assert.ok(live.has(topic.movedTo), `${topic.slug} → ${topic.movedTo} is live`);
    const now = new Map(again.papers.map((paper) => [paper.slug, paper.topics[0]]));
    const counts = new Map<string, number>();
    for (const paper of had) if (now.has(paper.slug)) counts.set(now.get(paper.slug)!, (counts.get(now.get(paper.slug)!) ?? 0) + 1);
    assert.equal(Math.max(...counts.values()), counts.get(topic.movedTo), 'most of its papers went there');
  }
  assert.ok(again.retired.some((topic) => topic.movedTo), 'a retired topic with papers left redirects');
});

test('should rename, describe, hide and merge discovered topics as content/topics.yaml says, and report what moved', () => {
  const first = assignCorpus();
  const before = topicsOf(first.papers);
  const [renamed, hidden, merged, into] = first.topics.slice(-4).map((topic) => topic.slug);
  const at = (line: number) => ({ file: 'content/topics.yaml', line });
  const overrides = [
    { slug: renamed, ...at(1), name: 'My own name', description: 'My own words.' },
    { slug: hidden, ...at(4), hidden: true },
    { slug: merged, ...at(6), mergeInto: into },
    { slug: 'no-such-topic', ...at(8), name: 'Nothing' },
  ];
  const next = assignTopics(corpus, [], { previous: before, published: first.topics, overrides });
  const topic = (slug: string) => next.topics.find((entry) => entry.slug === slug);
  assert.equal(topic(renamed)?.name, 'My own name');
  assert.equal(topic(renamed)?.description, 'My own words.');
  assert.equal(topic(renamed)?.foundAs?.name, first.topics.find((entry) => entry.slug === renamed)!.name, 'its own name is kept');
  assert.equal(topic(hidden), undefined);
  assert.equal(topic(merged), undefined);
  for (const paper of next.papers) {
    assert.ok(paper.topics.length > 0, `${paper.slug} has a topic`);
    assert.ok(!paper.topics.includes(hidden) && !paper.topics.includes(merged), paper.slug);
    if (before.get(paper.slug)![0] === merged) assert.equal(paper.topics[0], into, `${paper.slug} went where ${merged} was merged`);
  }
  assert.equal(next.retired.find((entry) => entry.slug === merged)?.movedTo, into);
  assert.ok(next.retired.find((entry) => entry.slug === hidden)?.movedTo, 'a hidden topic redirects to where its papers went');
  const why = new Map(next.changes.map((change) => [change.slug, change.why]));
  for (const paper of first.papers) {
    if (paper.topics[0] === hidden) assert.match(why.get(paper.slug) ?? '', /hides/, paper.slug);
    if (paper.topics[0] === merged) assert.match(why.get(paper.slug) ?? '', /merges .* into/, paper.slug);
  }
  assert.deepEqual(next.messages.map((message) => `${message.file}:${message.line} ${message.ruleId}`), ['content/topics.yaml:8 unknown-topic']);

  // The next build: the renaming taken out of the file gives the topic its own name back; hidden
  // and merged topics stay retired; nothing moves.
  const later = assignTopics(corpus, [], { previous: topicsOf(next.papers), published: [...next.topics, ...next.retired], overrides: overrides.slice(1, 3) });
  assert.equal(later.topics.find((entry) => entry.slug === renamed)?.name, first.topics.find((entry) => entry.slug === renamed)!.name);
  assert.deepEqual(later.changes, []);
  assert.deepEqual(later.messages, []);
  assert.deepEqual(later.retired.map((entry) => [entry.slug, entry.movedTo]), next.retired.map((entry) => [entry.slug, entry.movedTo]));
});

test('should count new papers that fit their topic poorly, and cluster again when they pass the documented share', () => {
  const outside = (paper: PaperDraft) => paper.primary.raw.file.includes('pubmed');
  // A tenth of known fields' papers added: most fit; no re-clustering.
  const known = corpus.filter((_, index) => index % 10 !== 0);
  const first = assignTopics(known, []);
  const day = assignTopics(corpus, [], { previous: topicsOf(first.papers), published: first.topics });
  assert.equal(day.reclustered, false);
  assert.ok(day.poorFits.length < corpus.length * POOR_FIT_SHARE, `${day.poorFits.length} poor fits`);
  for (const fit of day.poorFits) assert.ok(fit.similarity < POOR_FIT_SIMILARITY);
  const counted = day.topics.reduce((sum, topic) => sum + (topic.poorFits ?? 0), 0);
  assert.equal(counted, day.poorFits.length, 'each topic counts its poor fits until the next clustering');
  // A new field (a PubMed export) added to the others: its papers fit no topic, and the collection is clustered again.
  const others = assignTopics(corpus.filter((paper) => !outside(paper)), []);
  const added = assignTopics(corpus, [], { previous: topicsOf(others.papers), published: others.topics });
  assert.equal(added.reclustered, true);
  assert.ok(added.changes.length > 0 && added.changes.every((change) => /fit poorly/.test(change.why)), added.changes[0]?.why);
  assert.ok(added.topics.every((topic) => topic.poorFits === undefined), 'the count starts again');
});

test('should group topics into areas when there are more than a dozen, and keep them on a day\'s dump', () => {
  const first = assignCorpus();
  assert.ok(first.topics.length > AREA_MIN_TOPICS);
  const areas = new Map<string, string[]>();
  for (const topic of first.topics) areas.set(topic.area!, [...(areas.get(topic.area!) ?? []), topic.slug]);
  assert.ok(first.topics.every((topic) => topic.area), 'every topic is in an area');
  assert.ok(areas.size >= 2 && areas.size < first.topics.length, `${areas.size} areas`);
  // The fields that go together: the medical topics share an area, apart from the mathematical ones.
  const areaOf = (file: string) => {
    const counts = new Map<string, number>();
    first.papers.forEach((paper) => { if (paper.primary.raw.file.includes(file)) counts.set(first.topics.find((topic) => topic.slug === paper.topics[0])!.area!, (counts.get(first.topics.find((topic) => topic.slug === paper.topics[0])!.area!) ?? 0) + 1); });
    return [...counts].sort((a, b) => b[1] - a[1])[0][0];
  };
  assert.notEqual(areaOf('pubmed'), areaOf('arxiv-math'));
  // Each area is named by words its own papers use, and no two areas share a name.
  for (const [area, slugs] of areas) {
    const text = first.papers.filter((paper) => slugs.includes(paper.topics[0])).map((paper) => `${paper.primary.title} ${paper.primary.abstractText}`.toLowerCase()).join('\n');
    for (const term of area.split(' · ')) assert.ok(text.includes(term.toLowerCase()), `"${term}" of area "${area}" is a phrase of its papers`);
  }
  const day = assignTopics(corpus.slice(0, -50), []);
  const next = assignTopics(corpus, [], { previous: topicsOf(day.papers), published: day.topics });
  assert.deepEqual(next.topics.map((topic) => [topic.slug, topic.area]).sort(), day.topics.map((topic) => [topic.slug, topic.area]).sort());
  // A handful of topics: no areas.
  const small = assignTopics(corpus.filter((paper) => /pubmed|plant/.test(paper.primary.raw.file)), []);
  assert.ok(small.topics.length <= AREA_MIN_TOPICS && small.topics.every((topic) => topic.area === undefined));
});

test('should give the same topics to the same papers in any order', () => {
  const reversed = [...corpus].reverse();
  const a = topicsOf(assignCorpus().papers);
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
