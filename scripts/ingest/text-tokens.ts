/** Words too common in abstracts to say anything about a paper. */
export const STOP_WORDS = new Set(
  `a about above across after again against all also although among an and any are as at be because been before being
  below between both but by can could did do does doing during each either et etc few for from further had has have having
  here how however i if in into is it its itself just may might more most much must no nor not of off on once only or other
  our ours out over own per same should so some such than that the their theirs them then there these they this those
  through thus to too under until up upon us use used using very via was we were what when where whether which while who
  whom why will with within without would yet you your paper propose proposed approach method methods show shows results
  result new novel based work also study studies present existing different two one first second three several many well`
    .split(/\s+/)
    .filter(Boolean),
);

/** Reduce a lower-case word to a crude stem so that prune, pruned, pruning and prunes meet. */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 5) return `${word.slice(0, -3)}y`;
  for (const suffix of ['ations', 'ation', 'ings', 'ing', 'ed', 'es', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) {
      const base = word.slice(0, -suffix.length);
      // pruning → prun, pruned → prun, prune → prun: drop a final e, undo a doubled consonant.
      return base.replace(/([b-df-hj-np-tv-z])\1$/, '$1');
    }
  }
  return word.endsWith('e') && word.length > 5 ? word.slice(0, -1) : word;
}

const tokenized = new Map<string, readonly string[]>();
/** One string per distinct stem: the token lists of 100,000 abstracts held 25 million strings, most of them copies. */
const stems = new Map<string, string>();

/**
 * Lower-case word stems of a text, in order; hyphenated words also yield their parts.
 * (Computed once per text until forgetTokens: topic scoring and related papers both ask.)
 */
export function tokenize(text: string): readonly string[] {
  let tokens = tokenized.get(text);
  if (tokens === undefined) tokenized.set(text, (tokens = tokenizeOnce(text)));
  return tokens;
}

/** Let go of the texts tokenized so far, once no stage will ask again (about 1 GB at 100,000 papers). */
export function forgetTokens(): void {
  tokenized.clear();
  stems.clear();
}

function tokenizeOnce(text: string): string[] {
  const tokens: string[] = [];
  const add = (word: string) => {
    const token = stem(word);
    let known = stems.get(token);
    if (known === undefined) stems.set(token, (known = token));
    tokens.push(known);
  };
  for (const word of text.toLowerCase().normalize('NFKD').match(/[a-z0-9]+(?:[-:][a-z0-9]+)*/g) ?? []) {
    add(word);
    if (/[-:]/.test(word)) for (const part of word.split(/[-:]/)) add(part);
  }
  return tokens;
}

/** Stems worth counting: no stop words, no lone digits or letters. */
export function contentTokens(text: string): string[] {
  return tokenize(text).filter((token) => token.length > 1 && !STOP_WORDS.has(token) && !/^\d+$/.test(token));
}
