import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MergedResults, type ResultData, type IndexResult } from '../src/scripts/search-results.ts';

/** Fake results of one index part: each a paper with a date and a score; counts the fragments loaded. */
function list(name: string, papers: [date: string | undefined, score: number][], loads: string[]): IndexResult[] {
  return papers.map(([date, score], index) => {
    const url = `/${name}/${index}/`;
    return {
      id: url,
      score,
      data: async (): Promise<ResultData> => {
        loads.push(url);
        return { url, excerpt: '', meta: date ? { published: date } : {} };
      },
    };
  });
}

const newest = { key: (data: ResultData) => data.meta.published ?? '0000-00-00', direction: 'desc' as const };
const oldest = { key: (data: ResultData) => data.meta.published ?? '9999-12-31', direction: 'asc' as const };

test('should merge lists sorted by date into one sorted list, undated last, loading only what it shows', async () => {
  const loads: string[] = [];
  // Each list sorted newest first, as Pagefind answers with sort: { newest: 'desc' }.
  const lists = [
    list('a', [['2025-11-06', 1], ['2024-01-02', 1], [undefined, 1]], loads),
    list('b', [['2025-12-01', 1], ['2025-11-06', 1], ['2023-05-05', 1], ['2020-01-01', 1], ['2019-01-01', 1]], loads),
    list('c', [], loads),
    list('d', [['2024-06-30', 1], [undefined, 1]], loads),
  ];
  const merged = new MergedResults(lists, newest);
  assert.equal(merged.total, 10);
  const first = await merged.take(3);
  assert.deepEqual(first.map((data) => data.url), ['/b/0/', '/a/0/', '/b/1/'], 'newest first; equal dates: the earlier list first');
  // One per list to start, then batches that double as a list keeps winning: 7 here, not all 10.
  assert.ok(loads.length <= 7, `loaded ${loads.length} of 10 results to show 3`);
  assert.equal(merged.remaining, 7);
  const rest = await merged.take(20);
  assert.deepEqual(rest.map((data) => data.meta.published ?? ''), ['2024-06-30', '2024-01-02', '2023-05-05', '2020-01-01', '2019-01-01', '', '']);
  assert.equal(merged.remaining, 0);
  assert.deepEqual(await merged.take(5), []);
  assert.equal(new Set(loads).size, loads.length, 'no result loaded twice');
});

test('should merge ascending orders too', async () => {
  const loads: string[] = [];
  const merged = new MergedResults([
    list('a', [['2020-01-01', 1], ['2022-01-01', 1], [undefined, 1]], loads),
    list('b', [['2021-01-01', 1], ['2023-01-01', 1]], loads),
  ], oldest);
  assert.deepEqual((await merged.take(10)).map((data) => data.url), ['/a/0/', '/b/0/', '/a/1/', '/b/1/', '/a/2/']);
});

test('should order by score across lists without a sort, loading a batch at a time', async () => {
  const loads: string[] = [];
  const merged = new MergedResults([
    list('a', [[undefined, 9], [undefined, 2], [undefined, 1]], loads),
    list('b', [[undefined, 5], [undefined, 2]], loads),
  ]);
  assert.deepEqual((await merged.take(3)).map((data) => data.url), ['/a/0/', '/b/0/', '/a/1/'], 'equal scores: the earlier list first');
  assert.equal(loads.length, 3);
  assert.deepEqual((await merged.take(3)).map((data) => data.url), ['/b/1/', '/a/2/']);
});
