/** A BibTeX entry read back: its type, key and fields (values with outer braces removed, LaTeX specials decoded). */
export interface BibEntry {
  type: string;
  key: string;
  fields: Record<string, string>;
}

const DECODE: [RegExp, string][] = [
  [/\\textbackslash\{\}/g, '\\'],
  [/\\textasciicircum\{\}/g, '^'],
  [/\\textasciitilde\{\}/g, '~'],
  [/\\([{}$&%#_])/g, '$1'],
];

/** Parse one BibTeX entry the way a reference manager does: brace-balanced values, bare month macros. */
export function parseBibtex(text: string): BibEntry {
  const head = /^\s*@(\w+)\{([^,\s]+),/.exec(text);
  if (!head) throw new Error(`Not a BibTeX entry: ${text.slice(0, 40)}`);
  const fields: Record<string, string> = {};
  let at = head[0].length;
  for (;;) {
    const name = /^\s*(\w+)\s*=\s*/.exec(text.slice(at));
    if (!name) break;
    at += name[0].length;
    let value = '';
    if (text[at] === '{') {
      let depth = 0;
      let end = at;
      for (; end < text.length; end += 1) {
        if (text[end] === '\\') { end += 1; continue; }
        if (text[end] === '{') depth += 1;
        if (text[end] === '}') { depth -= 1; if (depth === 0) break; }
      }
      if (depth !== 0) throw new Error(`Unbalanced braces in field ${name[1]}`);
      value = text.slice(at + 1, end);
      at = end + 1;
    } else {
      const bare = /^\w+/.exec(text.slice(at));
      if (!bare) throw new Error(`Bad value for field ${name[1]}`);
      value = bare[0];
      at += bare[0].length;
    }
    fields[name[1]] = DECODE.reduce((decoded, [pattern, replacement]) => decoded.replace(pattern, replacement), value);
    const comma = /^\s*,/.exec(text.slice(at));
    if (!comma) break;
    at += comma[0].length;
  }
  if (!/^\s*\}\s*$/.test(text.slice(at))) throw new Error(`Trailing text after the fields: ${text.slice(at, at + 40)}`);
  return { type: head[1].toLowerCase(), key: head[2], fields };
}
