import { slugify } from './slugify.ts';
import type { PaperDraft } from './types.ts';

/** Give every paper a unique slug from its title, in reading order; a taken slug gets `-2`, `-3`, …. */
export function assignSlugs(papers: readonly PaperDraft[]): PaperDraft[] {
  const taken = new Set<string>();
  return papers.map((paper) => {
    const base = slugify(paper.primary.title);
    let slug = base;
    for (let suffix = 2; taken.has(slug); suffix += 1) slug = `${base}-${suffix}`;
    taken.add(slug);
    return { ...paper, slug };
  });
}
