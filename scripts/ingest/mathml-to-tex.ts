/**
 * Presentation MathML, as JATS abstracts carry it in `<inline-formula>`, as TeX for KaTeX: the
 * elements publishers' formulas use (tokens, rows, scripts, fractions, roots, fences). A TeX
 * annotation (`<annotation encoding="application/x-tex">`), when there is one, is taken as
 * it is. An element outside this list gives its text, so a formula never loses a character.
 */

/** fast-xml-parser's ordered node: one key for the element's name (its children), `:@` for attributes. */
type Node = { '#text'?: string; ':@'?: Record<string, string> } & Record<string, unknown>;

/** MathML element names this converter reads (the only ones parsed as tags inside a formula). */
export const MATHML_NAMES = [
  'math', 'mrow', 'mi', 'mn', 'mo', 'mtext', 'ms', 'mspace', 'msub', 'msup', 'msubsup', 'munder', 'mover', 'munderover',
  'mfrac', 'msqrt', 'mroot', 'mfenced', 'mstyle', 'mpadded', 'mphantom', 'semantics', 'annotation', 'annotation-xml', 'mtable', 'mtr', 'mtd',
];

/** Characters that TeX writes as commands. */
const SYMBOLS: Record<string, string> = {
  '±': '\\pm', '∓': '\\mp', '×': '\\times', '÷': '\\div', '·': '\\cdot', '≤': '\\leq', '≥': '\\geq', '≠': '\\neq', '≈': '\\approx',
  '∼': '\\sim', '≃': '\\simeq', '≡': '\\equiv', '∝': '\\propto', '∞': '\\infty', '→': '\\to', '←': '\\leftarrow', '↔': '\\leftrightarrow',
  '⇒': '\\Rightarrow', '∈': '\\in', '∉': '\\notin', '⊂': '\\subset', '⊆': '\\subseteq', '∪': '\\cup', '∩': '\\cap', '∑': '\\sum',
  '∏': '\\prod', '∫': '\\int', '∂': '\\partial', '∇': '\\nabla', '√': '\\surd', '°': '^\\circ', '′': '\\prime', '…': '\\ldots',
  '⋯': '\\cdots', '−': '-', '‐': '-', '∗': '*', '⁎': '*', '〈': '\\langle', '〉': '\\rangle', '⟨': '\\langle', '⟩': '\\rangle',
  'α': '\\alpha', 'β': '\\beta', 'γ': '\\gamma', 'δ': '\\delta', 'ε': '\\varepsilon', 'ϵ': '\\epsilon', 'ζ': '\\zeta', 'η': '\\eta',
  'θ': '\\theta', 'ϑ': '\\vartheta', 'ι': '\\iota', 'κ': '\\kappa', 'λ': '\\lambda', 'μ': '\\mu', 'µ': '\\mu', 'ν': '\\nu', 'ξ': '\\xi',
  'π': '\\pi', 'ρ': '\\rho', 'σ': '\\sigma', 'τ': '\\tau', 'υ': '\\upsilon', 'φ': '\\phi', 'ϕ': '\\phi', 'χ': '\\chi', 'ψ': '\\psi',
  'ω': '\\omega', 'Γ': '\\Gamma', 'Δ': '\\Delta', 'Θ': '\\Theta', 'Λ': '\\Lambda', 'Ξ': '\\Xi', 'Π': '\\Pi', 'Σ': '\\Sigma',
  'Φ': '\\Phi', 'Ψ': '\\Psi', 'Ω': '\\Omega',
};

const TEX_SPECIAL = /[#$%&_{}~^\\]/g;

function nameOf(node: Node): string {
  return (Object.keys(node).find((key) => key !== ':@') ?? '').toLowerCase().replace(/^mml:/, '');
}

function childrenOf(node: Node): Node[] {
  const key = Object.keys(node).find((candidate) => candidate !== ':@') ?? '';
  const value = node[key];
  return Array.isArray(value) ? (value as Node[]) : [];
}

function textOf(node: Node): string {
  if (nameOf(node) === '#text') return String(node['#text'] ?? '');
  return childrenOf(node).map(textOf).join('');
}

/** Token text as TeX: known symbols as commands, TeX's special characters escaped. */
function token(text: string): string {
  return [...text.trim()].map((char) => SYMBOLS[char] ? `${SYMBOLS[char]} ` : char.replace(TEX_SPECIAL, (special) => `\\${special}`)).join('').trim();
}

const group = (tex: string) => (tex.length === 1 ? tex : `{${tex}}`);

function convert(node: Node): string {
  const name = nameOf(node);
  if (name === '#text') return token(String(node['#text'] ?? ''));
  const children = childrenOf(node).filter((child) => nameOf(child) !== '#text' || String(child['#text'] ?? '').trim() !== '');
  const parts = () => children.map(convert);
  switch (name) {
    case 'math': case 'mrow': case 'mstyle': case 'mpadded': return parts().join(' ');
    case 'mphantom': return '';
    case 'mi': {
      const text = textOf(node).trim();
      const tex = token(text);
      return [...text].length > 1 && /^[A-Za-z]+$/.test(text) ? `\\mathrm{${tex}}` : tex;
    }
    case 'mn': case 'mo': return token(textOf(node));
    case 'mtext': case 'ms': return `\\text{${textOf(node).replace(TEX_SPECIAL, (special) => `\\${special}`)}}`;
    case 'mspace': return '\\ ';
    case 'msub': case 'munder': { const [base = '', sub = ''] = parts(); return `${group(base)}_${group(sub)}`; }
    case 'msup': case 'mover': { const [base = '', sup = ''] = parts(); return `${group(base)}^${group(sup)}`; }
    case 'msubsup': case 'munderover': { const [base = '', sub = '', sup = ''] = parts(); return `${group(base)}_${group(sub)}^${group(sup)}`; }
    case 'mfrac': { const [top = '', bottom = ''] = parts(); return `\\frac{${top}}{${bottom}}`; }
    case 'msqrt': return `\\sqrt{${parts().join(' ')}}`;
    case 'mroot': { const [base = '', index = ''] = parts(); return `\\sqrt[${index}]{${base}}`; }
    case 'mfenced': {
      const attributes = node[':@'] ?? {};
      return `\\left${attributes.open ?? '('} ${parts().join(', ')} \\right${attributes.close ?? ')'}`;
    }
    case 'semantics': {
      const annotation = children.find((child) => nameOf(child) === 'annotation' && /tex/i.test(child[':@']?.encoding ?? ''));
      if (annotation) return textOf(annotation).trim();
      return children.filter((child) => !nameOf(child).startsWith('annotation')).map(convert).join(' ');
    }
    case 'annotation': case 'annotation-xml': return '';
    case 'mtable': return `\\begin{matrix}${children.map(convert).join(' \\\\ ')}\\end{matrix}`;
    case 'mtr': return children.map(convert).join(' & ');
    case 'mtd': return parts().join(' ');
    default: return token(textOf(node));
  }
}

/** A `<math>` element as TeX; undefined when it holds nothing. */
export function mathmlToTex(math: Node): string | undefined {
  const tex = convert(math).replace(/\s+/g, ' ').trim();
  return tex === '' ? undefined : tex;
}
