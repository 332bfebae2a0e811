import { GREEK } from './math-to-text.ts';

/** A Greek letter's name by its symbol (and by the name's variants: \varepsilon is an epsilon). */
const GREEK_NAMES = new Map<string, string>(Object.entries(GREEK).map(([name, symbol]) => [symbol, name.replace(/^var/, '').toLowerCase()]));
const GREEK_SYMBOLS = new RegExp(`[${[...GREEK_NAMES.keys()].join('')}]`, 'gu');
/** A Greek letter left as TeX source (a formula the plain-text reader could not read). */
const GREEK_COMMANDS = new RegExp(`\\\\(${Object.keys(GREEK).join('|')})(?![A-Za-z])`, 'g');

/** The names of the Greek letters in `text`, each once, in the order they first appear. */
export function greekNames(text: string): string[] {
  const found: [position: number, name: string][] = [];
  for (const match of text.matchAll(GREEK_SYMBOLS)) found.push([match.index, GREEK_NAMES.get(match[0])!]);
  for (const match of text.matchAll(GREEK_COMMANDS)) found.push([match.index, match[1].replace(/^var/, '').toLowerCase()]);
  return [...new Set(found.sort((a, b) => a[0] - b[0]).map(([, name]) => name))];
}

