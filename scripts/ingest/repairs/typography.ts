import { replaceRepair } from './repair.ts';

/** ``…'' (or ``…" or ''…'') become “…”: TeX's way of writing double quotes. */
export const texDoubleQuotes = replaceRepair('tex-quotes', /(?:``|'')([^`'"\n]{1,200}?)(?:''|")/g, (_, inner) => `“${inner}”`);

/** `…' becomes ‘…’: TeX's single quotes, only around a short run without other quotes. */
export const texSingleQuotes = replaceRepair('tex-quotes', /(?<![\w`])`([^`'\n]{1,60})'(?!\w)/g, (_, inner) => `‘${inner}’`);

/** `---` is an em dash, `--` an en dash (ranges `1.88--4.78`, pairs `Rao--Blackwell`, asides). */
export const texDashes = replaceRepair('tex-dashes', /(?<=[\w)\s])(---?)(?=[\w(\s])/g, (dashes) => (dashes === '---' ? '—' : '–'));

/** `\%`, `\&`, `\#`, `\_` are escaped characters in TeX: the reader sees the character. */
export const texEscapes = replaceRepair('tex-escapes', /\\([%&#_])/g, (_, char) => char);

/** `Projection~(MIP)`: a TeX tie between two words is a non-breaking space. A spaced `~` is kept. */
export const texTies = replaceRepair('tex-tie', /(?<=[\w).,;:])~(?=[\w(])/g, () => '\u00A0');

/** `80.245 pm 0.129`: `\pm` that lost its backslash, between two numbers. */
export const plusMinus = replaceRepair('plus-minus', /(?<=\d) ?\bpm\b ?(?=\d)/g, () => ' ± ');
