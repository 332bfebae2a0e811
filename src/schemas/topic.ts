import { z } from 'zod';

/** One topic, pinned in `content/topics.yaml` or discovered, keyed by its slug (`content/topics.json` holds every one). */
export const TopicSchema = z.object({
  /** What readers see. */
  name: z.string().min(1),
  /** One line shown on the topic's page and the topics index. */
  description: z.string().min(1),
  /** Words and phrases that signal the topic, most telling first. */
  terms: z.array(z.string().min(1)),
  /** True for the one topic that takes papers no other topic matches (an older taxonomy's; discovered topics leave it empty). */
  catchAll: z.boolean().optional(),
  /** True for a topic found from the collection by the ingest (content/topics.json), not written in content/topics.yaml. */
  discovered: z.boolean().optional(),
  /** True for a topic that no longer has papers: its slug is kept so it is never given to another. */
  retired: z.boolean().optional(),
  /** A retired topic's successor: the topic most of its papers went to. Its pages and feed redirect there. */
  movedTo: z.string().optional(),
  /** How many pages a retired topic had (each one redirects). */
  pages: z.number().int().positive().optional(),
  /** The area (a group of related topics) it belongs to, when the collection has more than a dozen topics. */
  area: z.string().optional(),
  /** New papers that joined this topic though they fit it poorly, since the collection was last clustered. */
  poorFits: z.number().int().positive().optional(),
  /** A discovered topic's own name and description, when content/topics.yaml renames or describes it. */
  foundAs: z.object({ name: z.string(), description: z.string() }).optional(),
});

/**
 * An entry of content/topics.yaml without `terms`: changes to a discovered topic, named by its
 * slug (content/topics.json).
 */
export const TopicOverrideSchema = z.object({
  /** A new name for the discovered topic. */
  name: z.string().min(1).optional(),
  /** A new one-line description. */
  description: z.string().min(1).optional(),
  /** `true`: no paper goes to it any more; its papers join their neighbours' topics and its address redirects. */
  hidden: z.boolean().optional(),
  /** Another topic's slug: its papers go there and its address redirects. */
  mergeInto: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a topic slug').optional(),
}).strict();

/** Validated topic. */
export type Topic = z.infer<typeof TopicSchema>;
