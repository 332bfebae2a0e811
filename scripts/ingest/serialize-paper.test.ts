import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderAbstract } from '../../src/lib/render-abstract.ts';
import { parseHtml, visibleText } from '../../tests/helpers/html.ts';
import { renderMdxText } from '../../tests/helpers/mdx.ts';
import { buildBody } from './build-body.ts';
import { digestOf, SerializeCache } from './serialize-cache.ts';
import { paperFile, serializePaper, toMdx } from './serialize-paper.ts';
import { readWritten, writeFiles } from './write.ts';
import { normalizeAbstract } from './normalize-abstract.ts';
import type { PaperDraft } from './types.ts';

/** What a reader should see of a text: normalized prose, formulas by their source, paragraphs joined by newlines. */
function expectedText(text: string): string {
  return normalizeAbstract(text)
    .parts.map((part) => (part.kind === 'displayMath' ? `\n${part.value}\n` : part.value))
    .join('')
    .replace(/ *\n */g, '\n')
    .trim();
}

function mdxFor(text: string): string {
  return toMdx(buildBody(text, { file: 'test', line: 1, column: 1 }).body);
}

const HOSTILE = [
  'braces {x} and {1 + 1} and {props.secret}',
  '<div onclick="alert(1)">tag</div> and <Component /> and a < b > c',
  '`code` and ``double`` and ```fence```',
  '*stars* **bold** _under_ __strong__ snake_case_name',
  '# not a heading',
  '> not a quote',
  "import x from 'y'",
  'export const answer = 42',
  'export default function Page() {}',
  'a lone $ sign',
  'from $5 to $3 per query',
  'back\\slash \\\\ double \\{ \\} \\$ \\_ end\\',
  '&amp; &lt; &#123; &copy; <!-- comment -->',
  '1. not a list',
  '- not a list',
  '+ not a list',
  '[link](http://x) ![image](y.png) [ref]: http://z',
  '| a | b |',
  '~~not struck~~ and ~tilde~',
  '<https://example.org> and http://bare.example/path_(1)',
  '    four spaces of indent',
  '---',
  '=== setext',
  'Ünïcödé — “quotes” ‘single’ … 漢字 😀 ∑ ∞',
  'mixed {$} and $ { $',
];

test('should write MDX that @mdx-js/mdx compiles and that renders exactly the hostile input', async () => {
  for (const input of HOSTILE) {
    const mdx = mdxFor(input);
    assert.equal(await renderMdxText(mdx), expectedText(input), `input: ${input}\nmdx: ${mdx}`);
  }
});

/** Inputs that no normalize rule touches and that hold no math: the page must show them as they are. */
function untouched(text: string): boolean {
  const { parts, counts } = normalizeAbstract(text);
  return counts.size === 0 && parts.every((part) => part.kind === 'text');
}

test('should keep every character of hostile input that no repair applies to', async () => {
  const inputs = HOSTILE.filter(untouched);
  assert.ok(inputs.length >= 20, `only ${inputs.length} inputs untouched`);
  for (const input of inputs) {
    assert.equal(await renderMdxText(mdxFor(input)), input.trim(), input);
  }
});

test('should keep `$…$` math as math', async () => {
  const mdx = mdxFor('rate $\\tilde{O}((mnT)^{-2/3})$ with $\\textsf{PairBalance}$');
  assert.equal(mdx, 'rate $\\tilde{O}((mnT)^{-2/3})$ with $\\textsf{PairBalance}$\n');
  const { html } = renderAbstract(mdx);
  assert.equal((html.match(/class="katex"/g) ?? []).length, 2);
  assert.doesNotMatch(html.replace(/<annotation[^>]*>.*?<\/annotation>/g, ''), /\$/);
});

test('should render the same text through the site pipeline', () => {
  for (const input of HOSTILE.filter(untouched)) {
    const { html } = renderAbstract(mdxFor(input));
    assert.equal(visibleText(parseHtml(html, true)), input.trim().replace(/\s+/g, ' '), input);
  }
});

test('should write frontmatter that survives titles with YAML syntax', () => {
  const record = {
    raw: { file: 'seeds/x.txt', line: 3, abstract: 'Text.', abstractLine: 5, abstractColumn: 1, organization: 'A: B' },
    listing: 'x',
    title: 'Title: with "quotes", #hash, - dash and {braces}',
    titleDerived: false,
    abstractText: 'Text.',
    body: buildBody('Text.', { file: 'seeds/x.txt', line: 5, column: 1 }).body,
  };
  const paper: PaperDraft = { primary: record, records: [record], slug: 'title', aliases: [], topics: [], related: [] };
  const file = serializePaper(paper);
  assert.match(file, /^---\n[\s\S]+\n---\n\nText\.\n$/);
  assert.match(file, /\ntitle: 'Title: with "quotes", #hash, - dash and \{braces\}'\n/);
  assert.match(file, /\norganization: "A: B"\n|\norganization: 'A: B'\n/);
});

test('should write a paper out only when the cache does not know its file, or the file on disk differs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-serialize-'));
  try {
    const file = join(dir, 'cache.json');
    const out = join(dir, 'papers');
    let code = 'v1'; // the salt: a digest of the code that writes papers
    const paperOf = (slug: string, title: string, text: string): PaperDraft => {
      const record = {
        raw: { file: 'seeds/x.txt', line: 3, abstract: text, abstractLine: 5, abstractColumn: 1 },
        listing: 'x', title, titleDerived: false, abstractText: text,
        body: buildBody(text, { file: 'seeds/x.txt', line: 5, column: 1 }).body,
      };
      return { primary: record, records: [record], slug, aliases: [], topics: [], related: [] };
    };
    const papers = [paperOf('one', 'One', 'Rate $O(n)$ here.'), paperOf('two', 'Two', 'Plain text.')];
    const first = new SerializeCache(file, code);
    const firstFiles = papers.map((paper) => paperFile(paper, first));
    assert.deepEqual(firstFiles.map((paper) => paper.digest), [undefined, undefined]);
    assert.deepEqual(firstFiles.map((paper) => paper.text()), papers.map((paper) => serializePaper(paper)));
    assert.equal(writeFiles(out, firstFiles, undefined, readWritten(out)).written.length, 2);
    first.save();

    const second = new SerializeCache(file, code);
    const edited = paperOf('one', 'One', 'Rate $O(n^2)$ here.');
    const secondFiles = [edited, papers[1]].map((paper) => paperFile(paper, second));
    assert.equal(second.hits, 1, 'the unchanged paper comes from the cache, the edited one is written out');
    assert.equal(secondFiles[1].digest, digestOf(serializePaper(papers[1])));
    assert.equal(secondFiles[0].digest, undefined);
    // By hand, someone changed the unchanged paper's file: it is written again all the same.
    writeFileSync(join(out, 'two.mdx'), 'changed by hand');
    const result = writeFiles(out, secondFiles, undefined, readWritten(out));
    assert.deepEqual(result.written, ['one.mdx', 'two.mdx']);
    assert.equal(readFileSync(join(out, 'one.mdx'), 'utf8'), serializePaper(edited));
    assert.equal(readFileSync(join(out, 'two.mdx'), 'utf8'), serializePaper(papers[1]));
    second.save();
    // Nothing changed since: nothing is written out, or written.
    const third = new SerializeCache(file, code);
    const thirdFiles = [edited, papers[1]].map((paper) => paperFile(paper, third));
    const unchanged = writeFiles(out, thirdFiles.map((paper) => ({ ...paper, text: () => assert.fail(`${paper.name} was written out`) })), undefined, readWritten(out));
    assert.deepEqual([unchanged.written, unchanged.unchanged], [[], 2]);

    code = 'v2'; // the code that writes papers changed: nothing cached is used
    const fourth = new SerializeCache(file, code);
    assert.equal(paperFile(papers[0], fourth).digest, undefined);
    assert.equal(fourth.hits, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
