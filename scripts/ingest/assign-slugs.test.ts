import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PermalinksSchema } from '../../src/schemas/permalink.ts';
import { abstractDigest, assignSlugs, serializePermalinks, updatedRegistry } from './assign-slugs.ts';
import type { PaperDraft } from './types.ts';

function draft(title: string, abstractText: string, file = 'seeds/a.txt'): PaperDraft {
  const record = {
    raw: { file, line: 1, abstract: abstractText, abstractLine: 2, abstractColumn: 1 },
    listing: 'a',
    title,
    titleDerived: false,
    abstractText,
    body: { type: 'root' as const, children: [] },
  };
  return { primary: record, records: [record], slug: '', aliases: [], topics: ['topic-a'], related: [] };
}

/** Name papers, then return what the ingest would commit as the registry. */
function publish(papers: PaperDraft[], registry = {}) {
  const result = assignSlugs(papers, registry);
  const next = updatedRegistry(result.papers, result.removed);
  // Every registry the ingest writes must read back through the shared schema.
  PermalinksSchema.parse(JSON.parse(serializePermalinks(next)));
  return { ...result, registry: next, slugOf: (title: string) => result.papers.find((paper) => paper.primary.title === title)?.slug };
}

const A = draft('Attention Is All You Need', 'We propose the Transformer.');
const B = draft('Deep Residual Learning', 'We present a residual learning framework.');
const C = draft('Attention Is All You Need', 'A different paper that took the same title.');

test('slugs come from titles; a taken title gets -2 whatever order the dumps are read in', () => {
  const forward = publish([A, B, C]);
  const backward = publish([C, B, A]);
  assert.equal(forward.slugOf('Deep Residual Learning'), 'deep-residual-learning');
  const slugs = (result: typeof forward) => Object.fromEntries(result.papers.map((paper) => [abstractDigest(paper.primary.abstractText), paper.slug]));
  assert.deepEqual(slugs(forward), slugs(backward));
  assert.deepEqual(Object.keys(forward.registry).sort(), ['attention-is-all-you-need', 'attention-is-all-you-need-2', 'deep-residual-learning']);
  assert.equal(forward.added.length, 3);
});

test('with a registry, reordering dumps and adding a paper change no slug; the newcomer with a taken title is suffixed', () => {
  const first = publish([A, B]);
  const second = publish([draft(B.primary.title, B.primary.abstractText, 'seeds/renamed.txt'), C, A], first.registry);
  assert.equal(second.papers.find((paper) => paper.primary.abstractText === A.primary.abstractText)?.slug, 'attention-is-all-you-need');
  assert.equal(second.papers.find((paper) => paper.primary.abstractText === C.primary.abstractText)?.slug, 'attention-is-all-you-need-2');
  assert.equal(second.slugOf('Deep Residual Learning'), 'deep-residual-learning');
  assert.deepEqual(second.added, ['attention-is-all-you-need-2']);
  assert.deepEqual(second.moved, []);
});

test('a corrected title moves the slug and keeps the old one as an alias; changing it back takes the old slug back', () => {
  const first = publish([A, B]);
  const fixed = draft('Deep Residual Learning for Image Recognition', B.primary.abstractText);
  const second = publish([A, fixed], first.registry);
  assert.equal(second.slugOf(fixed.primary.title), 'deep-residual-learning-for-image-recognition');
  assert.deepEqual(second.papers[1].aliases, ['deep-residual-learning']);
  assert.deepEqual(second.moved, [{ from: 'deep-residual-learning', to: 'deep-residual-learning-for-image-recognition', title: fixed.primary.title }]);
  assert.equal(second.registry['deep-residual-learning'], undefined, 'the old slug lives on as an alias, not as a second paper');
  assert.deepEqual(second.registry['deep-residual-learning-for-image-recognition'].former, ['deep-residual-learning']);
  const third = publish([A, B], second.registry);
  assert.equal(third.slugOf('Deep Residual Learning'), 'deep-residual-learning');
  assert.deepEqual(third.papers[1].aliases, ['deep-residual-learning-for-image-recognition']);
});

test('a change of case or punctuation in a title keeps its slug', () => {
  const first = publish([A]);
  const second = publish([draft('Attention is all you need!', A.primary.abstractText)], first.registry);
  assert.equal(second.papers[0].slug, 'attention-is-all-you-need');
  assert.deepEqual(second.moved, []);
});

test('a corrected abstract under the same title keeps the slug', () => {
  const first = publish([A, B]);
  const second = publish([draft(A.primary.title, 'We propose the Transformer, based solely on attention.'), B], first.registry);
  assert.equal(second.papers[0].slug, 'attention-is-all-you-need');
  assert.deepEqual(second.added, []);
  assert.equal(second.registry['attention-is-all-you-need'].fingerprint, abstractDigest('We propose the Transformer, based solely on attention.'));
});

test('a removed paper keeps its entry (marked removed, with its topic) and its slug is never given away', () => {
  const first = publish([A, B]);
  const second = publish([B], first.registry);
  assert.deepEqual(second.newlyRemoved, ['attention-is-all-you-need']);
  assert.deepEqual(second.registry['attention-is-all-you-need'], { ...first.registry['attention-is-all-you-need'], removed: true });
  assert.equal(second.registry['attention-is-all-you-need'].topic, 'topic-a');
  const third = publish([B, C], second.registry);
  assert.equal(third.slugOf(C.primary.title), 'attention-is-all-you-need-2', 'a new paper with the title of a removed one gets its own slug');
  assert.deepEqual(third.newlyRemoved, []);
  const fourth = publish([A, B, C], third.registry);
  assert.equal(fourth.papers[0].slug, 'attention-is-all-you-need', 'a paper that comes back gets its slug back');
  assert.equal(fourth.registry['attention-is-all-you-need'].removed, undefined);
});

test('an alias is never handed to a new paper', () => {
  const first = publish([B]);
  const second = publish([draft('Residual Networks', B.primary.abstractText)], first.registry);
  const third = publish([second.papers[0], draft('Deep Residual Learning', 'Another paper under the old title.')], second.registry);
  assert.equal(third.slugOf('Deep Residual Learning'), 'deep-residual-learning-2');
  assert.deepEqual(third.papers[0].aliases, ['deep-residual-learning']);
});

test('titles in other scripts get readable ASCII slugs, and a title with no letters takes its slug from the abstract', () => {
  const result = publish([
    draft('基于大语言模型的数学推理', 'We study reasoning in Chinese models.'),
    draft('Обучение нейронных сетей без учителя', 'Unsupervised training of networks.'),
    draft('Über die Straße', 'A German title with a sharp s.'),
    draft('?!', 'Punctuation-only titles happen in copied listings, sadly.'),
    draft('🤖 + 🧠', 'Robots and brains, as emoji.'),
  ]);
  assert.deepEqual(result.papers.map((paper) => paper.slug), [
    'ji-yu-da-yu-yan-mo-xing-de-shu-xue-tui-li',
    'obuchenie-neyronnykh-setey-bez-uchitelya',
    'uber-die-strasse',
    'punctuation-only-titles-happen-in-copied-listings-sadly',
    'robots-and-brains-as-emoji',
  ]);
  assert.ok(result.papers.every((paper) => paper.slug !== 'paper' && /^[a-z0-9-]+$/.test(paper.slug)));
});

test('a published slug never changes when the slug rule does: a paper once named `paper-2` keeps it', () => {
  const chinese = draft('基于大语言模型的数学推理', 'We study reasoning in Chinese models.');
  const dots = draft('…', 'A title of dots only.');
  const registry = {
    paper: { title: chinese.primary.title, fingerprint: abstractDigest(chinese.primary.abstractText), topic: 'topic-a' },
    'paper-2': { title: '…', fingerprint: abstractDigest(dots.primary.abstractText), topic: 'topic-a' },
  };
  const result = publish([chinese, dots], registry);
  assert.deepEqual(result.papers.map((paper) => [paper.slug, paper.aliases]), [['paper', []], ['paper-2', []]]);
  assert.deepEqual(result.moved, []);
});

test('a paper whose derived title is worded anew keeps its slug', () => {
  const paper = draft('We propose STEP, an Adam-aware recipe', 'We propose STEP, an Adam-aware recipe.');
  const first = publish([paper]);
  const reworded = { ...paper, primary: { ...paper.primary, title: 'STEP: An Adam-aware recipe', titleDerived: true } };
  const second = publish([reworded], first.registry);
  assert.deepEqual(second.papers.map((entry) => [entry.slug, entry.aliases]), [['we-propose-step-an-adam-aware-recipe', []]]);
  assert.equal(second.registry['we-propose-step-an-adam-aware-recipe'].title, 'STEP: An Adam-aware recipe');
});
