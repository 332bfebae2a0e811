/**
 * Macros that journals' TeX uses and that neither KaTeX nor the TeX decoder knows: the
 * astronomy journals' (AASTeX, MNRAS) symbols and units, and a few abbreviations. One table
 * serves both readers: in prose the decoder writes `text` (`10.4 \micron` → 10.4 µm); in math
 * KaTeX expands `tex` (`M_\sun` → M_⊙, `\la 3` → ≲ 3).
 */
export interface TexMacro {
  /** What the macro reads as in prose. */
  text: string;
  /** Its meaning in KaTeX's TeX, for formulas. */
  tex: string;
}

/** By command name, without the backslash. */
export const TEXT_MACROS: Readonly<Record<string, TexMacro>> = {
  sun: { text: '☉', tex: '\\odot' },
  earth: { text: '⊕', tex: '\\oplus' },
  micron: { text: 'µm', tex: '\\mu\\mathrm{m}' },
  la: { text: '≲', tex: '\\lesssim' },
  ga: { text: '≳', tex: '\\gtrsim' },
  lsim: { text: '≲', tex: '\\lesssim' },
  gsim: { text: '≳', tex: '\\gtrsim' },
  simlt: { text: '≲', tex: '\\lesssim' },
  simgt: { text: '≳', tex: '\\gtrsim' },
  msun: { text: 'M☉', tex: 'M_\\odot' },
  Msun: { text: 'M☉', tex: 'M_\\odot' },
  rsun: { text: 'R☉', tex: 'R_\\odot' },
  Rsun: { text: 'R☉', tex: 'R_\\odot' },
  lsun: { text: 'L☉', tex: 'L_\\odot' },
  Lsun: { text: 'L☉', tex: 'L_\\odot' },
  kms: { text: 'km s⁻¹', tex: '\\mathrm{km\\,s^{-1}}' },
  degr: { text: '°', tex: '^\\circ' },
  arcmin: { text: '′', tex: '^\\prime' },
  arcsec: { text: '″', tex: '^{\\prime\\prime}' },
  sq: { text: '□', tex: '\\square' },
  etal: { text: 'et al.', tex: '\\text{et al.}' },
  ie: { text: 'i.e.', tex: '\\text{i.e.}' },
  eg: { text: 'e.g.', tex: '\\text{e.g.}' },
};

/** The table as KaTeX's `macros` option: `{ '\\sun': '\\odot', … }`. */
export const KATEX_MACROS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(TEXT_MACROS).map(([name, macro]) => [`\\${name}`, macro.tex]));

/** The atlas's own macros (`katexMacros` in atlas({ … })), declared once per process by configureMacros. */
let declared: Readonly<Record<string, string>> = {};

/**
 * Declare the atlas's own macros for this process (the ingest, the papers loader and each of its
 * render workers call it with `katexMacros` from atlas({ … })). They come after the built-in
 * table, so a declared macro wins over a built-in one of the same name.
 */
export function configureMacros(macros: Readonly<Record<string, string>>): void {
  declared = { ...macros };
}

/**
 * KaTeX's `macros` for one formula: a fresh object each time, since KaTeX's `\gdef` writes into
 * the object it is given (one formula's definitions must not leak into the next).
 */
export function formulaMacros(): Record<string, string> {
  return { ...KATEX_MACROS, ...declared };
}

/** The declared macros a text uses (name and meaning, one per line): part of what decides whether its abstract is rendered again. */
export function usedMacros(text: string): string {
  return Object.entries(declared).filter(([name]) => text.includes(name)).map(([name, meaning]) => `${name}=${meaning}`).join('\n');
}

/** A declared macro's meaning, by command name without the backslash, when it takes no argument (prose can read it as text). */
export function declaredMacro(name: string): string | undefined {
  const meaning = declared[`\\${name}`];
  return meaning !== undefined && !meaning.includes('#') ? meaning : undefined;
}
