/**
 * The one decoder of TeX-flavoured text (BibTeX fields, arXiv titles, abstracts and names,
 * `\"o` in RIS or CSL): @retorquere/bibtex-parser's LaTeX-to-Unicode decoding, the parser
 * behind Better BibTeX's imports. `Sch{\"o}lkopf` → Schölkopf, `{\L}` → Ł, `\AA` → Å, `--` →
 * –, ``…'' → “…”, `~` → a no-break space, `{T}he` → The, and `{\it …}`, `\emph{…}`,
 * `\textbf{…}`, `\textsc{…}`, `\textsuperscript{…}` → inline marks.
 *
 * Math is never decoded: each `$…$`, `\(…\)` (found by the abstracts' own rule, split-math.ts)
 * is set aside before and put back after, as written, so it renders with KaTeX. `<`, `>` and
 * `%` are the characters themselves (not TeX's font-encoding glyphs, nor a comment). The
 * result is an HTML fragment of text and the inline marks `<i>`, `<b>`, `<sub>`, `<sup>` and
 * small caps, read by rich-text.ts through its allow-list like any other rich text.
 */
import { parse, type Entry } from '@retorquere/bibtex-parser';
import { formulaAsText } from '../../src/lib/math-to-text.ts';
import { declaredMacro, TEXT_MACROS } from '../../src/lib/tex-macros.ts';
import { mathSource, splitMath } from './split-math.ts';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const LESS = '\uE002';
const GREATER = '\uE003';
/** The private-use characters the decoder's placeholders use; a source never needs them. */
export const SENTINELS = /[\uE000-\uE003]/g;
const OWN_MACRO = /^atlas(math([a-j]+)|lt|gt)$/;

/** A number as letters (TeX command names hold no digits): 12 → "bc". */
export function letters(index: number): string {
  return String(index).replace(/\d/g, (digit) => String.fromCharCode(97 + Number(digit)));
}

/** Old-style font switches, which the decoder shows half-decoded (`{\bf x}` → `\bf<b>x</b>`), as the commands that mean the same. */
const SWITCHES: Record<string, string> = {
  it: '\\textit{', em: '\\emph{', sl: '\\textit{', itshape: '\\textit{', slshape: '\\textit{',
  bf: '\\textbf{', bfseries: '\\textbf{', sc: '\\textsc{', scshape: '\\textsc{',
  rm: '{', tt: '{', sf: '{', normalfont: '{', upshape: '{', mdseries: '{',
};

/** Control words that stand for a letter (`\AA ngstr\"om` is Ångström): the space after them is TeX's, not a word break. */
const LETTER_WORDS = new Set(['AA', 'aa', 'AE', 'ae', 'OE', 'oe', 'o', 'O', 'l', 'L', 'ss', 'i', 'j', 'DH', 'dh', 'TH', 'th', 'NG', 'ng', 'DJ', 'dj']);

/** A letter or symbol with a sub- or superscript that is a command or a group: `M_\sun`, `T_{\rm eff}`, `L_{\rm X}^{-1}`. */
const LOST_MATH = /(?<![\\$\w])[A-Za-z](?:[_^](?:\\[A-Za-z]+|\{[^{}$\s]*(?:\s[^{}$\s]*)*\})){1,2}(?![\w$])/g;

/** True when an offset sits inside `$…$` of the text (counting unescaped dollars before it). */
function insideMath(text: string, offset: number): boolean {
  let count = 0;
  for (let index = 0; index < offset; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === '$') count += 1;
  }
  return count % 2 === 1;
}

/** `$<$`, `$>$`, `$><$`: TeX's way of writing the characters themselves (its text font has none). */
const ANGLES_ONLY = /^(?:\s*(?:<|>|\\lt|\\gt|\\textless|\\textgreater)(?![A-Za-z]))+\s*$/;

/**
 * Text ready for the decoder: math set aside (`$<$` is the character), `<` and `>` protected.
 * With `typeset: false` (TeX-flavoured text that is never typeset, as arXiv's metadata), also `%`
 * kept as a character, old font switches rewritten, journal macros read, the space after a
 * command kept as a word break, and a script on a command (`M_\sun`) made math. BibTeX fields
 * are TeX proper (`typeset: true`, parse-bibtex.ts).
 */
export function protectTex(tex: string, math: string[], { typeset }: { typeset: boolean }): string {
  let out = '';
  const clean = tex.replace(SENTINELS, '');
  // `M_\sun`, `T_{\rm eff}`: a script on a command or a group is math that lost its dollars.
  const source = typeset ? clean : clean.replace(LOST_MATH, (formula, offset: number, whole: string) => (insideMath(whole, offset) ? formula : `$${formula}$`));
  for (const segment of splitMath(source)) {
    if (segment.kind === 'text') {
      const text = segment.value
        .replace(/\\\$|\$/g, (dollar) => (dollar === '$' ? '\\$' : dollar)) // a dollar that opens no math is a dollar
        .replace(/\\textless\b\s*(?:\{\})?|</g, '\\atlaslt{}')
        .replace(/\\textgreater\b\s*(?:\{\})?|>/g, '\\atlasgt{}');
      out += typeset ? text : text
        .replace(/(?<!\\)%/g, '\\%')
        .replace(/\{\\([a-z]+)\b\s*/g, (whole, name: string) => SWITCHES[name] ?? whole)
        .replace(/\\ /g, ' ')
        .replace(/\\([A-Za-z]+)(?![A-Za-z])(?:\{\})?/g, (whole, name: string) => proseMacro(name) ?? whole)
        // `10.4 \micron thick`: this text is never typeset, so the space after a word command is a word break.
        .replace(/\\([A-Za-z]+) (?=[^\s{])/g, (whole, name: string) => (LETTER_WORDS.has(name) ? whole : `\\${name}{} `));
      continue;
    }
    if (segment.kind === 'inlineMath' && ANGLES_ONLY.test(segment.value)) {
      out += segment.value.replace(/\s+/g, '').replace(/<|\\lt|\\textless/g, '\\atlaslt{}').replace(/>|\\gt|\\textgreater/g, '\\atlasgt{}');
      continue;
    }
    out += `\\atlasmath${letters(math.length)}{}`;
    math.push(mathSource(segment));
  }
  return out;
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The marks the decoder writes that rich-text.ts reads; every other tag of its own is dropped (a link keeps its text). */
const KEPT_TAG = /^<\/?(?:i|b|sub|sup|span(?: style="font-variant:small-caps;")?)>$/;

/** The decoder's output as an HTML fragment: its own marks kept, everything else text; the protected characters and the math put back. */
function restore(text: string, math: readonly string[]): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/<[^>]*>/g, (tag) => (KEPT_TAG.test(tag) ? tag : ''))
    .replace(/\uE000(\d+)\uE001/g, (_match, index: string) => escapeText(math[Number(index)] ?? ''))
    .replace(/\uE002/g, '&lt;')
    .replace(/\uE003/g, '&gt;')
    // `\'\i` is a dotless i with an accent: the reader expects í.
    .replace(/ı(?=[\u0300-\u036f])/g, 'i')
    .normalize('NFC');
}

/** Options of the decoder; `verbatim` keeps the named fields as their LaTeX (parse-bibtex.ts reads titles and abstracts that way first). */
export function decoderOptions(onUnknown: (command: string, entry: Entry | undefined) => void, verbatim: (string | RegExp)[] = []) {
  return {
    ...(verbatim.length > 0 ? { verbatimFields: verbatim } : {}),
    sentenceCase: false as const,
    english: false,
    caseProtection: false as const,
    unsupported: (node: { type: string; content?: unknown }, tex: string, entry: Entry) => {
      const name = typeof node.content === 'string' ? node.content : '';
      const own = OWN_MACRO.exec(name);
      if (own) {
        if (own[1] === 'lt') return LESS;
        if (own[1] === 'gt') return GREATER;
        return `${OPEN}${own[2].replace(/[a-j]/g, (letter) => String(letter.charCodeAt(0) - 97))}${CLOSE}`;
      }
      const prose = node.type === 'macro' ? proseMacro(name) : undefined;
      if (prose !== undefined) return prose;
      // An unknown command is shown as written, never dropped (our own placeholders inside it put back).
      const written = tex.replace(/\\atlas(?:math([a-j]+)|(lt)|(gt))\{\}/g, (_whole, index: string | undefined, lt: string | undefined) =>
        index ? `${OPEN}${index.replace(/[a-j]/g, (letter) => String(letter.charCodeAt(0) - 97))}${CLOSE}` : lt ? LESS : GREATER);
      onUnknown(node.type === 'macro' ? `\\${name}` : written.replace(/\uE000\d+\uE001/g, '$…$').replace(/\uE002/g, '<').replace(/\uE003/g, '>'), entry);
      return written;
    },
  };
}

/** Nothing in it for the decoder: no command, group, tie, dash or TeX quote. */
const PLAIN = /^[^\\{}~`'\-]*$/;

/**
 * Prose with no command, group, tie or NUL outside its math: all the decoder does to such a
 * text is TeX's dashes and quotes (`--` –, `---` —, ``` `` ``` “, `''` ”), its white space,
 * HTML's escapes and NFC, with each formula kept as written (`$<$` as the character). That is
 * done here without it: the parser takes about 4 µs a character, and most abstracts are such
 * texts. (A NUL is left to the parser, which cannot read it and shows the text as written.)
 * decode-tex.test.ts checks this against the parser.
 */
const PROSE = /^[^\\{}~\0]*$/;
const LIGATURES: Record<string, string> = { '---': '—', '--': '–', '``': '“', "''": '”' };

/** A text as the decoder gives it, when its prose is PROSE (else undefined): see above. */
function decodeProse(text: string): string | undefined {
  const clean = text.replace(SENTINELS, '');
  if (PROSE.test(clean) && !clean.includes('$')) return finish([{ prose: true, value: clean }]);
  // A script on a command outside math is made math first (protectTex): the parser's to read.
  if (clean.replace(LOST_MATH, (formula, offset: number, whole: string) => (insideMath(whole, offset) ? formula : `$${formula}$`)) !== clean) return undefined;
  const pieces: { prose: boolean; value: string }[] = [];
  for (const segment of splitMath(clean)) {
    if (segment.kind === 'text') {
      if (!PROSE.test(segment.value)) return undefined;
      pieces.push({ prose: true, value: segment.value });
    } else if (segment.kind === 'inlineMath' && ANGLES_ONLY.test(segment.value)) {
      pieces.push({ prose: true, value: segment.value.replace(/\s+/g, '').replace(/\\lt|\\textless/g, '<').replace(/\\gt|\\textgreater/g, '>') });
    } else {
      pieces.push({ prose: false, value: mathSource(segment) });
    }
  }
  return finish(pieces);
}

/** A text decoded without the parser: PLAIN, escaped as it is, or prose (decodeProse); else undefined. */
function decodeDirectly(text: string): string | undefined {
  return PLAIN.test(text) ? escapeText(text) : decodeProse(text);
}

/** Whether decodeTexAll decodes `text` without the parser (its prose has no command, group, tie or NUL; see above). */
export function decodesWithoutParser(text: string): boolean {
  return decodeDirectly(text) !== undefined;
}

/** Prose and formulas as the decoder gives them back: white space and ligatures in the prose, formulas as written (none starts or ends with white space), the ends trimmed; escaped, NFC. */
function finish(pieces: { prose: boolean; value: string }[]): string {
  const merged: { prose: boolean; value: string }[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (last?.prose && piece.prose) last.value += piece.value;
    else merged.push({ ...piece });
  }
  const html = merged.map(({ prose, value }) => escapeText(prose ? value.replace(/[ \t\n\r]+/g, ' ').replace(/---|--|``|''/g, (ligature) => LIGATURES[ligature]) : value)).join('');
  return html.trim().replace(/ı(?=[\u0300-\u036f])/g, 'i').normalize('NFC');
}

/**
 * Decode several TeX-flavoured texts at once. Returns, for each, an HTML fragment (see the
 * module comment) and the commands it did not know, which are shown as written.
 */
export function decodeTexAll(texts: readonly string[]): { html: string; unknown: string[] }[] {
  const results: { html: string; unknown: string[] }[] = [];
  const parsed: number[] = [];
  for (const [index, text] of texts.entries()) {
    const html = decodeDirectly(text);
    if (html === undefined) parsed.push(index);
    else results[index] = { html, unknown: [] };
  }
  const decoded = parseTexAll(parsed.map((index) => texts[index]));
  for (const [at, index] of parsed.entries()) results[index] = decoded[at];
  return results;
}

/**
 * What decodeTexAll gives, from the parser for every text (one parse for all: the parser's cost
 * is per call as well as per character).
 */
export function parseTexAll(texts: readonly string[]): { html: string; unknown: string[] }[] {
  const results: { html: string; unknown: string[] }[] = texts.map(() => ({ html: '', unknown: [] }));
  const math: string[][] = [];
  const fields: string[] = [];
  for (const [index, text] of texts.entries()) {
    const own: string[] = [];
    math[index] = own;
    // The text as a BibTeX field: braces balanced (a stray one is shown as itself), `@` harmless.
    fields.push(`@misc{atlas${letters(index)}, title = {${balance(protectTex(text, own, { typeset: false }))}}}\n`);
  }
  if (fields.length === 0) return results;
  const unknownByKey = new Map<string, Set<string>>();
  const library = parse(fields.join(''), decoderOptions((command, entry) => {
    const key = entry?.key ?? '';
    if (!unknownByKey.has(key)) unknownByKey.set(key, new Set());
    unknownByKey.get(key)!.add(command);
  }));
  const decoded = new Map<number, Entry>();
  for (const entry of library.entries) {
    const match = /^atlas([a-j]+)$/.exec(entry.key);
    if (match) decoded.set(Number(match[1].replace(/[a-j]/g, (letter) => String(letter.charCodeAt(0) - 97))), entry);
  }
  for (const [index, text] of texts.entries()) {
    const entry = decoded.get(index);
    const title = (entry?.fields as Record<string, unknown> | undefined)?.title;
    // Unreadable even so: the text as written.
    results[index] = typeof title === 'string'
      ? { html: restore(title, math[index]), unknown: [...(unknownByKey.get(entry!.key) ?? [])] }
      : { html: escapeText(text), unknown: [] };
  }
  return results;
}

/** Decode one TeX-flavoured text; see {@link decodeTexAll}. */
export function decodeTex(text: string): { html: string; unknown: string[] } {
  return decodeTexAll([text])[0];
}

/** Braces made to balance: an unmatched `{` or `}` is escaped, so it is shown and the field still parses. */
function balance(tex: string): string {
  const unmatched = new Set<number>();
  const open: number[] = [];
  for (let index = 0; index < tex.length; index += 1) {
    const char = tex[index];
    if (char === '\\') {
      index += 1;
      continue;
    }
    if (char === '{') open.push(index);
    else if (char === '}') {
      if (open.length > 0) open.pop();
      else unmatched.add(index);
    }
  }
  for (const index of open) unmatched.add(index);
  if (unmatched.size === 0) return tex;
  return [...tex].map((char, index) => (unmatched.has(index) ? `\\${char}` : char)).join('');
}

/** TeX accents and letters as RIS and CSL exports carry them in otherwise plain text: `\"o`, `{\"o}`, `\'{e}`, `{\o}`, `\ss`. */
const ACCENT = /\{\\(?:['"`^~=.uvHcdbtkr]\s*(?:\{[A-Za-z]\}|[A-Za-z]|\\[ij])|(?:AA|aa|AE|ae|OE|oe|o|O|l|L|ss|i|j)\b\s*(?:\{\})?)\}|\\['"`^~=.](?:\{[A-Za-z]\}|[A-Za-z]|\\[ij])|\\[uvHcdbtkr](?:\{[A-Za-z]\}|\s[A-Za-z])|\\(?:AA|aa|AE|ae|OE|oe|o|O|l|L|ss)\b(?:\{\})?/g;

/** Decode only TeX accents and special letters in plain text (RIS, CSL); everything else stays as written. */
export function decodeTexAccents(text: string): string {
  if (!text.includes('\\')) return text;
  // Math is never decoded.
  if (text.includes('$') || text.includes('\\(')) {
    return splitMath(text).map((segment) => {
      return segment.kind === 'text' ? decodeProseAccents(segment.value) : mathSource(segment);
    }).join('');
  }
  return decodeProseAccents(text);
}

/** `{\rm c}`, `{\it x}`: a font switch that came through an export escaped; its text is what the reader wants. */
const SWITCH_GROUP = /\{\\(?:it|em|bf|rm|sl|sc|tt|sf)\s+([^{}\\]*)\}/g;

function decodeProseAccents(text: string): string {
  text = text.replace(SWITCH_GROUP, (_whole, inner: string) => inner);
  const matches = [...text.matchAll(ACCENT)];
  if (matches.length === 0) return text;
  const decoded = decodeTexAll(matches.map((match) => match[0]));
  let index = 0;
  return text.replace(ACCENT, (whole) => {
    const html = decoded[index++]?.html ?? '';
    const plain = html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    return /\\/.test(plain) ? whole : plain;
  });
}

/**
 * What a macro reads as in prose, by name without the backslash: a declared one (`katexMacros` in
 * atlas({ … })) as its meaning reads as text, when it reads as text; else the built-in table's.
 */
function proseMacro(name: string): string | undefined {
  const declared = declaredMacro(name);
  if (declared !== undefined) {
    const text = formulaAsText(declared);
    if (!text.includes('$') && !text.includes('\\')) return text;
  }
  return Object.hasOwn(TEXT_MACROS, name) ? TEXT_MACROS[name].text : undefined;
}
