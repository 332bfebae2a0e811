/**
 * A weighted undirected graph held in typed arrays, for Louvain (graphology-communities-louvain).
 *
 * A graphology `Graph` keeps an object per edge and a map of neighbours per node: the papers'
 * nearest-neighbour graph at 100,000 papers (1.2 million edges) took about 500 MB of the ingest's
 * peak memory. Louvain reads its graph once, to build an index of typed arrays of its own
 * (graphology-indices' `UndirectedLouvainIndex`, which asks for `order`, `size`,
 * `selfLoopCount`, `forEachNode`, `undirectedDegreeWithoutSelfLoops` and `forEachEdge`); this
 * class answers exactly those, in the order a graphology `Graph` built with the same calls
 * would, so the partition is the same (weighted-graph.test.ts builds both and compares) at a
 * few percent of the memory. It is not a general graph: nothing else may be asked of it.
 */
export class WeightedGraph {
  readonly type = 'undirected';
  readonly multi = false;
  readonly selfLoopCount = 0;
  /** The nodes, as given (any integers, each once). */
  readonly nodes: readonly number[];
  private readonly position: Map<number, number>;
  private readonly degrees: Int32Array;
  private readonly span: number;
  private sources = new Int32Array(1024);
  private targets = new Int32Array(1024);
  private weights = new Float64Array(1024);
  private count = 0;
  /** Edges by their pair of nodes: made on the first lookup (a graph built with add() alone never needs it). */
  private edgeAt: Map<number, number> | undefined;

  constructor(nodes: readonly number[]) {
    this.nodes = nodes;
    this.position = new Map(nodes.map((node, at) => [node, at]));
    this.degrees = new Int32Array(nodes.length);
    this.span = nodes.reduce((max, node) => Math.max(max, node), 0) + 1;
  }

  /** How many nodes. */
  get order(): number {
    return this.nodes.length;
  }

  /** How many edges. */
  get size(): number {
    return this.count;
  }

  /** The weight of the edge between `a` and `b` (in either order), if there is one. */
  weight(a: number, b: number): number | undefined {
    const at = this.edges().get(this.key(a, b));
    return at === undefined ? undefined : this.weights[at];
  }

  /** Tie `a` to `b` (no loops): a new edge, or the existing one's weight replaced. */
  set(a: number, b: number, weight: number): void {
    const at = this.edges().get(this.key(a, b));
    if (at !== undefined) this.weights[at] = weight;
    else this.add(a, b, weight);
  }

  /** A new edge from `a` to `b`, which the caller knows is not in the graph yet; its index, for {@link raise}. */
  add(a: number, b: number, weight: number): number {
    if (a === b) throw new Error(`WeightedGraph: no loops (node ${a})`);
    if (this.count === this.sources.length) this.grow();
    const at = this.count;
    this.sources[at] = a;
    this.targets[at] = b;
    this.weights[at] = weight;
    this.count += 1;
    this.degrees[this.position.get(a)!] += 1;
    this.degrees[this.position.get(b)!] += 1;
    this.edgeAt?.set(this.key(a, b), at);
    return at;
  }

  /** Raise an edge's weight (by its index from {@link add}) to `weight`, if that is more. */
  raise(edge: number, weight: number): void {
    if (weight > this.weights[edge]) this.weights[edge] = weight;
  }

  /** The graph of the nodes `keep` accepts (in their order) and the edges between them (in theirs). */
  subgraph(keep: (node: number) => boolean): WeightedGraph {
    const sub = new WeightedGraph(this.nodes.filter(keep));
    for (let at = 0; at < this.count; at += 1) {
      if (sub.position.has(this.sources[at]) && sub.position.has(this.targets[at])) sub.add(this.sources[at], this.targets[at], this.weights[at]);
    }
    return sub;
  }

  // What graphology-indices' Louvain index reads (node keys are strings there).

  forEachNode(callback: (node: string) => void): void {
    for (const node of this.nodes) callback(String(node));
  }

  undirectedDegreeWithoutSelfLoops(node: string): number {
    return this.degrees[this.position.get(Number(node))!];
  }

  forEachEdge(callback: (edge: number, attributes: { weight: number }, source: string, target: string, sourceAttributes: undefined, targetAttributes: undefined, undirected: boolean) => void): void {
    const attributes = { weight: 0 }; // read at once by the weight getter: one object for every edge
    for (let at = 0; at < this.count; at += 1) {
      attributes.weight = this.weights[at];
      callback(at, attributes, String(this.sources[at]), String(this.targets[at]), undefined, undefined, true);
    }
  }

  // graphology-communities-louvain checks that it was given a graph by these two methods' presence.

  addUndirectedEdgeWithKey(): never {
    throw new Error('WeightedGraph: use set()');
  }

  dropNode(): never {
    throw new Error('WeightedGraph: nodes are fixed');
  }

  private edges(): Map<number, number> {
    if (!this.edgeAt) {
      this.edgeAt = new Map();
      for (let at = 0; at < this.count; at += 1) this.edgeAt.set(this.key(this.sources[at], this.targets[at]), at);
    }
    return this.edgeAt;
  }

  private key(a: number, b: number): number {
    return Math.min(a, b) * this.span + Math.max(a, b);
  }

  private grow(): void {
    const sources = new Int32Array(this.sources.length * 2);
    const targets = new Int32Array(this.targets.length * 2);
    const weights = new Float64Array(this.weights.length * 2);
    sources.set(this.sources);
    targets.set(this.targets);
    weights.set(this.weights);
    [this.sources, this.targets, this.weights] = [sources, targets, weights];
  }
}
