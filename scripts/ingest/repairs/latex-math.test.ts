import assert from 'node:assert/strict';
import { test } from 'node:test';
import katex from 'katex';
import { greekInContext, lostBackslashDelimiters, lostBackslashFormula, lostBackslashRelation, restoreBackslashes, scriptedSymbol, texCommandInProse } from './latex-math.ts';
import { MATH_CLOSE, MATH_OPEN } from './repair.ts';

/** Show math markers as `$…$` for readable expectations. */
const shown = (text: string) => text.replaceAll(MATH_OPEN, '$').replaceAll(MATH_CLOSE, '$');
const formulas = (text: string) => [...text.matchAll(/\uE000([^\uE001]*)\uE001/g)].map((match) => match[1]);

test('should make {\\tau} in prose math (001, Contrastive Loss)', () => {
  assert.equal(shown(texCommandInProse.apply('and the temperature {\\tau} controls').text), 'and the temperature $\\tau$ controls');
});

test('should restore lost backslashes in formulas (002 Refined Regret, 003 Provable Advantage)', () => {
  const cases: [string, string][] = [
    ['is of order mathcal O(K^{2/3}) (omitting all', 'is of order $\\mathcal O(K^{2/3})$ (omitting all'],
    ['regret to mathcal O(sqrt K) in the same', 'regret to $\\mathcal O(\\sqrt K)$ in the same'],
    ['risk of mathcal{O}(mathcal{C_Phi/m} + mathcal{C_Psi/n}) for', 'risk of $\\mathcal{O}(\\mathcal{C_\\Phi/m} + \\mathcal{C_\\Psi/n})$ for'],
    ['baseline of mathcal{O}(mathcal{C_{Phi circ Psi}/n}) achieved', 'baseline of $\\mathcal{O}(\\mathcal{C_{\\Phi \\circ \\Psi}/n})$ achieved'],
  ];
  for (const [input, expected] of cases) {
    const result = lostBackslashFormula.apply(input);
    assert.equal(shown(result.text), expected);
    for (const tex of formulas(result.text)) assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true }), tex);
  }
});

test('should read `m gg n` and `gamma to infty` as relations, not `a to b`', () => {
  assert.equal(shown(lostBackslashRelation.apply('pretraining when m gg n and').text), 'pretraining when $m \\gg n$ and');
  assert.equal(shown(lostBackslashRelation.apply('the step size gamma to infty. Second').text), 'the step size $\\gamma \\to \\infty$. Second');
  for (const prose of ['from a to b', 'egg and spam', 'plan B to C', 'the gg n word']) {
    assert.equal(lostBackslashRelation.apply(prose).count, 0, prose);
  }
});

test('should make scripted symbols math: L_2, T_1-weighted, n^{-2}-order, nu^1, C_{Phicirc Psi}', () => {
  const cases: [string, string][] = [
    ['trained with L_2 loss', 'trained with $L_2$ loss'],
    ['subject to ell_2 regularization', 'subject to $\\ell_2$ regularization'],
    ['generate 3D T_1-weighted MRI', 'generate 3D $T_1$-weighted MRI'],
    ['derived up to n^{-2}-order, and', 'derived up to $n^{-2}$-order, and'],
    ['parameter nu^2. But (nu^1-based)', 'parameter $\\nu^2$. But ($\\nu^1$-based)'],
    ['and C_{Phicirc Psi} > C_Psi.', 'and $C_{\\Phi\\circ \\Psi}$ > $C_\\Psi$.'],
  ];
  for (const [input, expected] of cases) assert.equal(shown(scriptedSymbol.apply(input).text), expected);
});

test('should leave identifiers and ordinary words alone', () => {
  for (const prose of ['snake_case_name', 'a_b and x_y', 'file_2.txt', 'menu', 'Phi Beta Kappa', 'CO_2', 'see https://x.org/a_1']) {
    assert.equal(scriptedSymbol.apply(prose).count + lostBackslashFormula.apply(prose).count + texCommandInProse.apply(prose).count, 0, prose);
  }
});

test('should read a Greek name as the letter only where the abstract uses it in math', () => {
  assert.equal(shown(greekInContext(new Set(['Phi', 'Psi'])).apply('function classes Phi, Psi, and m').text), 'function classes $\\Phi$, $\\Psi$, and m');
  assert.equal(greekInContext(new Set()).apply('Phi Beta Kappa').count, 0);
  assert.equal(greekInContext(new Set(['Psi'])).apply('Phi Beta Kappa').count, 0);
});

test('should split runs of letters into command names only when they all are', () => {
  assert.equal(restoreBackslashes('C_{Phicirc Psi}'), 'C_{\\Phi\\circ \\Psi}');
  assert.equal(restoreBackslashes('mathcal O(sqrt K)'), '\\mathcal O(\\sqrt K)');
  assert.equal(restoreBackslashes('max(x, y)'), 'max(x, y)');
});

test('should restore \\left and \\right around a bound (003, successive elimination with CPR)', () => {
  const result = lostBackslashDelimiters.apply('has O left( KT + (m+M)K right) CPR and Omega left( mK + M right), demonstrating');
  assert.equal(shown(result.text), 'has $O\\left( KT + (m+M)K \\right)$ CPR and $\\Omega\\left( mK + M \\right)$, demonstrating');
  for (const tex of formulas(result.text)) assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true }), tex);
  assert.equal(lostBackslashDelimiters.apply('turn left (or right) here').count, 0);
});

test('should read `epsilon geq 6` as a relation (003, differential privacy)', () => {
  assert.equal(shown(lostBackslashRelation.apply('(e.g., epsilon geq 6) significantly').text), '(e.g., $\\epsilon \\geq 6$) significantly');
});
