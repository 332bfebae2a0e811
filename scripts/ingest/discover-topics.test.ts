import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { agreement, fieldOf, readPapers } from '../bench/topics-bench.ts';
import { manyFieldsDrafts } from '../../tests/helpers/shared-corpus.ts';
import { seededRandom } from '../seeded-random.ts';
import { discoverTopics, minTopicSize, NEIGHBOURS, topicLabel } from './discover-topics.ts';


const corpus = manyFieldsDrafts(); // ../shared/corpora/many-fields/, read once per npm test
const seeds = readPapers(join(import.meta.dirname, '..', '..', 'seeds'));

test('should find the fields of a collection of many fields, with distinct labels that its papers use', () => {
  const { topics, assignments } = discoverTopics(corpus);
  assert.ok(topics.length >= 8 && topics.length <= 60, `${topics.length} topics`);
  assert.ok(topics.every((topic) => topic.papers.length >= minTopicSize(corpus.length)), topics.map((topic) => topic.papers.length).join());
  assert.ok(topics[0].papers.length <= 0.12 * corpus.length, `largest ${topics[0].papers.length}`);
  const { nmi, purity } = agreement(assignments.map((list) => list[0]), corpus.map((paper) => fieldOf(paper.primary.raw.file)));
  assert.ok(nmi >= 0.55 && purity >= 0.65, `NMI ${nmi}, purity ${purity}`);
  assert.ok(assignments.every((list) => list.length >= 1 && list.length <= 3 && new Set(list).size === list.length));
  const firsts = topics.map((topic) => topic.terms[0].toLowerCase());
  assert.equal(new Set(firsts).size, firsts.length, 'no two labels alike');
  for (const topic of topics) {
    assert.ok(topic.terms.length >= 2 && topic.terms.length <= 4, topicLabel(topic.terms));
    const text = topic.papers.map((index) => `${corpus[index].primary.title} ${corpus[index].primary.abstractText}`).join('\n').toLowerCase();
    for (const term of topic.terms) assert.ok(text.includes(term.toLowerCase()), `"${term}" of ${topicLabel(topic.terms)} is in its papers`);
    assert.ok(topic.papers.includes(topic.central));
  }
});

test('should give the same topics to the same papers in any order, and a handful to the seeds', () => {
  const first = discoverTopics(seeds);
  assert.ok(first.topics.length >= 3 && first.topics.length <= 8, `${first.topics.length} topics for the seeds`);
  const random = seededRandom(7);
  const order = seeds.map((_, index) => index).sort(() => random() - 0.5);
  const permuted = discoverTopics(order.map((index) => seeds[index]));
  assert.deepEqual(permuted.topics.map((topic) => topic.terms), first.topics.map((topic) => topic.terms));
  assert.deepEqual(order.map((index) => first.assignments[index]), permuted.assignments);
  // Neighbours are given by the input's own indexes: the same papers whatever the order.
  assert.deepEqual(order.map((index) => [...first.neighbours[index].others].map((other) => seeds[other].slug)), permuted.neighbours.map(({ others }) => [...others].map((other) => seeds[order[other]].slug)));
  assert.ok(first.neighbours.every(({ others }, index) => others.length <= NEIGHBOURS && !others.includes(index)));
});

test('should group papers that share no word with any other, and an empty collection, without a crash', () => {
  assert.deepEqual(discoverTopics([]), { topics: [], assignments: [], neighbours: [] });
  const odd = seeds.slice(0, 3).map((paper, index) => ({ ...paper, primary: { ...paper.primary, title: `Titel ${index}`, abstractText: ['Это статья о чём-то.', '这是一篇论文。', 'Ein ganz anderer Text.'][index] } }));
  const { topics, assignments } = discoverTopics([...seeds.slice(3, 40), ...odd]);
  assert.equal(assignments.length, 40);
  assert.ok(topics.length >= 1);
});
