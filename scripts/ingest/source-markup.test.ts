import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderAbstract } from '../../src/lib/render-abstract.ts';
import { shownAuthors } from '../../src/lib/author-names.ts';
import { titleHtml } from '../../src/lib/title-math.ts';
import { bibtexTitle } from '../../src/lib/bibtex.ts';
import { parseHtml, select, selectAll, visibleText } from '../../tests/helpers/html.ts';
import { buildBody } from './build-body.ts';
import { decodeTex, decodeTexAccents } from './decode-tex.ts';
import { normalizeRecord } from './normalize.ts';
import { readDump } from './parse.ts';
import { slugify } from './slugify.ts';
import { splitStructured } from './structured-abstract.ts';
import { toFrontmatter, toMdx } from './serialize-paper.ts';
import type { PaperDraft, RawRecord } from './types.ts';

const SOURCE = { name: 'x', label: 'x', listing: 'x' };
const at = { file: 'seeds/x', line: 1, column: 1 };

/** A body as the page shows it: MDX written, parsed back and rendered. */
function page(text: string, markup: 'plain' | 'tex' | 'rich') {
  const { body, messages } = buildBody(text, at, markup);
  const mdx = toMdx(body);
  return { mdx, html: renderAbstract(mdx).html, tree: parseHtml(renderAbstract(mdx).html, true), messages };
}

test('should decode TeX-flavoured text: accents, letters, groups, ties, dashes, quotes, font commands; math stays math', () => {
  const cases: [string, string][] = [
    ['nonlinear Schr\\"odinger equation', 'nonlinear Schrödinger equation'],
    ['Paczy\\\'nski and Bj{\\o}rnstad, \\AA ngstr\\"om and {\\L}\\\'od\\\'z', 'Paczyński and Bjørnstad, Ångström and Łódź'],
    ['{T}he {\\it tritronqu\\\'ee} solution to the Painlev\\\'e-I equation', 'The <i>tritronquée</i> solution to the Painlevé-I equation'],
    ['\\emph{a}, \\textit{b}, \\textbf{c} and {\\bf d}', '<i>a</i>, <i>b</i>, <b>c</b> and <b>d</b>'],
    ['Section~2, pages 1--2 --- ``quoted\'\' \\& 50% of $x<y$ and $\\mathcal{O}(n^2)$', 'Section\u00A02, pages 1–2 — “quoted” &amp; 50% of $x&lt;y$ and $\\mathcal{O}(n^2)$'],
    ['at 10.4 \\micron with M_\\sun \\la 3', 'at 10.4 µm with $M_\\sun$ ≲ 3'],
  ];
  for (const [tex, html] of cases) assert.equal(decodeTex(tex).html, html, tex);
  const unknown = decodeTex('a \\htco line');
  assert.deepEqual(unknown.unknown, ['\\htco']);
  assert.match(unknown.html, /\\htco/, 'an unknown command is shown as written');
  assert.equal(decodeTexAccents('M\\"uller, G{\\"o}del, \\v{s}, {\\o}, $\\hat{x}$ and \\alpha'), 'Müller, Gödel, š, ø, $\\hat{x}$ and \\alpha');
});

/** An arXiv API answer with TeX in a title, a summary and names, written from arXiv's API documentation. */
const ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <entry>
    <id>http://arxiv.org/abs/0704.0001v1</id>
    <published>2007-04-02T19:18:42Z</published>
    <title>The {\\it tritronqu\\'ee} solution to the nonlinear Schr\\"odinger equation</title>
    <summary>We study the {\\em Painlev\\'e-I} equation near 10.4 \\micron, as in Bj{\\o}rnstad's work; the bound is $x^2 &lt; 1$ and 50% of cases -- \`\`most'' -- agree.</summary>
    <author><name>Bohdan Paczy\\'nski</name></author>
    <author><name>Ottar N. Bj{\\o}rnstad</name></author>
    <arxiv:journal_ref>RIMS K\\^oky\\^uroku Bessatsu B39 (2013)</arxiv:journal_ref>
  </entry>
</feed>
`;

test('should read an arXiv entry\'s TeX as what it means: title, abstract prose, names and venue, with the old author slugs kept', () => {
  const parsed = readDump('seeds/arxiv.xml', new TextEncoder().encode(ATOM));
  const [raw] = parsed.records;
  assert.equal(raw.markup, 'tex');
  assert.deepEqual(raw.bibliographic?.authors, [
    { given: 'Bohdan', family: 'Paczyński', formerSlug: 'bohdan-paczy-nski' },
    { given: 'Ottar N.', family: 'Bjørnstad', formerSlug: 'ottar-n-bj-o-rnstad' },
  ]);
  assert.equal(raw.bibliographic?.venue, 'RIMS Kôkyûroku Bessatsu B39 (2013)');
  const { record } = normalizeRecord(raw, SOURCE);
  assert.equal(record.title, 'The tritronquée solution to the nonlinear Schrödinger equation');
  assert.equal(slugify(record.title), 'the-tritronquee-solution-to-the-nonlinear-schrodinger-equation');
  assert.equal(record.abstractText, raw.abstract, 'identity stays the text as the source wrote it');
  const paper: PaperDraft = { primary: record, records: [record], slug: 's', aliases: [], topics: [], related: [] };
  assert.equal(toFrontmatter(paper).titleMarkup, 'The *tritronquée* solution to the nonlinear Schrödinger equation');
  const heading = parseHtml(titleHtml(toFrontmatter(paper).title, toFrontmatter(paper).titleMarkup), true);
  assert.equal(visibleText(select('em', heading)!), 'tritronquée');
  const html = parseHtml(renderAbstract(toMdx(record.body)).html, true);
  assert.equal(visibleText(select('em', html)!), 'Painlevé-I');
  assert.match(visibleText(html), /near 10\.4 µm, as in Bjørnstad's work; the bound is .+ and 50% of cases – “most” – agree\.$/);
  assert.equal(selectAll('.katex', html).length, 1);
});

test('should show Zotero rich text in titles as formatting, and as plain text everywhere else; other tags stay text', () => {
  const csl = JSON.stringify([{
    type: 'article-journal',
    title: 'Karyotypes of two species of <i>Byblis</i> (Byblidaceae) in H<sub>2</sub>O, <span style="font-variant:small-caps;">Dna</span> <b>bold</b> <span class="nocase">iPhone</span> <img src=x onerror="alert(1)"> <script>alert(2)</script> a<b',
    abstract: 'Plain text.',
  }]);
  const [raw] = readDump('seeds/zotero.json', new TextEncoder().encode(csl)).records;
  const { record } = normalizeRecord(raw, SOURCE);
  const title = 'Karyotypes of two species of Byblis (Byblidaceae) in H2O, Dna bold iPhone <img src=x onerror="alert(1)"> <script>alert(2)</script> a<b';
  assert.equal(record.title, title);
  assert.equal(slugify(record.title).slice(0, 52), 'karyotypes-of-two-species-of-byblis-byblidaceae-in-h');
  const paper: PaperDraft = { primary: record, records: [record], slug: 's', aliases: [], topics: [], related: [] };
  const markup = toFrontmatter(paper).titleMarkup!;
  const heading = parseHtml(titleHtml(record.title, markup), true);
  assert.equal(visibleText(heading), title, 'the heading reads the same words');
  assert.equal(visibleText(select('em', heading)!), 'Byblis');
  assert.equal(visibleText(select('sub', heading)!), '2');
  assert.equal(visibleText(select('span.small-caps', heading)!), 'Dna');
  assert.equal(visibleText(select('strong', heading)!), 'bold');
  assert.equal(selectAll('img, script, [onerror], [style]', heading).length, 0, 'nothing from the source becomes an element but the allow-list');
});

test('should render JATS abstracts (prefixed or not) as sections, paragraphs, lists and formulas, through an allow-list', () => {
  const jats = '<jats:sec><jats:title>Abstract</jats:title></jats:sec><jats:sec><jats:title>Background</jats:title><jats:p>Cells of <jats:italic>E. coli</jats:italic> in CO<jats:sub>2</jats:sub> at 10<jats:sup>3</jats:sup> K &amp; more: <jats:inline-formula><mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML"><mml:msub><mml:mi>x</mml:mi><mml:mn>2</mml:mn></mml:msub><mml:mo>≤</mml:mo><mml:mi>α</mml:mi></mml:math></jats:inline-formula>.</jats:p></jats:sec><jats:sec><jats:title>Results</jats:title><jats:p>Two findings:<jats:list list-type="bullet"><jats:list-item><jats:p>one <jats:sc>Dna</jats:sc></jats:p></jats:list-item><jats:list-item><jats:p>two</jats:p></jats:list-item></jats:list></jats:p></jats:sec>';
  const { tree, messages } = page(jats, 'rich');
  assert.deepEqual(messages, []);
  assert.deepEqual(selectAll('h3', tree).map(visibleText), ['Background', 'Results']);
  assert.equal(visibleText(select('em', tree)!), 'E. coli');
  assert.deepEqual([visibleText(select('sub', tree)!), visibleText(select('sup', tree)!)], ['2', '3']);
  assert.equal(selectAll('.katex', tree).length, 1);
  assert.match(visibleText(tree), /in CO2 at 103 K & more: x2\u200B?≤α\./);
  assert.deepEqual(selectAll('li', tree).map(visibleText), ['one Dna', 'two']);
  assert.equal(visibleText(select('.small-caps', tree)!), 'Dna');
  const plain = page('<sec><title>Methods</title><p>We used <italic>R</italic> and <inline-formula><tex-math>$\\alpha^2$</tex-math></inline-formula>.</p></sec>', 'rich').tree;
  assert.deepEqual(selectAll('h3', plain).map(visibleText), ['Methods']);
  assert.equal(selectAll('.katex', plain).length, 1);
});

test('should show hostile markup in a dump as text, never as an element or an attribute', () => {
  const hostile = '<jats:p>Safe <jats:italic onclick="alert(1)">text</jats:italic> <script>alert(2)</script><iframe src="https://evil.example"></iframe><img src=x onerror=alert(3)><a href="javascript:alert(4)">link</a><style>body{display:none}</style><form action="/x"><input></form><object data="x"></object><svg onload=alert(5)></svg><jats:p onmouseover="alert(6)">more</jats:p></jats:p>';
  for (const markup of ['rich', 'tex', 'plain'] as const) {
    const { html, tree } = page(hostile, markup);
    assert.equal(selectAll('script, iframe, img, style, form, input, object, svg', tree).length, 0, markup);
    // A bare URL in the text is a link to itself, as in every abstract; the dump's own <a href> is text.
    for (const link of selectAll('a', tree)) assert.equal(link.properties.href, visibleText(link), markup);
    assert.doesNotMatch(html, /<[a-z]+[^>]*\son[a-z]+=/i, markup);
    assert.match(visibleText(tree), /<script>alert\(2\)<\/script><iframe src="https:\/\/evil\.example"><\/iframe><img src=x onerror=alert\(3\)>/, markup);
  }
});

test('should split PubMed\'s structured abstracts at their labels, and leave other text alone', () => {
  const text = 'BACKGROUND: Cataract is common. METHODS: We enrolled 40 patients (see NOTE: below). DESIGN, SETTING, AND PARTICIPANTS: A cohort. CONCLUSIONS: It works.';
  assert.deepEqual(splitStructured(text)?.map((part) => part.label), ['BACKGROUND', 'METHODS', 'DESIGN, SETTING, AND PARTICIPANTS', 'CONCLUSIONS']);
  const { tree } = page(text, 'plain');
  assert.deepEqual(selectAll('p', tree).map((paragraph) => visibleText(select('strong', paragraph)!)), ['BACKGROUND:', 'METHODS:', 'DESIGN, SETTING, AND PARTICIPANTS:', 'CONCLUSIONS:']);
  assert.equal(visibleText(selectAll('p', tree)[1]), 'METHODS: We enrolled 40 patients (see NOTE: below).');
  assert.equal(splitStructured('UNLABELLED: One part. RESULTS: two parts.')?.map((part) => part.label ?? '-').join(), '-,RESULTS');
  for (const plain of ['We study NOTE: and TODO: markers.', 'RESULTS: only one label here.', 'Our METHODS: differ. RESULTS: are new.']) assert.equal(splitStructured(plain), undefined, plain);
});

test('should refuse a body with any element outside the allow-list, attributes included', () => {
  for (const body of ['<sub onClick="x">2</sub>\n', '<span className="evil">x</span>\n', '<span className="small-caps" id="x">x</span>\n', '<script>x</script>\n', '<Sub>2</Sub>\n']) {
    assert.throws(() => renderAbstract(body), /Paper bodies hold only/, body);
  }
  assert.match(renderAbstract('H<sub>2</sub>O and <span className="small-caps">Dna</span>\n').html, /^<p>H<sub>2<\/sub>O and <span class="small-caps">Dna<\/span><\/p>$/);
});

test('should show the first ten of a long author list, collaborations first, and fold the rest', () => {
  const people = Array.from({ length: 577 }, (_, index) => ({ given: 'A.', family: `Author${index}` }));
  const authors = [...people.slice(0, 3), { literal: 'ATLAS Collaboration' }, ...people.slice(3)];
  const { shown, rest } = shownAuthors(authors);
  assert.equal(shown.length, 10);
  assert.deepEqual(shown[0], { literal: 'ATLAS Collaboration' });
  assert.deepEqual(shown.slice(1), people.slice(0, 9));
  assert.equal(rest.length, 568);
  assert.deepEqual(new Set([...shown, ...rest]), new Set(authors), 'every author is on the page once');
  assert.deepEqual(shownAuthors(people.slice(0, 15)), { shown: people.slice(0, 15), rest: [] });
});

test('should keep the abstract text of a record as its identity, whatever its markup renders as', () => {
  const raw: RawRecord = { file: 'seeds/x', line: 1, abstract: 'The {\\it same} Schr\\"odinger text.', abstractLine: 1, abstractColumn: 1, markup: 'tex' };
  assert.equal(normalizeRecord(raw, SOURCE).record.abstractText, raw.abstract);
});

test('should write a formatted title to BibTeX with LaTeX\'s own commands', () => {
  assert.equal(
    bibtexTitle('Two species of Byblis in H2O, Dna & $x_1$', 'Two species of *Byblis* in H<sub>2</sub>O, <span className="small-caps">Dna</span> & $x_1$'),
    'Two species of \\textit{Byblis} in H\\textsubscript{2}O, \\textsc{Dna} \\& $x_1$',
  );
});
