import { z } from 'zod';

/** One topic of `content/topics.yaml`, keyed there by its slug. */
export const TopicSchema = z.object({
  /** What readers see. */
  name: z.string().min(1),
  /** One line shown on the topic's page and the topics index. */
  description: z.string().min(1),
  /** Words and phrases that signal the topic, most telling first. */
  terms: z.array(z.string().min(1)),
  /** True for the one topic that takes papers no other topic matches. */
  catchAll: z.boolean().optional(),
});

/** Validated topic. */
export type Topic = z.infer<typeof TopicSchema>;
