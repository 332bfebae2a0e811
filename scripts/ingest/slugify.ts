import anyAscii from 'any-ascii';

/** Longest slug, in characters; longer titles are cut on a word. */
export const SLUG_MAX = 80;

/** Words of an abstract that name a paper whose title has no letters. */
const ABSTRACT_WORDS = 8;

/** Scripts written without spaces between words, whose characters each become a word. */
const SYLLABIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * ASCII for a run of non-ASCII characters. Accented Latin loses its accents (é → e), as it
 * always has, so existing slugs stay what they were; anything else goes through any-ascii
 * (Обучение → Obuchenie, ß → ss). any-ascii spells each CJK character as a capitalised
 * syllable (基于 → JiYu), which reads better as words (ji-yu).
 */
function transliterate(run: string): string {
  const stripped = run.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  if (/^[\x00-\x7F]*$/.test(stripped)) return stripped;
  if (!/[\p{L}\p{N}]/u.test(run)) return ' ';
  const ascii = anyAscii(run);
  return SYLLABIC.test(run) ? ` ${ascii.replace(/([a-z])(?=[A-Z])/g, '$1 ')} ` : ascii;
}

/**
 * A readable URL slug from a title: ASCII letters and digits joined by hyphens. Accents are
 * dropped (é → e) and other scripts are transliterated (Обучение → obuchenie, 基于 → ji-yu),
 * so a slug stays plain ASCII that every chat, slide and reference manager keeps intact.
 * Empty when the title has no letters or digits at all.
 */
export function slugify(title: string): string {
  const words = title
    .normalize('NFC')
    .replace(/[^\x00-\x7F]+/g, transliterate)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > SLUG_MAX) break;
    slug = next;
  }
  return slug || words[0]?.slice(0, SLUG_MAX) || '';
}

/** The slug a new paper asks for: from its title, else from its abstract's first words, else `paper`. */
export function wantedSlug(title: string, abstract: string): string {
  return slugify(title) || slugify(abstract.split(/\s+/).slice(0, ABSTRACT_WORDS).join(' ')) || 'paper';
}
