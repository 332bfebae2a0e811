import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { TopicOverrideSchema, TopicSchema } from '../../src/schemas/topic.ts';
import type { TopicEntry } from './classify-topics.ts';
import { fail, warn } from './messages.ts';
import type { Message } from './types.ts';

/** An entry of content/topics.yaml that renames, describes, hides or merges a discovered topic. */
export interface TopicOverride {
  slug: string;
  file: string;
  line: number;
  name?: string;
  description?: string;
  hidden?: boolean;
  mergeInto?: string;
}

/**
 * Read `content/topics.yaml` (optional), in file order, each entry checked with its line: pinned
 * topics (entries with `terms`) and changes to discovered topics (entries without).
 */
export function readTopics(path: string, root: string): { topics: TopicEntry[]; overrides: TopicOverride[]; messages: Message[] } {
  const file = relative(root, path);
  // The file is optional: without it every topic is discovered from the collection.
  if (!existsSync(path)) return { topics: [], overrides: [], messages: [] };
  const text = readFileSync(path, 'utf8');
  const document = parseDocument(text, { prettyErrors: true });
  const messages: Message[] = [];
  const lineOf = (offset = 0) => text.slice(0, offset).split('\n').length;
  for (const error of document.errors) {
    messages.push(fail(file, error.linePos?.[0].line ?? 1, error.linePos?.[0].col ?? 1, `Invalid YAML: ${error.message.split('\n')[0]}`, 'invalid-topics'));
  }
  if (messages.length > 0 || !isMap(document.contents)) {
    if (messages.length === 0) messages.push(fail(file, 1, 1, 'Expected a map of topic slugs to { name, description, terms }', 'invalid-topics'));
    return { topics: [], overrides: [], messages };
  }
  const topics: TopicEntry[] = [];
  const overrides: TopicOverride[] = [];
  for (const pair of document.contents.items) {
    const slug = String((pair.key as { value?: unknown })?.value ?? pair.key);
    const line = lineOf((pair.key as { range?: number[] })?.range?.[0]);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
      messages.push(fail(file, line, 1, `Topic slug \`${slug}\` must be lower-case words joined by hyphens`, 'invalid-topics'));
      continue;
    }
    const value = (pair.value as { toJSON(): unknown } | null)?.toJSON();
    if (value && typeof value === 'object' && !('terms' in value)) {
      // No terms: a change to a discovered topic (rename, describe, hide, merge).
      const change = TopicOverrideSchema.safeParse(value);
      if (!change.success) {
        const issue = change.error.issues[0];
        const hint = issue.code === 'unrecognized_keys' ? ' (a pinned topic needs `terms`; a discovered one takes `name`, `description`, `hidden` or `mergeInto`)' : '';
        messages.push(fail(file, line, 1, `Topic \`${slug}\`: ${issue.path.join('.') || 'entry'} ${issue.message}${hint}`, 'invalid-topics'));
      } else overrides.push({ slug, file, line, ...change.data });
      continue;
    }
    const parsed = TopicSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      messages.push(fail(file, line, 1, `Topic \`${slug}\`: ${issue.path.join('.') || 'entry'} ${issue.message}`, 'invalid-topics'));
      continue;
    }
    topics.push({ slug, ...parsed.data });
  }
  const catchAlls = topics.filter((topic) => topic.catchAll);
  if (catchAlls.length > 1) messages.push(fail(file, 1, 1, `Only one topic may have \`catchAll: true\`; found ${catchAlls.map((topic) => topic.slug).join(', ')}`, 'invalid-topics'));
  return { topics, overrides, messages };
}
