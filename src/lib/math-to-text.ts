/** Greek letters by their TeX names (the ingest's LaTeX repairs know them by these names too). */
export const GREEK: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ',
  tau: 'τ', upsilon: 'υ', phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
};

/** Commands that stand for one character. */
const SYMBOLS: Record<string, string> = {
  ...GREEK,
  leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠', approx: '≈', sim: '∼', simeq: '≃', equiv: '≡', propto: '∝',
  ll: '≪', gg: '≫', pm: '±', mp: '∓', times: '×', cdot: '·', div: '÷', ast: '∗', star: '⋆', circ: '∘',
  infty: '∞', partial: '∂', nabla: '∇', ell: 'ℓ', in: '∈', notin: '∉', subset: '⊂', subseteq: '⊆', cup: '∪', cap: '∩',
  to: '→', rightarrow: '→', leftarrow: '←', Rightarrow: '⇒', mapsto: '↦', forall: '∀', exists: '∃', emptyset: '∅',
  sum: '∑', prod: '∏', int: '∫', ldots: '…', cdots: '⋯', dots: '…', prime: '′', top: '⊤', perp: '⊥', vert: '|', mid: '|',
  '%': '%', '&': '&', '#': '#', '$': '$', _: '_', ',': ' ', ';': ' ', ':': ' ', '!': '', ' ': ' ', quad: ' ', qquad: ' ',
  '{': '{', '}': '}', lbrace: '{', rbrace: '}', langle: '⟨', rangle: '⟩', lvert: '|', rvert: '|', '|': '‖', Vert: '‖',
  left: '', right: '', big: '', Big: '', bigl: '', bigr: '', displaystyle: '',
};

/** Commands whose argument is shown as it is. */
const FONTS = new Set(['mathrm', 'mathit', 'mathbf', 'mathsf', 'mathtt', 'text', 'textrm', 'textit', 'textbf', 'textsf', 'texttt', 'operatorname', 'boldsymbol', 'bm', 'emph', 'mathcal']);
/** Blackboard letters that Unicode has. */
const DOUBLE_STRUCK: Record<string, string> = { R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ', E: '𝔼', P: 'ℙ' };
/** Accents, as combining characters. */
const ACCENTS: Record<string, string> = { tilde: '\u0303', widetilde: '\u0303', hat: '\u0302', widehat: '\u0302', bar: '\u0304', overline: '\u0305', dot: '\u0307', ddot: '\u0308', vec: '\u20D7' };
/** Function names written upright. */
const FUNCTIONS = new Set(['log', 'ln', 'exp', 'min', 'max', 'sin', 'cos', 'tan', 'arg', 'argmin', 'argmax', 'det', 'lim', 'sup', 'inf', 'Pr', 'dim', 'deg', 'tanh', 'softmax']);
const SUPERSCRIPTS: Record<string, string> = {
  0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '+': '⁺', '-': '⁻', '=': '⁼', '(': '⁽', ')': '⁾',
  n: 'ⁿ', i: 'ⁱ', T: 'ᵀ', k: 'ᵏ', m: 'ᵐ', d: 'ᵈ', t: 'ᵗ', '∗': '*', '*': '*', '′': '′', '⊤': 'ᵀ',
};
const SUBSCRIPTS: Record<string, string> = {
  0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉', '+': '₊', '-': '₋', '=': '₌', '(': '₍', ')': '₎',
  a: 'ₐ', e: 'ₑ', o: 'ₒ', x: 'ₓ', h: 'ₕ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', p: 'ₚ', s: 'ₛ', t: 'ₜ', i: 'ᵢ', j: 'ⱼ', r: 'ᵣ', u: 'ᵤ', v: 'ᵥ',
};

/** Parser state: the formula and a position in it. Any construct it does not know makes the whole formula unreadable. */
class Reader {
  index = 0;
  readonly tex: string;
  constructor(tex: string) {
    this.tex = tex;
  }

  /** Read up to `stop` (a closing brace) or the end. */
  sequence(stop?: string): string | undefined {
    let out = '';
    while (this.index < this.tex.length) {
      const char = this.tex[this.index];
      if (char === stop) return out;
      const atom = this.atom();
      if (atom === undefined) return undefined;
      out += atom;
    }
    return stop === undefined ? out : undefined;
  }

  /** A group `{…}`, or a single atom. */
  argument(): string | undefined {
    while (this.tex[this.index] === ' ') this.index += 1;
    if (this.tex[this.index] === '{') {
      this.index += 1;
      const inner = this.sequence('}');
      if (inner === undefined) return undefined;
      this.index += 1;
      return inner;
    }
    return this.atom();
  }

  /** One character, command or script. */
  atom(): string | undefined {
    const char = this.tex[this.index];
    if (char === '{') return this.argument();
    if (char === '}') return undefined;
    if (char === '^' || char === '_') {
      this.index += 1;
      const argument = this.argument();
      if (argument === undefined || argument === '') return undefined;
      const table = char === '^' ? SUPERSCRIPTS : SUBSCRIPTS;
      const chars = [...argument.replace(/ /g, '')];
      return chars.every((item) => item in table) ? chars.map((item) => table[item]).join('') : undefined;
    }
    if (char !== '\\') {
      this.index += 1;
      return /[A-Za-z0-9+\-=<>()[\]|,.;:!?/' *∗′]/.test(char) ? char : undefined;
    }
    const name = /^\\([A-Za-z]+|.)/.exec(this.tex.slice(this.index))?.[1];
    if (name === undefined) return undefined;
    this.index += 1 + name.length;
    if (name in SYMBOLS) return SYMBOLS[name];
    if (FUNCTIONS.has(name)) return name;
    if (FONTS.has(name)) return this.argument();
    if (name === 'mathbb') {
      const letter = this.argument();
      return letter !== undefined && letter in DOUBLE_STRUCK ? DOUBLE_STRUCK[letter] : undefined;
    }
    if (name in ACCENTS) {
      const base = this.argument();
      return base !== undefined && [...base].length === 1 ? `${base}${ACCENTS[name]}` : undefined;
    }
    if (name === 'sqrt') {
      const radicand = this.argument();
      if (radicand === undefined) return undefined;
      return `√${[...radicand].length === 1 ? radicand : `(${radicand})`}`;
    }
    if (name === 'frac' || name === 'tfrac' || name === 'dfrac') {
      const top = this.argument();
      const bottom = this.argument();
      if (top === undefined || bottom === undefined) return undefined;
      const wrap = (part: string) => (/^[\p{L}\p{N}′]+$/u.test(part) ? part : `(${part})`);
      return `${wrap(top)}/${wrap(bottom)}`;
    }
    return undefined;
  }
}

/**
 * A formula as plain text when it reads as well that way (`T_1` → T₁, `L_2` → L₂, `\tau` → τ,
 * `\leq` → ≤, `\sqrt{T}` → √T, `x^2` → x²); undefined when it does not (matrices, sums with
 * limits, anything unknown), and the caller keeps its `$…$` source.
 */
export function mathToText(tex: string): string | undefined {
  if (tex.length > 200) return undefined;
  const text = new Reader(tex.trim()).sequence();
  if (text === undefined || text.trim() === '') return undefined;
  return text.replace(/\s+/g, ' ').trim().normalize('NFC');
}

/** A formula for plain-text renderings: readable text when {@link mathToText} can, else its `$…$` source. */
export function formulaAsText(tex: string, display = false): string {
  const text = mathToText(tex);
  if (text !== undefined) return text;
  return display ? `$$${tex}$$` : `$${tex}$`;
}
