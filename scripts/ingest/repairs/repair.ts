/**
 * Repairs turn LaTeX residue in abstract prose into what the author meant. A repair reads
 * and returns plain text in which math it recognised is wrapped in two private-use
 * characters, so later repairs leave it alone and the final split makes it math.
 */
export const MATH_OPEN = '\uE000';
export const MATH_CLOSE = '\uE001';
const MATH_SPAN = /\uE000[^\uE001]*\uE001/g;

/** What a repair did to one text. */
export interface RepairResult {
  text: string;
  /** How many places it changed. */
  count: number;
}

/** One repair rule: a kebab-case id (used in the ingest summary) and a function of prose. */
export interface Repair {
  id: string;
  apply: (text: string) => RepairResult;
}

/** Wrap TeX in the math markers. */
export function math(tex: string): string {
  return `${MATH_OPEN}${tex}${MATH_CLOSE}`;
}

/** Apply `fn` to the prose between math spans only; math already recognised is never touched. */
export function outsideMath(text: string, fn: (prose: string) => string): string {
  let result = '';
  let last = 0;
  for (const match of text.matchAll(MATH_SPAN)) {
    result += fn(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return result + fn(text.slice(last));
}

/** Build a repair from a pattern and a replacement, counting the places it changed. */
export function replaceRepair(id: string, pattern: RegExp, replace: (...groups: string[]) => string): Repair {
  return {
    id,
    apply(text) {
      let count = 0;
      const result = outsideMath(text, (prose) =>
        prose.replace(pattern, (...args: unknown[]) => {
          const replacement = replace(...(args.filter((arg) => typeof arg === 'string') as string[]));
          if (replacement !== args[0]) count += 1;
          return replacement;
        }),
      );
      return { text: result, count };
    },
  };
}
