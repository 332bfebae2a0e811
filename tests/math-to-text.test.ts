import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderAbstract } from '../src/lib/render-abstract.ts';
import { mathToText } from '../src/lib/math-to-text.ts';

test('should read simple formulas as text', () => {
  const cases: [string, string][] = [
    ['T_1', 'T₁'], ['L_2', 'L₂'], ['\\tau', 'τ'], ['\\leq', '≤'], ['\\pm 0.5', '± 0.5'], ['\\sqrt{T}', '√T'], ['x^2', 'x²'],
    ['O(\\sqrt{T})', 'O(√T)'], ['\\mathcal{O}(n^2)', 'O(n²)'], ['x_{12}', 'x₁₂'], ['W^{-1}', 'W⁻¹'], ['\\alpha \\leq 0.1', 'α ≤ 0.1'],
    ['\\mathbb{R}^d', 'ℝᵈ'], ['\\frac{1}{2}', '1/2'], ['\\tilde{O}(d)', 'Õ(d)'], ['\\textsf{PairBalance}', 'PairBalance'], ['\\sqrt{n+1}', '√(n+1)'], ['x_{\\max}', 'xₘₐₓ'],
  ];
  for (const [tex, text] of cases) assert.equal(mathToText(tex), text, tex);
});

test('should give up on formulas that do not read as text', () => {
  for (const tex of ['\\begin{pmatrix}a\\end{pmatrix}', 'n^{1/3}', '\\unknowncommand x', '\\frac{1}{', 'e^{i\\theta}', '']) {
    assert.equal(mathToText(tex), undefined, tex);
  }
});

test('should show readable formulas in the excerpt and plain text, and keep the rest as $…$; the page keeps KaTeX', () => {
  const { excerpt, text, html } = renderAbstract('We segment $T_1$-weighted MRI with $L_2$ loss and $\\tau \\leq 1$. The rate is $O(n^{1/3}T^{-2/3})$.\n');
  assert.equal(excerpt, 'We segment T₁-weighted MRI with L₂ loss and τ ≤ 1.');
  assert.equal(text, 'We segment T₁-weighted MRI with L₂ loss and τ ≤ 1. The rate is $O(n^{1/3}T^{-2/3})$.');
  assert.equal((html.match(/class="katex"/g) ?? []).length, 4);
});
