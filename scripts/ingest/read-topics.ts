import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { TopicSchema } from '../../src/schemas/topic.ts';
import type { TopicEntry } from './classify-topics.ts';
import { fail, warn } from './messages.ts';
import type { Message } from './types.ts';

/** Read the pinned topics from `content/topics.yaml` (optional), in file order, each entry checked with its line. */
export function readTopics(path: string, root: string): { topics: TopicEntry[]; messages: Message[] } {
  const file = relative(root, path);
  // The file is optional: without it every topic is discovered from the collection.
  if (!existsSync(path)) return { topics: [], messages: [] };
  const text = readFileSync(path, 'utf8');
  const document = parseDocument(text, { prettyErrors: true });
  const messages: Message[] = [];
  const lineOf = (offset = 0) => text.slice(0, offset).split('\n').length;
  for (const error of document.errors) {
    messages.push(fail(file, error.linePos?.[0].line ?? 1, error.linePos?.[0].col ?? 1, `Invalid YAML: ${error.message.split('\n')[0]}`, 'invalid-topics'));
  }
  if (messages.length > 0 || !isMap(document.contents)) {
    if (messages.length === 0) messages.push(fail(file, 1, 1, 'Expected a map of topic slugs to { name, description, terms }', 'invalid-topics'));
    return { topics: [], messages };
  }
  const topics: TopicEntry[] = [];
  for (const pair of document.contents.items) {
    const slug = String((pair.key as { value?: unknown })?.value ?? pair.key);
    const line = lineOf((pair.key as { range?: number[] })?.range?.[0]);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
      messages.push(fail(file, line, 1, `Topic slug \`${slug}\` must be lower-case words joined by hyphens`, 'invalid-topics'));
      continue;
    }
    const parsed = TopicSchema.safeParse((pair.value as { toJSON(): unknown } | null)?.toJSON());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      messages.push(fail(file, line, 1, `Topic \`${slug}\`: ${issue.path.join('.') || 'entry'} ${issue.message}`, 'invalid-topics'));
      continue;
    }
    topics.push({ slug, ...parsed.data });
  }
  const catchAlls = topics.filter((topic) => topic.catchAll);
  if (catchAlls.length > 1) messages.push(fail(file, 1, 1, `Only one topic may have \`catchAll: true\`; found ${catchAlls.map((topic) => topic.slug).join(', ')}`, 'invalid-topics'));
  return { topics, messages };
}
