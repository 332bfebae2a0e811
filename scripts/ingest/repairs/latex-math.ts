import { GREEK as GREEK_LETTERS } from '../../../src/lib/math-to-text.ts';
import { math, replaceRepair, type Repair, outsideMath } from './repair.ts';

/** Greek letters by their TeX names. */
const GREEK = Object.keys(GREEK_LETTERS);
/** TeX commands that show up in abstracts with their backslash lost. */
const COMMANDS = [...GREEK, 'mathcal', 'mathbb', 'mathbf', 'mathrm', 'sqrt', 'frac', 'circ', 'gg', 'll', 'leq', 'geq', 'neq', 'infty', 'ell', 'log', 'cdot', 'times', 'tilde', 'hat'];
const COMMAND_SET = new Set(COMMANDS);
// Longest first, so `varepsilon` wins over `epsilon` when a run of letters is split.
const BY_LENGTH = [...COMMANDS].sort((a, b) => b.length - a.length);
const GREEK_ALT = [...GREEK].sort((a, b) => b.length - a.length).join('|');

/** Split a run of letters into TeX command names (`Phicirc` → Phi, circ), or undefined. */
function splitCommands(run: string): string[] | undefined {
  if (run === '') return [];
  for (const command of BY_LENGTH) {
    if (run.startsWith(command)) {
      const rest = splitCommands(run.slice(command.length));
      if (rest) return [command, ...rest];
    }
  }
  return undefined;
}

/** Put back the backslashes of command names in a formula; other letters stay variables. */
export function restoreBackslashes(tex: string): string {
  return tex.replace(/(?<![\\A-Za-z])[A-Za-z]{2,}/g, (run, offset: number) => {
    const commands = splitCommands(run);
    if (!commands) return run;
    const next = tex[offset + run.length] ?? '';
    return commands.map((command) => `\\${command}`).join('') + (/[A-Za-z0-9]/.test(next) ? ' ' : '');
  });
}

/** Index just past the group opened at `start` (`{…}` or `(…)`), or -1 when it is not closed. */
function closeGroup(text: string, start: number): number {
  const open = text[start];
  const close = open === '{' ? '}' : ')';
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    if (text[index] === open) depth += 1;
    else if (text[index] === close && --depth === 0) return index + 1;
  }
  return -1;
}

/** End of a formula that starts with a font or root command: `mathcal O(K^{2/3})`, `mathcal{O}(…)`. */
function scanFormula(text: string, start: number, command: string): number {
  let index = start + command.length;
  if (text[index] === ' ') index += 1;
  if (text[index] === '{') {
    index = closeGroup(text, index);
    if (index === -1) return -1;
  } else if (/[A-Za-z0-9]/.test(text[index] ?? '')) {
    index += 1;
  } else {
    return -1;
  }
  for (;;) {
    if (text[index] === '(' || text[index] === '{') {
      const end = closeGroup(text, index);
      if (end === -1) break;
      index = end;
    } else if ((text[index] === '^' || text[index] === '_') && /[{\w]/.test(text[index + 1] ?? '')) {
      index = text[index + 1] === '{' ? closeGroup(text, index + 1) : index + 2;
      if (index === -1) return -1;
    } else {
      break;
    }
  }
  return index;
}

/** `{\tau}` or `\tau` in prose: a Greek letter written for math outside any delimiters. */
export const texCommandInProse = replaceRepair(
  'tex-command',
  new RegExp(`\\{\\\\(${GREEK_ALT})\\}|\\\\(${GREEK_ALT})(?![A-Za-z])`, 'g'),
  (_, braced, bare) => math(`\\${braced || bare}`),
);

/** `mathcal O(K^{2/3})`, `mathcal{O}(mathcal{C_Phi/m} + …)`, `mathcal O(sqrt K)`: formulas whose backslashes were lost. */
export const lostBackslashFormula: Repair = {
  id: 'lost-backslash',
  apply(text) {
    let count = 0;
    const result = outsideMath(text, (prose) => {
      let out = '';
      let last = 0;
      for (const match of prose.matchAll(/(?<![\\A-Za-z])(mathcal|mathbb|mathbf|mathrm|sqrt)(?![a-z])/g)) {
        if (match.index < last) continue;
        const end = scanFormula(prose, match.index, match[1]);
        if (end === -1) continue;
        out += prose.slice(last, match.index) + math(restoreBackslashes(prose.slice(match.index, end)));
        last = end;
        count += 1;
      }
      return out + prose.slice(last);
    });
    return { text: result, count };
  },
};

/** `m gg n`, `gamma to infty`, `epsilon geq 6`: a relation between two symbols that lost its backslashes. */
export const lostBackslashRelation = replaceRepair(
  'lost-backslash',
  new RegExp(`(?<![\\w\\\\])([A-Za-z]|${GREEK_ALT}) (gg|ll|leq|geq|neq|to) (infty|[A-Za-z]|\\d+(?:\\.\\d+)?)(?![\\w])`, 'g'),
  (whole, left, relation, right) => {
    // `to` is English unless it points at infinity: "a to b" stays prose.
    if (relation === 'to' && right !== 'infty') return whole;
    return math(`${restoreBackslashes(left)} \\${relation} ${restoreBackslashes(right)}`);
  },
);

/** `O left( KT + (m+M)K right)`, `Omega left( mK + M right)`: a bound whose `\left`/`\right` lost their backslashes. */
export const lostBackslashDelimiters = replaceRepair(
  'lost-backslash',
  new RegExp(`(?<![\\w\\\\])(${GREEK_ALT}|[A-Z]) left\\(([^()]*(?:\\([^()]*\\)[^()]*)*) right\\)`, 'g'),
  (_, base, inner) => math(`${restoreBackslashes(base)}\\left(${inner} \\right)`),
);

/**
 * `L_2`, `T_1-weighted`, `n^{-2}-order`, `nu^1`, `C_Phi`, `C_{Phicirc Psi}`: a symbol with a
 * sub- or superscript in prose. The script must be digits, a braced group or a TeX name, so
 * `snake_case` and `a_b` stay text.
 */
export const scriptedSymbol = replaceRepair(
  'script',
  new RegExp(`(?<![\\w\\\\/.@#])(${GREEK_ALT}|ell|[A-Za-z])([_^])(\\{[^{}]{1,40}\\}|-?\\d+|(?:${GREEK_ALT})(?![A-Za-z]))(?![A-Za-z0-9])`, 'g'),
  (whole, base, script, value) => {
    if (value.startsWith('{') || /^-?\d+$/.test(value) || COMMAND_SET.has(value)) {
      const body = /^-?\d{2,}$|^-/.test(value) ? `{${value}}` : value;
      return math(restoreBackslashes(`${base}${script}${body}`));
    }
    return whole;
  },
);

/** Greek letters named in a formula, e.g. `\Phi` in `C_\Phi`. */
export function greekIn(tex: string): Set<string> {
  return new Set([...tex.matchAll(/\\([A-Za-z]+)/g)].map((match) => match[1]).filter((name) => GREEK.includes(name)));
}

/**
 * `classes Phi, Psi`: a Greek letter's name standing alone in prose is that letter only when
 * the same abstract already uses it in a formula; otherwise ("Phi Beta Kappa") it is a word.
 */
export function greekInContext(names: ReadonlySet<string>): Repair {
  const alternatives = [...names].sort((a, b) => b.length - a.length).join('|');
  if (alternatives === '') return { id: 'greek-in-context', apply: (text) => ({ text, count: 0 }) };
  return replaceRepair('greek-in-context', new RegExp(`(?<![\\w\\\\])(${alternatives})(?![\\w])`, 'g'), (name) => math(`\\${name}`));
}
