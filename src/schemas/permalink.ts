import { z } from 'zod';

/**
 * One slug ever published, in `content/permalinks.json` (keyed by slug). The ingest
 * reads it before it names papers and writes it back after, so a slug is never given
 * to another paper and an old URL always answers.
 */
export const PermalinkSchema = z.object({
  /** The paper's title when it was last published under this slug. */
  title: z.string().min(1),
  /** SHA-256 (first 16 hex digits) of the abstract's fingerprint: the paper's identity with the title. */
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  /** Primary topic when last published; a removed paper's page links it. */
  topic: z.string().min(1),
  /** Earlier slugs of the paper (after a title correction); each redirects here. */
  former: z.array(z.string().min(1)).optional(),
  /** True when no dump lists the paper any more: its URL shows a notice instead of a 404. */
  removed: z.literal(true).optional(),
});

/** The registry: slug → entry. */
export const PermalinksSchema = z.record(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), PermalinkSchema);

/** One registry entry. */
export type Permalink = z.infer<typeof PermalinkSchema>;
/** The whole registry. */
export type Permalinks = z.infer<typeof PermalinksSchema>;
