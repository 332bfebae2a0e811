import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plusMinus, texDashes, texDoubleQuotes, texEscapes, texSingleQuotes, texTies } from './typography.ts';

test('should turn TeX quotes into typographic quotes (002 CWCL, 003 MaskLLM)', () => {
  assert.deepEqual(texDoubleQuotes.apply("similar to ``Contrastive Language-Image Pre-training (CLIP)'' and ``Locked-image Tuning (LiT)''"), {
    text: 'similar to “Contrastive Language-Image Pre-training (CLIP)” and “Locked-image Tuning (LiT)”',
    count: 2,
  });
  assert.equal(texDoubleQuotes.apply('Semi-structured (or ``N:M\'\') Sparsity').text, 'Semi-structured (or “N:M”) Sparsity');
  assert.equal(texDoubleQuotes.apply('a ``plug and play" style').text, 'a “plug and play” style');
  assert.equal(texDoubleQuotes.apply("under a mild ''informative'' condition").text, 'under a mild “informative” condition');
  assert.equal(texSingleQuotes.apply("calling for a more `non-binary' treatment").text, 'calling for a more ‘non-binary’ treatment');
});

test('should leave ordinary quotes and code-like backticks alone', () => {
  for (const prose of ['the model\'s "soft" label', "`code` and ``double``", "it's the authors' view", 'say "hi"']) {
    assert.equal(texDoubleQuotes.apply(prose).count + texSingleQuotes.apply(prose).count, 0, prose);
  }
});

test('should make TeX dashes real dashes (002/003 BioFusionNet, Rao--Blackwellization)', () => {
  assert.equal(texDashes.apply('95% CI: 1.88--4.78, p<0.005').text, '95% CI: 1.88–4.78, p<0.005');
  assert.equal(texDashes.apply('the implicit Rao--Blackwellization').text, 'the implicit Rao–Blackwellization');
  assert.equal(texDashes.apply('large scale -- i.e. distributed').text, 'large scale – i.e. distributed');
  assert.equal(texDashes.apply('a---b').text, 'a—b');
});

test('should not touch single hyphens, HTML comments or arrows', () => {
  for (const prose of ['state-of-the-art', '<!-- comment -->', 'a --> b', '-- leading', 'x-1']) {
    assert.equal(texDashes.apply(prose).count, 0, prose);
  }
});

test('should unescape \\% and friends (002 CW-BASS, 003 LoRAPrune)', () => {
  assert.deepEqual(texEscapes.apply('only 1/8 or 12.5\\% of labeled data, R\\&D'), { text: 'only 1/8 or 12.5% of labeled data, R&D', count: 2 });
  assert.equal(texEscapes.apply('a \\ b and \\x').count, 0);
});

test('should make a TeX tie a non-breaking space and keep a spaced tilde (001 SPOCKMIP, 003 LexLIP)', () => {
  assert.equal(texTies.apply('Maximum Intensity Projection~(MIP) and minimization~(NCE)').text, 'Maximum Intensity Projection\u00A0(MIP) and minimization\u00A0(NCE)');
  assert.equal(texTies.apply('with a 5.5 ~ 221.3X faster retrieval').count, 0);
  assert.equal(texTies.apply('about ~5 ms, ~tilde~').count, 0);
});

test('should read `pm` between numbers as ± and nowhere else (001 SPOCKMIP)', () => {
  assert.equal(plusMinus.apply('a median Dice of 80.245 pm 0.129.').text, 'a median Dice of 80.245 ± 0.129.');
  for (const prose of ['at 5 pm today', 'the pm of 3', 'pm 2.5 particles', 'RPM 300']) {
    assert.equal(plusMinus.apply(prose).count, 0, prose);
  }
});
