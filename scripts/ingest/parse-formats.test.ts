import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readDump } from './parse.ts';
import { parseBibtex } from './parse-bibtex.ts';
import type { ParsedFile } from './types.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'formats');
const read = (name: string, as = name): ParsedFile => readDump(`seeds/${as}`, readFileSync(join(FIXTURES, name)));
const places = (file: ParsedFile) => file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`);

test('every export format is recognised by its content, whatever the file is called', () => {
  const formats = Object.fromEntries(
    ['zotero-better-bibtex.bib', 'mendeley.bib', 'jabref.bib', 'zotero.ris', 'endnote.ris', 'zotero-csl.json', 'arxiv-query.xml'].map((name) => [name, read(name, 'renamed.txt').format]),
  );
  assert.deepEqual(formats, {
    'zotero-better-bibtex.bib': 'bibtex', 'mendeley.bib': 'bibtex', 'jabref.bib': 'bibtex',
    'zotero.ris': 'ris', 'endnote.ris': 'ris', 'zotero-csl.json': 'csl-json', 'arxiv-query.xml': 'arxiv-atom',
  });
  const unknown = readDump('seeds/notes.md', new TextEncoder().encode('# My reading notes\n\nNothing here is a paper.\n'));
  assert.equal(unknown.format, 'unknown');
  assert.match(unknown.messages[0].reason, /No reader recognises this file.*BibTeX, RIS, CSL-JSON/);
});

test('Better BibTeX: LaTeX decoded, math kept, dates, DOI, arXiv id and venue read; an entry without abstract rejected at its line', () => {
  const file = read('zotero-better-bibtex.bib');
  assert.equal(file.records.length, 3);
  assert.equal(file.rejected, 1);
  assert.deepEqual(places(file), ['36:1 missing-abstract']);
  const [dsir, causal, gpt4] = file.records;
  assert.deepEqual({ ...dsir, abstract: dsir.abstract.slice(0, 60) }, {
    file: 'seeds/zotero-better-bibtex.bib',
    line: 1,
    title: 'Data Selection for Language Models via Importance Resampling',
    abstract: 'Selecting a suitable training dataset is crucial for both ge',
    abstractLine: 1,
    abstractColumn: 1,
    bibliographic: {
      authors: [
        { given: 'Sang Michael', family: 'Xie' }, { given: 'Shibani', family: 'Santurkar' },
        { given: 'Tengyu', family: 'Ma' }, { given: 'Percy', family: 'Liang' },
      ],
      keywords: ['Computer Science - Computation and Language', 'Computer Science - Machine Learning'],
      doi: '10.48550/arXiv.2302.03169',
      arxiv: '2302.03169',
      venue: 'Advances in Neural Information Processing Systems',
      venueType: 'journal',
      issued: '2023-02-06',
    },
    markup: 'rich',
  });
  assert.match(dsir.abstract, /by 2–2\.5% on the GLUE benchmark/);
  assert.equal(causal.title, 'Toward Causal Representation Learning: Schölkopf’s view — “why” & how'.replace('’', "'"));
  assert.match(causal.abstract, /We cite Łukasz and Paweł and note a gap of 3–5% in accuracy\.$/);
  assert.equal(causal.bibliographic?.venueType, 'conference');
  assert.equal(causal.bibliographic?.issued, '2021-05');
  assert.deepEqual(gpt4.bibliographic?.authors, [{ literal: 'OpenAI' }]);
  assert.equal(gpt4.title, 'GPT-4 Technical Report');
  assert.match(gpt4.abstract, /within \$\\epsilon\$ of human level, with loss decreasing as \$L\(C\) \\propto C\^\{-\\alpha\}\$ in compute \$C\$\.$/);
  assert.equal(gpt4.bibliographic?.venue, undefined, 'an "arXiv preprint" journal is not a venue');
});

test('Mendeley and JabRef: a malformed entry costs only itself; names in either order', () => {
  const mendeley = read('mendeley.bib');
  assert.deepEqual(mendeley.records.map((record) => [record.line, record.title]), [
    [6, 'Adam: A Method for Stochastic Optimization'],
    [19, 'Message Passing with Edge Features for Molecules'],
    [31, 'Dropout Is All You Need for Sentence Embeddings'],
  ]);
  assert.deepEqual(places(mendeley), ['26:1 malformed-entry']);
  assert.equal(mendeley.rejected, 1);
  assert.deepEqual(mendeley.records[0].bibliographic, { authors: [{ given: 'Diederik P.', family: 'Kingma' }, { given: 'Jimmy', family: 'Ba' }], keywords: [], arxiv: '1412.6980', issued: '2014-12' });
  assert.deepEqual(mendeley.records[1].bibliographic?.authors, [{ given: 'Wei', family: 'Li' }, { given: 'Thomas', family: 'Müller' }]);
  const jabref = read('jabref.bib');
  assert.deepEqual(jabref.records[0].bibliographic?.authors, [{ given: 'Diederik P', family: 'Kingma' }, { given: 'Jimmy', family: 'Ba' }]);
  const attention = jabref.records[1];
  assert.equal(attention.bibliographic?.authors[6].given, 'Łukasz');
  assert.match(attention.abstract, /Scores use \$\\mathrm\{softmax\}\(QK\^\\top\/\\sqrt\{d_k\}\)V\$ and p < 0\.05 holds\.$/);
  assert.deepEqual(jabref.messages, []);
  const arxiv = read('arxiv-export.bib');
  assert.deepEqual([arxiv.records.length, arxiv.rejected, places(arxiv)], [0, 1, ['1:1 missing-abstract']]);
});

test('LaTeX in BibTeX fields becomes what it means', () => {
  const cases: [string, string][] = [
    ['Sch{\\"o}lkopf', 'Schölkopf'],
    ['{\\L}{\\"o}d{\\\'z}', 'Łödź'],
    ['{{Adam}}: {A} Method', 'Adam: A Method'],
    ['Research \\& Development', 'Research & Development'],
    ['pages 3--5 --- or more', 'pages 3–5 — or more'],
    ["``quotes''", '“quotes”'],
    ['\\emph{Adam} and \\textbf{bold}', 'Adam and bold'],
    ['50\\% of $\\alpha$ and $\\{0,1\\}^n$', '50% of $\\alpha$ and $\\{0,1\\}^n$'],
    ['from $5 to $3', 'from $5 to $3'],
    ['a < b > c and \\textless{}tag\\textgreater{}', 'a < b > c and <tag>'],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
  ];
  for (const [latex, expected] of cases) {
    const parsed = parseBibtex('seeds/t.bib', `@misc{k,\n  title = {${latex}},\n  abstract = {${latex}}\n}\n`);
    assert.equal(parsed.records[0]?.title, expected, latex);
    assert.equal(parsed.records[0]?.abstract, expected, latex);
  }
  const unknown = parseBibtex('seeds/t.bib', '@misc{k, abstract = {Uses \\frobnicate{} here.}}');
  assert.equal(unknown.records[0].abstract, 'Uses \\frobnicate here.');
  assert.deepEqual(places(unknown), ['1:1 latex-unknown-command']);
});

test('RIS from two tools: both tag sets read, an entry without abstract rejected at its TY line', () => {
  const zotero = read('zotero.ris');
  assert.deepEqual(zotero.records.map((record) => [record.line, record.title]), [
    [1, 'Denoising Diffusion Probabilistic Models'],
    [22, 'Sharpness-Aware Minimization for Efficiently Improving Generalization'],
  ]);
  assert.deepEqual(places(zotero), ['16:1 missing-abstract']);
  assert.deepEqual(zotero.records[0].bibliographic, {
    authors: [{ given: 'Jonathan', family: 'Ho' }, { given: 'Ajay', family: 'Jain' }, { given: 'Pieter', family: 'Abbeel' }],
    keywords: ['Computer Science - Machine Learning', 'Statistics - Machine Learning'],
    doi: '10.48550/arXiv.2006.11239',
    arxiv: '2006.11239',
    venue: 'Advances in Neural Information Processing Systems',
    venueType: 'journal',
    issued: '2020-06-19',
  });
  assert.equal(zotero.records[1].bibliographic?.url, 'https://openreview.net/forum?id=6Tm1mposlrM');
  const endnote = read('endnote.ris');
  assert.deepEqual(endnote.records[0].bibliographic, {
    authors: [{ given: 'Kaiming', family: 'He' }, { given: 'Xiangyu', family: 'Zhang' }, { given: 'Shaoqing', family: 'Ren' }, { given: 'Jian', family: 'Sun' }],
    keywords: ['residual networks', 'image recognition'],
    venue: 'Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition (CVPR)',
    venueType: 'conference',
    issued: '2016',
  });
  assert.match(endnote.records[0].abstract, /^Deeper neural networks are more difficult to train\./);
  assert.deepEqual([endnote.records[1].bibliographic?.arxiv, endnote.records[1].bibliographic?.issued], ['1607.06450', '2016-07-21']);
  const cut = readDump('seeds/cut.ris', new TextEncoder().encode('TY  - JOUR\nTI  - Never ended\nAB  - Text.\n\nTY  - JOUR\nTI  - Fine\nAB  - Fine text.\nER  - \n'));
  assert.deepEqual([cut.records.map((record) => record.title), places(cut)], [['Fine'], ['1:1 malformed-entry']]);
});

test('Zotero CSL-JSON: names with particles and literal names, partial dates, bad items reported at their lines', () => {
  const csl = read('zotero-csl.json');
  assert.deepEqual(csl.records.map((record) => [record.line, record.title]), [
    [2, 'DoReMi: Optimizing Data Mixtures Speeds Up Language Model Pretraining'],
    [19, 'Particles and Attention'],
  ]);
  assert.deepEqual(places(csl), ['32:1 missing-abstract', '38:2 malformed-entry']);
  assert.equal(csl.rejected, 2);
  assert.deepEqual(csl.records[1].bibliographic, {
    authors: [{ given: 'Johannes', family: 'van der Waals' }, { literal: 'DeepMind Team' }],
    keywords: ['attention', 'particles'],
    venue: 'International Conference on Machine Learning',
    venueType: 'conference',
    issued: '2022',
  });
  assert.equal(csl.records[0].bibliographic?.arxiv, '2305.10429');
  const broken = readDump('seeds/broken.json', new TextEncoder().encode('[\n  {"title": "One", "abstract": "First."},\n  {"title": "Two" "abstract": "Second."},\n  {"title": "Three", "abstract": "Third."}\n]\n'));
  assert.deepEqual(broken.records.map((record) => record.title), ['One', 'Two', 'Three']);
  assert.deepEqual(places(broken), ['3:19 json-syntax']);
});

test('arXiv API response: several entries, math in a title, entities decoded, a broken entry costs only itself', () => {
  const atom = read('arxiv-query.xml');
  assert.deepEqual(atom.records.map((record) => record.line), [10, 38]);
  assert.deepEqual(places(atom), ['60:50 malformed-entry']);
  const [ddpm, mixing] = atom.records;
  assert.deepEqual(ddpm.bibliographic, {
    authors: [{ given: 'Jonathan', family: 'Ho' }, { given: 'Ajay', family: 'Jain' }, { given: 'Pieter', family: 'Abbeel' }],
    keywords: [],
    arxiv: '2006.11239',
    subjects: ['cs.LG', 'stat.ML'],
    issued: '2020-06-19',
  });
  assert.deepEqual(mixing.bibliographic?.subjects, ['math.PR'], 'the categories an entry gives, the primary first');
  const old = readDump('seeds/old.xml', new TextEncoder().encode('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<entry><id>http://arxiv.org/abs/hep-th/9108002v1</id><title>Old</title><summary>An abstract of an old-style identifier.</summary></entry>\n</feed>\n'));
  assert.deepEqual(old.records[0].bibliographic?.subjects, ['hep-th'], 'an old-style id names its archive');
  assert.match(mixing.title ?? '', /^Mixing Times of \$k\$-Step Diffusions on\s+the Hypercube \$\\\{0,1\\\}\^n\$$/);
  assert.match(mixing.abstract, /tight & that the walk has a cutoff when\n\$k < \\sqrt\{n\}\$\.$/);
  assert.deepEqual(mixing.bibliographic?.authors, [{ given: 'Ana', family: 'Pérez-García' }, { given: 'Sang Michael', family: 'Xie' }]);
  assert.deepEqual([mixing.bibliographic?.doi, mixing.bibliographic?.venue], ['10.1000/example.2021.1', 'Ann. Probab. 49 (2021) 1-30']);
  const error = readDump('seeds/error.xml', new TextEncoder().encode('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title><summary>incorrect id format for 1234</summary></entry>\n</feed>\n'));
  assert.deepEqual([error.records.length, error.rejected, places(error)], [0, 1, ['3:1 arxiv-api-error']]);
});
