import assert from 'node:assert/strict';
import { test } from 'node:test';
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { seededRandom } from '../seeded-random.ts';
import { WeightedGraph } from './weighted-graph.ts';

/** The same random weighted graph (with repeated pairs, the later weight winning) built both ways. */
function graphs(nodes: number[], seed: number): { ours: WeightedGraph; theirs: Graph } {
  const random = seededRandom(seed);
  const ours = new WeightedGraph(nodes);
  const theirs = new Graph({ type: 'undirected' });
  for (const node of nodes) theirs.addNode(String(node));
  for (let edge = 0; edge < nodes.length * 6; edge += 1) {
    const a = nodes[Math.floor(random() * nodes.length)];
    const b = nodes[Math.floor(random() * nodes.length)];
    if (a === b) continue;
    const weight = Math.round(random() * 1000) / 1000;
    const [source, target] = [String(Math.min(a, b)), String(Math.max(a, b))];
    ours.set(Math.min(a, b), Math.max(a, b), weight);
    if (theirs.hasEdge(source, target)) theirs.setEdgeAttribute(source, target, 'weight', weight);
    else theirs.addEdge(source, target, { weight });
  }
  return { ours, theirs };
}

function partition(graph: Graph | WeightedGraph, seed: number) {
  const result = louvain.detailed(graph as Graph, { rng: seededRandom(seed), resolution: 1.1, getEdgeWeight: 'weight' });
  return { communities: result.communities, modularity: result.modularity, count: result.count };
}

test('Louvain finds the same partition in a WeightedGraph as in a graphology Graph built with the same calls', () => {
  for (const seed of [1, 2, 3]) {
    // Nodes need not be 0…n-1: a subgraph keeps the collection's own numbers.
    const nodes = Array.from({ length: 300 }, (_, index) => index * 3 + seed);
    const { ours, theirs } = graphs(nodes, seed);
    assert.equal(ours.size, theirs.size);
    assert.equal(ours.order, theirs.order);
    const expected = partition(theirs, seed);
    assert.ok(expected.count > 1 && expected.count < 300, `a graph with communities to find (${expected.count})`);
    assert.deepEqual(partition(ours, seed), expected);
  }
});

test('a WeightedGraph subgraph keeps its nodes and edges, in order, as graphology would', () => {
  const nodes = Array.from({ length: 200 }, (_, index) => index);
  const { ours, theirs } = graphs(nodes, 7);
  const keep = (node: number) => node % 3 !== 0;
  const sub = ours.subgraph(keep);
  const expected = new Graph({ type: 'undirected' });
  theirs.forEachNode((node) => { if (keep(Number(node))) expected.addNode(node); });
  theirs.forEachEdge((_edge, attributes, source, target) => {
    if (keep(Number(source)) && keep(Number(target))) expected.addEdge(source, target, { weight: attributes.weight });
  });
  assert.deepEqual(sub.nodes, nodes.filter(keep));
  assert.equal(sub.size, expected.size);
  assert.equal(sub.weight(4, 5) ?? null, expected.hasEdge('4', '5') ? expected.getEdgeAttribute('4', '5', 'weight') : null);
  assert.deepEqual(partition(sub, 7), partition(expected, 7));
  assert.throws(() => ours.set(3, 3, 1), /no loops/);
});
