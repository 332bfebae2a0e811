import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorName, authorSlug, fullestVariant, groupAuthors } from '../src/lib/author-names.ts';
import type { PaperEntry } from '../src/lib/get-papers.ts';

test('spellings that differ only in order, punctuation, case or diacritics fold to one slug', () => {
  const folds: [string, { given?: string; family?: string; literal?: string }[]][] = [
    ['diederik-p-kingma', [{ given: 'Diederik P.', family: 'Kingma' }, { given: 'Diederik P', family: 'Kingma' }, { given: 'DIEDERIK P.', family: 'KINGMA' }]],
    ['bernhard-scholkopf', [{ given: 'Bernhard', family: 'Schölkopf' }, { given: 'Bernhard', family: 'Scholkopf' }, { given: 'Bernhard', family: 'Scho\u0308lkopf' }]],
    ['lukasz-kaiser', [{ given: 'Łukasz', family: 'Kaiser' }, { given: 'Lukasz', family: 'Kaiser' }]],
    ['juan-de-la-fuente', [{ given: 'Juan', family: 'de la Fuente' }]],
    ['openai', [{ literal: 'OpenAI' }, { literal: 'Openai' }]],
    ['jean-pierre-serre', [{ given: 'Jean-Pierre', family: 'Serre' }, { given: 'Jean Pierre', family: 'Serre' }]],
    ['xiaoou-tang', [{ given: 'Xiaoou', family: 'Tang' }]],
  ];
  for (const [slug, variants] of folds) for (const variant of variants) assert.equal(authorSlug(variant), slug, JSON.stringify(variant));
});

test('names that differ otherwise stay apart', () => {
  const apart = [
    [{ given: 'Wei', family: 'Li' }, { given: 'Wen', family: 'Li' }],
    [{ given: 'Jimmy', family: 'Ba' }, { given: 'Jimmy Lei', family: 'Ba' }],
    [{ given: 'J.', family: 'Smith' }, { given: 'John', family: 'Smith' }],
  ];
  for (const [a, b] of apart) assert.notEqual(authorSlug(a), authorSlug(b), `${authorName(a)} / ${authorName(b)}`);
});

test('an author page shows the fullest spelling, whatever order the papers came in', () => {
  const variants = [{ given: 'Diederik P', family: 'Kingma' }, { given: 'Diederik P.', family: 'Kingma' }, { given: 'diederik p.', family: 'kingma' }];
  assert.deepEqual(fullestVariant(variants), { given: 'Diederik P.', family: 'Kingma' });
  assert.deepEqual(fullestVariant([...variants].reverse()), { given: 'Diederik P.', family: 'Kingma' });
  assert.deepEqual(fullestVariant([{ given: 'Bernhard', family: 'Scholkopf' }, { given: 'Bernhard', family: 'Schölkopf' }]), { given: 'Bernhard', family: 'Schölkopf' });
});

test('papers group by author, alphabetical by family name, each paper once per author', () => {
  const paper = (id: string, authors: { given?: string; family?: string; literal?: string }[]) => ({ id, data: { authors } }) as unknown as PaperEntry;
  const groups = groupAuthors([
    paper('a', [{ given: 'Sang Michael', family: 'Xie' }, { literal: 'OpenAI' }]),
    paper('b', [{ given: 'Sang Michael', family: 'Xie' }, { given: 'Sang Michael', family: 'Xie' }]),
    paper('c', [{ given: 'Percy', family: 'Liang' }]),
    paper('d', []),
  ]);
  assert.deepEqual(groups.map((group) => [group.slug, group.name, group.papers.map((entry) => entry.id)]), [
    ['percy-liang', 'Percy Liang', ['c']],
    ['openai', 'OpenAI', ['a']],
    ['sang-michael-xie', 'Sang Michael Xie', ['a', 'b']],
  ]);
});
