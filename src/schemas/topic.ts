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
  /** True for a discovered topic that no longer has papers: its slug is kept so it is never given to another. */
  retired: z.boolean().optional(),
});

/** Validated topic. */
export type Topic = z.infer<typeof TopicSchema>;
