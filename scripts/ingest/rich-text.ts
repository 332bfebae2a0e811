/**
 * Markup in the sources' own conventions, read through an allow-list: Zotero's rich text in
 * titles (`<i>`, `<b>`, `<sub>`, `<sup>`, `<span style="font-variant:small-caps;">`,
 * `<span class="nocase">`), the TeX decoder's marks (decode-tex.ts), and JATS in abstracts
 * (`sec`, `title`, `p`, `italic`, `bold`, `sub`, `sup`, `sc`, `list`/`list-item`,
 * `inline-formula` with TeX or MathML; `jats:`-prefixed or not).
 *
 * Only the allowed tags are markup: before parsing, every `<` that does not open or close one
 * of them becomes `&lt;`, so `<script>`, `<img onerror=…>`, `<a href>`, `<iframe>` or a tag
 * this module does not know is shown as the text it is, character for character. Allowed tags
 * keep none of their attributes; the one attribute read is Zotero's small-caps style (it
 * becomes our own mark). The fragment is parsed by fast-xml-parser (an XML parser, as JATS
 * is XML); a fragment it refuses (tags that do not nest) is shown as written.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MATHML_NAMES, mathmlToTex } from './mathml-to-tex.ts';

/** An inline mark: what a run of text is set in. */
export type Mark = 'emphasis' | 'strong' | 'sub' | 'sup' | 'smallCaps';

/** A run of text or a formula (its TeX), with the marks it is set in. */
export type Run =
  | { kind: 'text'; text: string; marks: readonly Mark[] }
  | { kind: 'math'; tex: string; marks: readonly Mark[] };

/** A block of an abstract: a section heading, a paragraph, or a list of items. */
export type Block =
  | { kind: 'heading'; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'list'; ordered: boolean; items: Run[][] };

/** Tags (without a `jats:` prefix) and what they are. */
const INLINE: Record<string, Mark | 'unwrap' | 'span'> = {
  i: 'emphasis', em: 'emphasis', italic: 'emphasis',
  b: 'strong', strong: 'strong', bold: 'strong',
  sub: 'sub', sup: 'sup', sc: 'smallCaps',
  span: 'span',
  // JATS inline elements whose text is the text: kept, their markup dropped.
  underline: 'unwrap', monospace: 'unwrap', roman: 'unwrap', 'sans-serif': 'unwrap', 'named-content': 'unwrap',
  'styled-content': 'unwrap', xref: 'unwrap', 'ext-link': 'unwrap', uri: 'unwrap', abbrev: 'unwrap', break: 'unwrap',
};
const BLOCK = new Set(['sec', 'title', 'p', 'list', 'list-item', 'label', 'abstract', 'trans-abstract', 'disp-quote', 'boxed-text', 'caption']);
const MATH = new Set(['inline-formula', 'disp-formula', 'tex-math', 'alternatives']);

/** The names that are markup in each vocabulary; any other tag is text. */
const INLINE_NAMES = ['i', 'b', 'sub', 'sup', 'span', 'em', 'strong', 'sc'];

/** Attributes an allowed tag keeps (to be read, never written to a page): small caps, a list's type, a formula's encoding and fences. */
const KEPT_ATTRIBUTES = new Set(['style', 'class', 'list-type', 'encoding', 'open', 'close']);

const escapeText = (text: string) => text.replace(/&(?!#\d{1,7};|#x[\da-f]{1,6};|[a-z][a-z\d]{1,31};)/gi, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A fragment where only the allowed tags are tags: every other `<` is `&lt;`, a bare `&` is
 * `&amp;`, an allowed tag that opens without closing (or closes without opening) is text too,
 * and the tags kept carry only the attributes read, quoted. The result is well-formed XML.
 */
function escapeMarkup(text: string, names: ReadonlySet<string>): string {
  const TAG = /<(\/?)((?:jats:|mml:)?[a-z][a-z-]*)((?:\s+[\w:-]+(?:\s*=\s*(?:"[^"<]*"|'[^'<]*'|[^\s"'<>=`]+))?)*)\s*(\/?)>/gi;
  const tokens: { start: number; end: number; close: boolean; self: boolean; name: string; attributes: string; matched: boolean }[] = [];
  for (const match of text.matchAll(TAG)) {
    const name = match[2].toLowerCase();
    if (!names.has(name.replace(/^(?:jats|mml):/, ''))) continue;
    tokens.push({ start: match.index, end: match.index + match[0].length, close: match[1] === '/', self: match[4] === '/', name, attributes: match[3], matched: false });
  }
  const open: number[] = [];
  for (const [index, token] of tokens.entries()) {
    if (token.self && !token.close) token.matched = true;
    else if (!token.close) open.push(index);
    else {
      const at = open.findLastIndex((candidate) => tokens[candidate].name === token.name);
      if (at < 0) continue;
      token.matched = true;
      tokens[open[at]].matched = true;
      open.length = at; // tags opened inside and never closed stay text
    }
  }
  let out = '';
  let last = 0;
  for (const token of tokens) {
    if (!token.matched) continue;
    out += escapeText(text.slice(last, token.start));
    if (token.close) out += `</${token.name}>`;
    else {
      const attributes = [...token.attributes.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"<]*)"|'([^'<]*)'|([^\s"'<>=`]+)))?/g)]
        .filter((attribute) => KEPT_ATTRIBUTES.has(attribute[1].toLowerCase()))
        .map((attribute) => ` ${attribute[1].toLowerCase()}="${(attribute[2] ?? attribute[3] ?? attribute[4] ?? '').replace(/&(?![a-z#][\w]*;)/gi, '&amp;').replace(/"/g, '&quot;')}"`)
        .join('');
      out += `<${token.name}${attributes}${token.self ? '/' : ''}>`;
    }
    last = token.end;
  }
  return out + escapeText(text.slice(last));
}

const INLINE_SET = new Set(INLINE_NAMES);
const JATS_SET = new Set([...Object.keys(INLINE), ...BLOCK, ...MATH, ...MATHML_NAMES]);

/** True when a text holds Zotero rich text (or our decoder's marks): an allowed inline tag. */
export function holdsInlineMarkup(text: string): boolean {
  return /<\/?(?:i|b|sub|sup|em|strong|sc|span)(?:\s[^<>]*)?>/i.test(text);
}

/** True when an abstract holds JATS: a `jats:` element, or a `<sec>`/`<p>`/`<title>` structure. */
export function holdsJats(text: string): boolean {
  return /<\/?jats:[a-z-]+[\s/>]/i.test(text) || /<(?:sec|p|title|list|italic|bold|inline-formula)(?:\s[^<>]*)?>[\s\S]*<\/(?:sec|p|title|list|italic|bold|inline-formula)>/i.test(text);
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
});

type XmlNode = { '#text'?: string; ':@'?: Record<string, string> } & Record<string, unknown>;

function nameOf(node: XmlNode): string {
  return Object.keys(node).find((key) => key !== ':@') ?? '';
}

function childrenOf(node: XmlNode): XmlNode[] {
  const value = node[nameOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

/** Named references the XML parser leaves (`&eacute;`), as characters; unknown ones as written. */
function decodeEntities(text: string): string {
  return text.replace(/&([a-z][a-z\d]{1,31});/gi, (whole, name: string) => {
    const char = decodeNamedCharacterReference(name);
    return char === false ? whole : char;
  });
}

/** Parse a fragment whose non-allowed `<` were escaped; undefined when it is not well-formed. */
function parseFragment(escaped: string): XmlNode[] | undefined {
  const source = `<atlas-root>${escaped}</atlas-root>`;
  if (XMLValidator.validate(source) !== true) return undefined;
  const root = parser.parse(source) as XmlNode[];
  return childrenOf(root[0] ?? {});
}

const local = (name: string) => name.toLowerCase().replace(/^(?:jats|mml):/, '');

/** The text a node holds, markup dropped. */
function textOf(nodes: readonly XmlNode[]): string {
  return nodes.map((node) => (nameOf(node) === '#text' ? decodeEntities(String(node['#text'] ?? '')) : textOf(childrenOf(node)))).join('');
}

/** A formula element: its TeX (`<tex-math>`, MathML through mathmlToTex), else undefined. */
function formulaTex(nodes: readonly XmlNode[]): string | undefined {
  for (const node of nodes) {
    const name = local(nameOf(node));
    if (name === 'tex-math') {
      return textOf(childrenOf(node))
        .replace(/^[\s\S]*\\begin\{document\}|\\end\{document\}[\s\S]*$/g, '')
        .trim()
        .replace(/^\$+|\$+$/g, '')
        .replace(/^\\\(|\\\)$/g, '')
        .trim() || undefined;
    }
    if (name === 'math') return mathmlToTex(node as never);
    if (name === 'alternatives') return formulaTex(childrenOf(node));
  }
  return undefined;
}

function smallCaps(attributes: Record<string, string> | undefined): boolean {
  return /font-variant\s*:\s*small-caps/i.test(attributes?.style ?? '') || /\bsmall-caps\b/.test(attributes?.class ?? '');
}

/** Inline runs of nodes, under the given marks. */
function inlineRuns(nodes: readonly XmlNode[], marks: readonly Mark[], out: Run[]): Run[] {
  for (const node of nodes) {
    const tag = nameOf(node);
    if (tag === '#text') {
      out.push({ kind: 'text', text: decodeEntities(String(node['#text'] ?? '')), marks });
      continue;
    }
    const name = local(tag);
    if (MATH.has(name)) {
      const tex = formulaTex(childrenOf(node)) ?? formulaTex([node]);
      if (tex) out.push({ kind: 'math', tex, marks });
      else out.push({ kind: 'text', text: textOf(childrenOf(node)), marks });
      continue;
    }
    const role = INLINE[name];
    const mark: Mark | undefined = role === 'span' ? (smallCaps(node[':@']) ? 'smallCaps' : undefined) : role === 'unwrap' || role === undefined ? undefined : role;
    inlineRuns(childrenOf(node), mark && !marks.includes(mark) ? [...marks, mark] : marks, out);
  }
  return out;
}

/** Blocks of JATS nodes: sections' titles become headings, paragraphs and lists stay themselves. */
function blocksOf(nodes: readonly XmlNode[], out: Block[]): Block[] {
  let loose: XmlNode[] = [];
  const flush = () => {
    const runs = trimRuns(inlineRuns(loose, [], []));
    if (runs.length > 0) out.push({ kind: 'paragraph', runs });
    loose = [];
  };
  for (const node of nodes) {
    const name = local(nameOf(node));
    if (!BLOCK.has(name) && name !== 'disp-formula') {
      loose.push(node);
      continue;
    }
    flush();
    const children = childrenOf(node);
    if (name === 'title' || name === 'label') {
      const runs = trimRuns(inlineRuns(children, [], []));
      // "Abstract" as a title says what the page already says.
      if (runs.length > 0 && !/^abstract$/i.test(plainText(runs).trim())) out.push({ kind: 'heading', runs });
    } else if (name === 'p' || name === 'disp-formula') {
      // A paragraph may hold a list or a displayed formula of its own.
      blocksOf(children, out);
    } else if (name === 'list') {
      const items = children.filter((child) => local(nameOf(child)) === 'list-item').map((item) => trimRuns(inlineRuns(flattenParagraphs(childrenOf(item)), [], [])));
      const ordered = /^(?:order|alpha|roman)/.test(node[':@']?.['list-type'] ?? '');
      if (items.some((item) => item.length > 0)) out.push({ kind: 'list', ordered, items: items.filter((item) => item.length > 0) });
    } else {
      blocksOf(children, out);
    }
  }
  flush();
  return out;
}

/** A list item's paragraphs as one run of text (items are short; a space between paragraphs). */
function flattenParagraphs(nodes: readonly XmlNode[]): XmlNode[] {
  return nodes.flatMap((node) => (local(nameOf(node)) === 'p' ? [...childrenOf(node), { '#text': ' ' } as XmlNode] : [node]));
}

/** Whitespace collapsed across runs, trimmed at both ends; adjacent runs with the same marks joined. */
export function trimRuns(runs: readonly Run[]): Run[] {
  const joined: Run[] = [];
  for (const run of runs) {
    const value = run.kind === 'text' ? { ...run, text: run.text.replace(/\s+/g, ' ') } : run;
    const previous = joined.at(-1);
    if (value.kind === 'text' && previous?.kind === 'text' && sameMarks(previous.marks, value.marks)) {
      joined[joined.length - 1] = { ...previous, text: (previous.text + value.text).replace(/ {2,}/g, ' ') };
    } else if (value.kind !== 'text' || value.text !== '') {
      joined.push(value);
    }
  }
  const first = joined[0];
  if (first?.kind === 'text') joined[0] = { ...first, text: first.text.trimStart() };
  const last = joined.at(-1);
  if (last?.kind === 'text') joined[joined.length - 1] = { ...last, text: last.text.trimEnd() };
  return joined.filter((run) => run.kind !== 'text' || run.text !== '');
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  return a.length === b.length && a.every((mark) => b.includes(mark));
}

/** Runs as plain text: formulas as their `$…$` source. */
export function plainText(runs: readonly Run[]): string {
  return runs.map((run) => (run.kind === 'text' ? run.text : `$${run.tex}$`)).join('');
}

/** Plain text in one unmarked run (the text of a source without markup). */
export function plainRuns(text: string): Run[] {
  return text === '' ? [] : [{ kind: 'text', text, marks: [] }];
}

/**
 * Inline rich text (a title from Zotero, or the TeX decoder's output) as runs. Entities are
 * decoded only where the text holds markup; text without any allowed tag is returned as it is.
 */
export function parseInline(html: string, { entities = true }: { entities?: boolean } = {}): Run[] {
  if (!holdsInlineMarkup(html)) return plainRuns(entities ? decodeEntities(html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) : html);
  const nodes = parseFragment(escapeMarkup(html, INLINE_SET));
  if (!nodes) return plainRuns(html);
  return trimRuns(inlineRuns(nodes, [], []));
}

/** A JATS abstract as blocks; undefined when it is not well-formed XML (it is then shown as written). */
export function parseJats(text: string): Block[] | undefined {
  const escaped = escapeMarkup(text, JATS_SET);
  const nodes = parseFragment(escaped);
  if (!nodes) return undefined;
  return blocksOf(nodes, []);
}
