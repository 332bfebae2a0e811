/**
 * Results of one search, read a batch at a time, from one or more sorted lists: Pagefind's
 * answer for the whole index, or, for a sort by date when a recent index is merged into the main
 * one (scripts/index-search.ts), one answer from each part (Pagefind's merge orders by score
 * only, which would undo the date order). The lists are merged into one:
 * - by relevance: by score (ties: the earlier list first);
 * - by a sort key (newest, oldest): a k-way merge, which needs each result's date, so results
 *   are loaded from each list only as far as the merge has to look (about one batch plus one
 *   per list), never all of them.
 */

export interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}

export interface IndexResult {
  id: string;
  score: number;
  data(): Promise<ResultData>;
}

/** How a sorted search orders results: the key of a loaded result, and the direction. */
export interface MergeOrder {
  key(data: ResultData): string;
  direction: 'asc' | 'desc';
}

/** One list's results, loaded lazily from the front. */
interface Stream {
  results: readonly IndexResult[];
  /** Loaded and not yet taken. */
  buffer: ResultData[];
  /** Index of the first result not loaded. */
  next: number;
  /** How many to load when the buffer runs dry: doubles each time. */
  chunk: number;
}

export class MergedResults {
  readonly total: number;
  private readonly byScore: IndexResult[] | undefined;
  private readonly streams: Stream[];
  private readonly order: MergeOrder | undefined;

  constructor(lists: readonly (readonly IndexResult[])[], order?: MergeOrder) {
    this.order = order;
    this.total = lists.reduce((sum, results) => sum + results.length, 0);
    // Array.prototype.sort is stable: equal scores keep list order, then each list's order.
    this.byScore = order ? undefined : lists.flat().sort((a, b) => b.score - a.score);
    this.streams = order ? lists.map((results) => ({ results, buffer: [], next: 0, chunk: 1 })) : [];
  }

  /** Results not yet taken. */
  get remaining(): number {
    if (this.byScore) return this.byScore.length;
    return this.streams.reduce((sum, stream) => sum + stream.buffer.length + stream.results.length - stream.next, 0);
  }

  /** The next `count` results (fewer at the end), loaded. */
  async take(count: number): Promise<ResultData[]> {
    if (this.byScore) return Promise.all(this.byScore.splice(0, count).map((result) => result.data()));
    const order = this.order!;
    const taken: ResultData[] = [];
    const before = (a: ResultData, b: ResultData) => {
      const [x, y] = [order.key(a), order.key(b)];
      return order.direction === 'asc' ? x < y : x > y;
    };
    while (taken.length < count) {
      // Every list with results left must show its next one before the smallest can be known.
      await Promise.all(this.streams.map((stream) => this.fill(stream)));
      let best: Stream | undefined;
      for (const stream of this.streams) {
        if (stream.buffer.length > 0 && (!best || before(stream.buffer[0], best.buffer[0]))) best = stream;
      }
      if (!best) break;
      taken.push(best.buffer.shift()!);
    }
    return taken;
  }

  private async fill(stream: Stream): Promise<void> {
    if (stream.buffer.length > 0 || stream.next >= stream.results.length) return;
    const batch = stream.results.slice(stream.next, stream.next + stream.chunk);
    stream.next += batch.length;
    stream.chunk *= 2;
    stream.buffer.push(...(await Promise.all(batch.map((result) => result.data()))));
  }
}
