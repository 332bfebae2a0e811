import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderAbstract } from '../../src/lib/render-abstract.ts';
import { parseHtml, selectAll, visibleText } from '../../tests/helpers/html.ts';
import { buildBody } from './build-body.ts';
import { toMdx } from './serialize-paper.ts';

test('should report a formula KaTeX cannot render at its file:line:col', () => {
  const text = 'We bound it by $\\frac{1}{$ and $x^2$.';
  const { messages } = buildBody(text, { file: 'seeds/a.txt', line: 7, column: 10 });
  assert.deepEqual(
    messages.map(({ file, line, column, severity, ruleId }) => ({ file, line, column, severity, ruleId })),
    [{ file: 'seeds/a.txt', line: 7, column: 10 + text.indexOf('$\\frac'), severity: 'warning', ruleId: 'math-error' }],
  );
  assert.match(messages[0].reason, /KaTeX cannot render `\\frac\{1\}\{`/);
});

test('should quote at most about 120 characters of a 6,000-character formula it cannot render', () => {
  const formula = `\\frac{${'x+'.repeat(3000)}`;
  const { messages } = buildBody(`Long: $${formula}$ end.`, { file: 'seeds/a.txt', line: 1, column: 1 });
  assert.equal(messages.length, 1);
  const quoted = /^KaTeX cannot render `([^`]*)`/.exec(messages[0].reason)?.[1] ?? '';
  assert.ok(quoted.endsWith('…') && quoted.length <= 121, quoted);
  assert.ok(formula.startsWith(quoted.slice(0, -1)));
  assert.ok(messages[0].reason.length < 400, `${messages[0].reason.length} characters`);
});

test('should show a broken formula as its source in a marked span, and render the rest', () => {
  const { body } = buildBody('We bound it by $\\frac{1}{$ and $x^2$.', { file: 'a', line: 1, column: 1 });
  const tree = parseHtml(renderAbstract(toMdx(body)).html, true);
  const errors = selectAll('.katex-error', tree);
  assert.equal(errors.length, 1);
  assert.equal(visibleText(errors[0]), '\\frac{1}{');
  assert.equal(selectAll('.katex', tree).length, 1);
});

test('should turn a bare URL into a link whose text is the URL', () => {
  const { body } = buildBody('Code: https://github.com/a/b.', { file: 'a', line: 1, column: 1 });
  assert.equal(toMdx(body), 'Code: [https://github.com/a/b](https://github.com/a/b).\n');
});
