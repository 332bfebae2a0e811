import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { mapInputs, neighbourPreservation, randomPoints } from '../bench/map-bench.ts';
import { readPapers } from '../bench/topics-bench.ts';
import { manyFieldsDrafts } from '../../tests/helpers/shared-corpus.ts';
import { layoutMap, MAP_FORMAT, MAP_SIZE, parseMap, serializeMap } from './layout-map.ts';

const seeds = mapInputs(readPapers(join(import.meta.dirname, '..', '..', 'seeds')));

test('should keep neighbours together: at least 3× a random layout, on the seeds and on 18 fields\' abstracts', () => {
  const fields = mapInputs(manyFieldsDrafts()); // ../shared/corpora/many-fields/, read once per npm test
  for (const [name, input] of [['seeds', seeds], ['many-fields', fields]] as const) {
    const map = layoutMap(input.slugs, input.neighbours, input.topicOf, undefined);
    const ours = neighbourPreservation(input.slugs.map((slug) => map.map.points.get(slug)!), input.neighbours);
    const random = neighbourPreservation(randomPoints(input.slugs.length), input.neighbours);
    assert.ok(ours >= 3 * random, `${name}: ${ours.toFixed(3)} against ${random.toFixed(4)} at random`);
    assert.ok(ours >= 0.2, `${name}: ${ours.toFixed(3)}`);
  }
});

test('should give the same map for the same papers, every point on the grid', () => {
  const first = serializeMap(layoutMap(seeds.slugs, seeds.neighbours, seeds.topicOf, undefined).map);
  const second = serializeMap(layoutMap(seeds.slugs, seeds.neighbours, seeds.topicOf, undefined).map);
  assert.equal(first, second);
  const map = parseMap(first)!;
  assert.equal(map.points.size, seeds.slugs.length);
  const points = [...map.points.values()];
  assert.ok(points.every(([x, y]) => Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x <= MAP_SIZE && y <= MAP_SIZE));
  // The points fill the grid: the layout is scaled to it, not huddled in a corner.
  assert.ok(Math.max(...points.map(([x]) => x)) - Math.min(...points.map(([x]) => x)) > MAP_SIZE / 2 || Math.max(...points.map(([, y]) => y)) - Math.min(...points.map(([, y]) => y)) > MAP_SIZE / 2);
});

test('should place new papers and keep every older point, lay out afresh when topics were clustered again, and drop removed papers', () => {
  const older = { slugs: seeds.slugs.slice(0, -10), topicOf: seeds.topicOf.slice(0, -10) };
  // The older papers' graph: their neighbours among themselves.
  const keep = (list: Int32Array, similarity: Float32Array) => {
    const kept = [...list].map((other, position) => [other, similarity[position]] as const).filter(([other]) => other < older.slugs.length);
    return { of: Int32Array.from(kept, ([other]) => other), similarity: Float32Array.from(kept, ([, value]) => value) };
  };
  const lists = older.slugs.map((_, index) => keep(seeds.neighbours.of[index], seeds.neighbours.similarity[index]));
  const first = layoutMap(older.slugs, { count: 10, of: lists.map((list) => list.of), similarity: lists.map((list) => list.similarity) }, older.topicOf, undefined);
  assert.equal(first.mode, 'laid out');
  const next = layoutMap(seeds.slugs, seeds.neighbours, seeds.topicOf, first.map);
  assert.equal(next.mode, 'placed');
  assert.equal(next.added, 10);
  for (const [slug, point] of first.map.points) assert.deepEqual(next.map.points.get(slug), point);
  assert.equal(next.map.placed, 10);
  // Nothing new: nothing moves, nothing to write.
  assert.equal(layoutMap(seeds.slugs, seeds.neighbours, seeds.topicOf, next.map).mode, 'kept');
  // Topics clustered afresh, or a map from another layout: laid out again.
  assert.equal(layoutMap(seeds.slugs, seeds.neighbours, seeds.topicOf, next.map, true).mode, 'laid out');
  assert.equal(layoutMap(seeds.slugs, seeds.neighbours, seeds.topicOf, { ...next.map, format: 'atlas-map-0' }).why, 'the layout changed');
  // A removed paper leaves the map; no other point moves.
  const fewer = layoutMap(seeds.slugs.slice(1), { count: 10, of: seeds.neighbours.of.slice(1).map((list) => list.map((other) => other - 1)), similarity: seeds.neighbours.similarity.slice(1) }, seeds.topicOf.slice(1), next.map);
  assert.equal(fewer.map.points.has(seeds.slugs[0]), false);
  for (const slug of seeds.slugs.slice(1)) assert.deepEqual(fewer.map.points.get(slug), next.map.points.get(slug));
});

test('should lay out afresh once more papers were placed one by one than the last layout placed', () => {
  const half = Math.floor(seeds.slugs.length / 2);
  const stored = { format: MAP_FORMAT, laidOut: 50, placed: 0, points: new Map(seeds.slugs.slice(0, half).map((slug) => [slug, [100, 100] as [number, number]])) };
  const result = layoutMap(seeds.slugs, seeds.neighbours, seeds.topicOf, stored);
  assert.equal(result.mode, 'laid out');
  assert.match(result.why ?? '', /one by one/);
});

test('should read back only a map as the ingest writes it', () => {
  assert.equal(parseMap('{'), undefined);
  assert.equal(parseMap('{"format":"atlas-map-2","laidOut":1,"placed":0,"points":{"a":[1,70000]}}'), undefined);
  assert.equal(parseMap('{"format":"atlas-map-2","laidOut":1,"placed":0,"points":{"a":[1.5,2]}}'), undefined);
  assert.deepEqual(parseMap('{"format":"atlas-map-2","laidOut":1,"placed":0,"points":{"a":[1,2]}}')?.points, new Map([['a', [1, 2]]]));
});
