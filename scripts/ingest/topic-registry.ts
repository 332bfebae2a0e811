/**
 * `content/topics.json`: every topic the site shows, written by the ingest (pinned topics from
 * content/topics.yaml, then discovered ones), and the registry of every discovered topic ever
 * published, so that a topic's slug never changes hands: a discovered topic that no longer has
 * papers stays, marked `retired`, and its address keeps answering (redirecting to `movedTo`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { TopicSchema } from '../../src/schemas/topic.ts';
import type { TopicEntry } from './classify-topics.ts';

const RegistrySchema = z.record(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), TopicSchema);

/** The topics the last run published; none when the file is missing or unreadable (the topics are then found afresh). */
export function readPublishedTopics(path: string): TopicEntry[] {
  if (!existsSync(path)) return [];
  try {
    const parsed = RegistrySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? Object.entries(parsed.data).map(([slug, topic]) => ({ slug, ...topic })) : [];
  } catch {
    return [];
  }
}

/** The file's text: this run's topics in order, then the topics published before that have no paper now, retired (assign-topics.ts). */
export function serializeTopics(topics: readonly TopicEntry[], retired: readonly TopicEntry[]): string {
  const data: Record<string, Omit<TopicEntry, 'slug'>> = {};
  for (const { slug, ...topic } of topics) {
    const { retired: _retired, movedTo: _movedTo, pages: _pages, ...live } = topic;
    data[slug] = live;
  }
  for (const { slug, ...topic } of [...retired].sort((a, b) => (a.slug < b.slug ? -1 : 1))) if (!(slug in data)) data[slug] = { ...topic, retired: true };
  return `${JSON.stringify(data, null, 2)}\n`;
}
