import { createHash } from 'node:crypto';
import type { Permalink, Permalinks } from '../../src/schemas/permalink.ts';
import { abstractFingerprint } from './dedupe.ts';
import { slugify, wantedSlug } from './slugify.ts';
import type { PaperDraft } from './types.ts';

/** The identity digest the registry keeps for an abstract (64 bits of SHA-256 of its fingerprint). */
export function abstractDigest(abstractText: string): string {
  return createHash('sha256').update(abstractFingerprint(abstractText)).digest('hex').slice(0, 16);
}

/** A slug that moved because its paper's title was corrected. */
export interface SlugMove {
  from: string;
  to: string;
  title: string;
}

/** A registry entry whose paper no dump lists any more; its URL keeps a notice. */
export interface RemovedPaper extends Permalink {
  slug: string;
}

/** What naming the papers did, for the report and the registry. */
export interface SlugResult {
  /** The papers with `slug` and `aliases` set, in the order given. */
  papers: PaperDraft[];
  /** Slugs published for the first time. */
  added: string[];
  moved: SlugMove[];
  /** Papers in the registry that no dump lists now (newly removed and removed before). */
  removed: RemovedPaper[];
  /** Of `removed`, those that were live before this run. */
  newlyRemoved: string[];
}

interface Claim {
  paper: PaperDraft;
  digest: string;
  /** The title as a slug (empty for a title without letters): what says whether a title changed. */
  key: string;
  /** The slug a new paper gets (its key, or words of its abstract), before any `-2`. */
  wanted: string;
  entry?: { slug: string; value: Permalink };
}

function byWantedThenDigest(a: Claim, b: Claim): number {
  if (a.wanted !== b.wanted) return a.wanted < b.wanted ? -1 : 1;
  return a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0;
}

/**
 * Give every paper its permanent slug. A paper already in the registry (same abstract,
 * or — when its abstract was corrected — the only paper with its title) keeps its slug;
 * if its title changed enough to change the slug, it gets a new one and the old one
 * becomes an alias. New papers get a readable slug from their title, suffixed `-2`, `-3`…
 * past every slug ever published. New slugs are handed out in slug-then-digest order, so
 * the order and names of the dumps never matter.
 */
export function assignSlugs(drafts: readonly PaperDraft[], registry: Permalinks = {}): SlugResult {
  const entries = Object.entries(registry);
  const taken = new Set<string>();
  const byDigest = new Map<string, string>();
  const liveByTitle = new Map<string, string[]>();
  for (const [slug, entry] of entries) {
    taken.add(slug);
    for (const former of entry.former ?? []) taken.add(former);
    if (!byDigest.has(entry.fingerprint)) byDigest.set(entry.fingerprint, slug);
    const key = slugify(entry.title);
    if (!entry.removed && key !== '') {
      liveByTitle.set(key, [...(liveByTitle.get(key) ?? []), slug]);
    }
  }
  const claimed = new Set<string>();
  const claims: Claim[] = drafts.map((paper) => {
    const digest = abstractDigest(paper.primary.abstractText);
    return { paper, digest, key: slugify(paper.primary.title), wanted: wantedSlug(paper.primary.title, paper.primary.abstractText) };
  });
  // 1. The same abstract: the same paper.
  for (const claim of claims) {
    const slug = byDigest.get(claim.digest);
    if (slug !== undefined && !claimed.has(slug)) {
      claim.entry = { slug, value: registry[slug] };
      claimed.add(slug);
    }
  }
  // 2. An abstract corrected under an unchanged title: only when exactly one paper and one live entry share it.
  const open = claims.filter((claim) => !claim.entry);
  const openByTitle = new Map<string, Claim[]>();
  for (const claim of open) if (claim.key !== '') openByTitle.set(claim.key, [...(openByTitle.get(claim.key) ?? []), claim]);
  for (const [title, group] of openByTitle) {
    const candidates = (liveByTitle.get(title) ?? []).filter((slug) => !claimed.has(slug));
    if (group.length === 1 && candidates.length === 1) {
      group[0].entry = { slug: candidates[0], value: registry[candidates[0]] };
      claimed.add(candidates[0]);
    }
  }
  const fresh = (wanted: string): string => {
    let slug = wanted;
    for (let suffix = 2; taken.has(slug); suffix += 1) slug = `${wanted}-${suffix}`;
    taken.add(slug);
    return slug;
  };
  const slugs = new Map<Claim, { slug: string; aliases: string[] }>();
  const added: string[] = [];
  const moved: SlugMove[] = [];
  // 3. Kept slugs; a title corrected so that its slug changes moves, keeping the old one as an alias.
  const retitled: Claim[] = [];
  for (const claim of claims) {
    if (!claim.entry) continue;
    const { slug, value } = claim.entry;
    // A derived title is the ingest's own wording, not a correction: a better rule never moves a published slug.
    if (claim.paper.primary.titleDerived || slugify(value.title) === claim.key) slugs.set(claim, { slug, aliases: value.former ?? [] });
    else retitled.push(claim);
  }
  for (const claim of retitled.sort(byWantedThenDigest)) {
    const { slug, value } = claim.entry!;
    const former = [...(value.former ?? []), slug];
    // A title changed back takes its earlier slug back.
    const earlier = former.find((candidate) => candidate === claim.wanted || (candidate.startsWith(`${claim.wanted}-`) && /^\d+$/.test(candidate.slice(claim.wanted.length + 1))));
    const next = earlier ?? fresh(claim.wanted);
    slugs.set(claim, { slug: next, aliases: former.filter((candidate) => candidate !== next).sort() });
    moved.push({ from: slug, to: next, title: claim.paper.primary.title });
  }
  // 4. New papers.
  for (const claim of claims.filter((candidate) => !candidate.entry).sort(byWantedThenDigest)) {
    const slug = fresh(claim.wanted);
    slugs.set(claim, { slug, aliases: [] });
    added.push(slug);
  }
  const removed: RemovedPaper[] = [];
  const newlyRemoved: string[] = [];
  for (const [slug, entry] of entries) {
    if (claimed.has(slug)) continue;
    removed.push({ ...entry, slug, removed: true });
    if (!entry.removed) newlyRemoved.push(slug);
  }
  return {
    papers: claims.map((claim) => ({ ...claim.paper, ...slugs.get(claim)! })),
    added: added.sort(),
    moved,
    removed,
    newlyRemoved,
  };
}

/** The registry after this run: every live paper and every slug ever published, sorted by slug. */
export function updatedRegistry(papers: readonly PaperDraft[], removed: readonly RemovedPaper[]): Permalinks {
  const registry: Permalinks = {};
  const rows: [string, Permalink][] = [
    ...papers.map((paper): [string, Permalink] => [paper.slug, {
      title: paper.primary.title,
      fingerprint: abstractDigest(paper.primary.abstractText),
      topic: paper.topics[0] ?? 'other',
      ...(paper.aliases.length > 0 ? { former: paper.aliases } : {}),
    }]),
    ...removed.map(({ slug, ...entry }): [string, Permalink] => [slug, entry]),
  ];
  for (const [slug, entry] of rows.sort(([a], [b]) => (a < b ? -1 : 1))) registry[slug] = entry;
  return registry;
}

/** The registry file's text: one entry per slug, stable key order, so diffs stay small. */
export function serializePermalinks(registry: Permalinks): string {
  return `${JSON.stringify(registry, null, 2)}\n`;
}
