import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DERIVED_TITLE_MAX, deriveTitle, summaryTitle } from './derive-title.ts';

test('should use a short first sentence whole', () => {
  assert.equal(deriveTitle('Pruning helps. It also hurts.'), 'Pruning helps');
});

test('should not end a sentence at e.g.', () => {
  assert.equal(deriveTitle('Models (e.g. BERT) are big. Yes.'), 'Models (e.g. BERT) are big');
});

test('should cut long sentences on a whole word, never on a weak word', () => {
  const title = deriveTitle(
    'Post-click conversion rate (CVR) estimation is a vital task in many recommender systems of revenue businesses, e.g., e-commerce and advertising.',
  );
  assert.equal(title, 'Post-click conversion rate (CVR) estimation is a vital task in many recommender systems…');
});

test('should keep every seed abstract title within the limit and on whole words', () => {
  const lines = readFileSync('seeds/000_d81bca234a2fd64b.txt', 'utf8').split('\n').filter(Boolean);
  for (const line of lines) {
    const abstract = line.slice('Abstract:'.length);
    const title = deriveTitle(abstract);
    assert.ok(title.replace(/…$/, '').length <= DERIVED_TITLE_MAX, title);
    const words = title.replace(/…$/, '').split(' ');
    // A title that is not a named contribution is whole words of the abstract, in order, from its start.
    if (!/: |^D-GraB/.test(title)) assert.ok(abstract.startsWith(words.join(' ')), title);
    assert.doesNotMatch(title, /\s(of|the|and|a|to|in)…$/, title);
  }
});

test('should name a paper by what its abstract says it proposes', () => {
  const cases: [string, string][] = [
    ['Old work is slow. We propose FastNet, a sparse network that trains in minutes. It works.', 'FastNet: A sparse network that trains in minutes'],
    ['Old work is slow. In this paper we introduce an adaptive sampler, called AdaSamp, for diffusion.', 'AdaSamp: An adaptive sampler'],
    ['Old work is slow. This paper presents a unified benchmark (UniBench) covering 40 tasks.', 'UniBench: A unified benchmark'],
    ['Old work is slow. We present a novel GPT-4 evaluator that grades essays.', 'GPT-4: A novel evaluator that grades essays'],
    ['Old work is slow. We propose X2-Net that learns faster: (1) it prunes; (2) it caches.', 'X2-Net that learns faster'],
  ];
  for (const [abstract, title] of cases) assert.equal(deriveTitle(abstract), title);
});

test('should keep the first sentence when no contribution is named', () => {
  assert.equal(deriveTitle('Old work is slow. We propose a CNN-based method for speed.'), 'Old work is slow');
  assert.equal(deriveTitle('Old work is slow. We propose a faster method.'), 'Old work is slow');
  assert.equal(deriveTitle('Old work is slow. Methods were proposed before.'), 'Old work is slow');
});

test('should title each seed `Abstract:` line by its contribution when it names one', () => {
  const lines = readFileSync('seeds/000_d81bca234a2fd64b.txt', 'utf8').split('\n').filter(Boolean);
  assert.deepEqual(lines.map((line) => deriveTitle(line.slice('Abstract:'.length))), [
    'ChorusCVR: A novel model to realize debiased CVR learning in entire-space',
    'Live-streaming, as a new-generation media to connect users and authors…',
    'Current transferability estimation methods designed for natural image datasets are often…',
    'In this paper, we use spectral analysis to investigate transfer learning and study model…',
    'Transfer learning has become an essential part of medical imaging classification…',
    'Computed tomography (CT) has been used worldwide for decades as one of the most important…',
    'D-GraB that involves two novel designs',
    'STEP: An Adam-aware recipe that learns N:M masks with two phases',
    'Reference-based zero-shot SR (RZSR): An integrated solution',
    'GraB: An online Gradient Balancing algorithm',
  ]);
});

test('should classify and relate a paper with a derived title by its first sentence, not by the name it coins', () => {
  const abstractText = 'Data selection matters for training. We propose FastNet, a sparse network.';
  assert.equal(summaryTitle({ title: deriveTitle(abstractText), titleDerived: true, abstractText }), 'Data selection matters for training');
  assert.equal(summaryTitle({ title: 'A Real Title', titleDerived: false, abstractText }), 'A Real Title');
});
