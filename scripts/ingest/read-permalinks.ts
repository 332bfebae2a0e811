import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PermalinksSchema, type Permalinks } from '../../src/schemas/permalink.ts';
import { fail } from './messages.ts';
import type { Message } from './types.ts';

/** What the ingest knows of slugs published before this run. */
export interface PermalinkRead {
  registry: Permalinks;
  /** False when the file exists but cannot be trusted: the ingest must then write nothing. */
  ok: boolean;
  messages: Message[];
}

/** Read `content/permalinks.json`; a missing file is an empty registry (a new site). */
export function readPermalinks(path: string, root: string): PermalinkRead {
  const file = relative(root, path);
  if (!existsSync(path)) return { registry: {}, ok: true, messages: [] };
  const text = readFileSync(path, 'utf8');
  const hint = 'Fix it (git can restore it: `git checkout -- ' + file + '`); the ingest writes nothing until it reads, because published URLs depend on it';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /line (\d+) column (\d+)/.exec(message);
    const line = position ? Number(position[1]) : 1;
    const column = position ? Number(position[2]) : 1;
    return { registry: {}, ok: false, messages: [fail(file, line, column, `Invalid JSON (${message.replace(/ in JSON.*$/, '')}). ${hint}`, 'invalid-permalinks')] };
  }
  const parsed = PermalinksSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // The line of the entry's key, or of the offending field inside it.
    const [slug, field] = issue.path.map(String);
    let index = slug ? text.indexOf(`${JSON.stringify(slug)}:`) : -1;
    if (index >= 0 && field) {
      const inEntry = text.indexOf(`${JSON.stringify(field)}:`, index);
      if (inEntry >= 0) index = inEntry;
    }
    const line = index >= 0 ? text.slice(0, index).split('\n').length : 1;
    const where = issue.path.length > 0 ? `\`${issue.path.join('.')}\`` : 'the file';
    return { registry: {}, ok: false, messages: [fail(file, line, 1, `Invalid entry: ${where} ${issue.message}. ${hint}`, 'invalid-permalinks')] };
  }
  return { registry: parsed.data, ok: true, messages: [] };
}
