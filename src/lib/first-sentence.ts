/** Abbreviations whose period does not end a sentence. */
const ABBREVIATION = /\b(?:e\.g|i\.e|et al|etc|vs|cf|Fig|Eq|Sec|resp)\.$/i;

/** The first sentence of a text, with its closing punctuation; the whole text when it has one sentence. */
export function firstSentence(text: string): string {
  const pattern = /[.!?](?=\s+[A-Z0-9"“(])/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const candidate = text.slice(0, match.index + 1);
    if (!ABBREVIATION.test(candidate)) return candidate;
  }
  return text;
}
