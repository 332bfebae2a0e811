import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedupe } from './dedupe.ts';
import { normalizeRecord } from './normalize.ts';
import type { Bibliographic, RawRecord } from './types.ts';

const source = { name: 'x', label: 'x', listing: 'x' };
function record(file: string, line: number, title: string, abstract: string, bibliographic?: Partial<Bibliographic>) {
  const raw: RawRecord = { file, line, title, abstract, abstractLine: line, abstractColumn: 1 };
  if (bibliographic) raw.bibliographic = { authors: [], keywords: [], ...bibliographic };
  return normalizeRecord(raw, source).record;
}

test('across formats: the same abstract, the same DOI or the same arXiv id is one paper; conflicts are reported', () => {
  const { papers, merges, messages } = dedupe([
    record('seeds/listing.txt', 3, 'Adam: A Method for Stochastic Optimization', 'We introduce Adam, an algorithm for first-order optimization.'),
    record('seeds/zotero.bib', 10, 'Adam: a method for stochastic optimization', 'We introduce   Adam, an algorithm for first-order optimization!', { doi: '10.48550/arXiv.1412.6980' }),
    record('seeds/journal.ris', 1, 'Adam (journal version)', 'A revised abstract of the journal version.', { doi: '10.48550/ARXIV.1412.6980' }),
    record('seeds/arxiv.xml', 5, 'Adam: A Method for Stochastic Optimization', 'Yet another abstract, from arXiv v9.', { arxiv: '1412.6980', doi: '10.48550/arXiv.1412.6980', issued: '2014-12-22' }),
    record('seeds/later.bib', 7, 'Adam: A Method for Stochastic Optimization', 'Adam, dated otherwise.', { arxiv: '1412.6980', issued: '2017-01-30' }),
    record('seeds/other.bib', 2, 'Adam: A Method for Stochastic Optimization', 'A different paper with the same title and no shared identifier.'),
  ]);
  assert.equal(papers.length, 2);
  assert.deepEqual(papers[0].records.map((each) => each.raw.file), ['seeds/listing.txt', 'seeds/zotero.bib', 'seeds/journal.ris', 'seeds/arxiv.xml', 'seeds/later.bib']);
  assert.equal(papers[0].primary.title, 'Adam: A Method for Stochastic Optimization', 'the first file read keeps its title');
  assert.equal(merges.length, 4);
  assert.deepEqual(messages.map((message) => `${message.file}:${message.line} ${message.ruleId}`), [
    'seeds/journal.ris:1 title-conflict',
    'seeds/journal.ris:1 abstract-conflict',
    'seeds/arxiv.xml:5 abstract-conflict',
    'seeds/later.bib:7 abstract-conflict',
    'seeds/later.bib:7 date-conflict',
    'seeds/other.bib:2 same-title-different-abstract',
  ]);
  assert.match(messages[1].reason, /Same DOI 10\.48550\/ARXIV\.1412\.6980 as seeds\/listing\.txt:3 but another abstract; merged/);
});
