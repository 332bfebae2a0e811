import {
  greekIn,
  greekInContext,
  lostBackslashDelimiters,
  lostBackslashFormula,
  lostBackslashRelation,
  scriptedSymbol,
  texCommandInProse,
} from './repairs/latex-math.ts';
import { splitLinks } from './repairs/links.ts';
import type { Repair } from './repairs/repair.ts';
import { plusMinus, texDashes, texDoubleQuotes, texEscapes, texSingleQuotes, texTies } from './repairs/typography.ts';
import { splitMath } from './split-math.ts';

/** A run of a normalized abstract. */
export type AbstractPart =
  | { kind: 'text' | 'inlineMath' | 'displayMath'; value: string; offset: number }
  | { kind: 'link'; value: string; url: string; offset: number };

/**
 * Repairs in the order they run: math first (so typography never touches a formula), then
 * typography. Each fires only on its own pattern; see each rule's doc comment.
 */
export const REPAIRS: readonly Repair[] = [
  texCommandInProse,
  lostBackslashFormula,
  lostBackslashDelimiters,
  lostBackslashRelation,
  scriptedSymbol,
  texEscapes,
  texDoubleQuotes,
  texSingleQuotes,
  texDashes,
  texTies,
  plusMinus,
];

const MARKERS = /[\uE000\uE001]/g;
const MARKED = /\uE000([^\uE001]*)\uE001/g;

function add(counts: Map<string, number>, id: string, count: number): void {
  if (count > 0) counts.set(id, (counts.get(id) ?? 0) + count);
}

/** Repair one run of prose and split it at the math the repairs recognised. */
function repairProse(text: string, offset: number, counts: Map<string, number>, repairs: readonly Repair[] = REPAIRS): AbstractPart[] {
  let repaired = text;
  for (const repair of repairs) {
    const result = repair.apply(repaired);
    repaired = result.text;
    add(counts, repair.id, result.count);
  }
  const parts: AbstractPart[] = [];
  let last = 0;
  for (const match of repaired.matchAll(MARKED)) {
    if (match.index > last) parts.push({ kind: 'text', value: repaired.slice(last, match.index), offset });
    parts.push({ kind: 'inlineMath', value: match[1], offset });
    last = match.index + match[0].length;
  }
  if (last < repaired.length) parts.push({ kind: 'text', value: repaired.slice(last), offset });
  return parts;
}

/**
 * Turn an abstract's text into what its author meant: math stays math (`$…$`, `\(…\)`,
 * `\[…\]`), LaTeX residue in the prose is repaired, URLs become links. Returns the parts and
 * how many places each repair changed.
 */
export function normalizeAbstract(text: string): { parts: AbstractPart[]; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const parts: AbstractPart[] = [];
  // The private-use markers mean "math" inside the repairs; a source never needs them.
  for (const segment of splitMath(text.replace(MARKERS, ''))) {
    if (segment.kind !== 'text') {
      if (segment.delimiter === '\\(' || segment.delimiter === '\\[') add(counts, 'tex-delimiters', 1);
      parts.push({ kind: segment.kind, value: segment.value, offset: segment.offset });
      continue;
    }
    for (const piece of splitLinks(segment.value, counts)) {
      if (piece.kind === 'link') parts.push({ ...piece, offset: segment.offset });
      else parts.push(...repairProse(piece.value, segment.offset, counts));
    }
  }
  // Second pass: Greek names that the formulas of this abstract use, standing alone in prose.
  const names = new Set(parts.flatMap((part) => (part.kind === 'inlineMath' || part.kind === 'displayMath' ? [...greekIn(part.value)] : [])));
  const context = greekInContext(names);
  const repaired = parts.flatMap((part) => (part.kind === 'text' ? repairProse(part.value, part.offset, counts, [context]) : [part]));
  return { parts: mergeAdjacentMath(repaired), counts };
}

/**
 * Two inline formulas with nothing between them would be written `$a$$b$`, which Markdown
 * reads as a `$$` fence: they become one formula, `a b`, which renders the same.
 */
function mergeAdjacentMath(parts: AbstractPart[]): AbstractPart[] {
  const merged: AbstractPart[] = [];
  for (const part of parts) {
    const previous = merged.at(-1);
    if (part.kind === 'text' && part.value === '') continue;
    if (previous?.kind === 'inlineMath' && part.kind === 'inlineMath') {
      merged[merged.length - 1] = { ...previous, value: `${previous.value} ${part.value}` };
    } else {
      merged.push(part);
    }
  }
  return merged;
}
