/**
 * The atlas's options, read where they are written: the `atlas({ … })` call in astro.config.mjs.
 *
 * The site gets them from the integration (src/integrations/atlas.ts); the build's other
 * processes (the ingest, the search index, the offline worker) run outside Astro and read the
 * same call here: the file is parsed (magicast, which `astro add` uses too), not run, so reading
 * it costs milliseconds and starts nothing. So the options are written as plain values (text,
 * numbers, lists, objects). Both go through the one schema (src/schemas/atlas-config.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseModule } from 'magicast';
import type { z } from 'zod';
import { AtlasOptionsSchema, OPTION_EXAMPLES, type AtlasConfig } from '../schemas/atlas-config.ts';

export const CONFIG_FILE = 'astro.config.mjs';
/** The integration's name. */
export const INTEGRATION_NAME = 'abstract-atlas';

/** Environment variables that were the only way to set an option, and the option that replaces each. */
export const DEPRECATED_ENV: Readonly<Record<string, { path: [keyof AtlasConfig, string]; example: string }>> = {
  ATLAS_SEARCH_PART_MB: { path: ['search', 'partMB'], example: OPTION_EXAMPLES['search.partMB'] },
  ATLAS_SEARCH_RECENT_SHARE: { path: ['search', 'recentShare'], example: OPTION_EXAMPLES['search.recentShare'] },
  ATLAS_OFFLINE_MB: { path: ['offline', 'budgetMB'], example: OPTION_EXAMPLES['offline.budgetMB'] },
};

/** A wrong option: every problem found, each with where and how to fix it. */
export class AtlasConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`The atlas's options in ${CONFIG_FILE} are wrong:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'AtlasConfigError';
    this.problems = problems;
  }
}

/** What the ingest and the build steps get: the options, and notices to print (a deprecated variable in use). */
export interface ReadConfig {
  config: AtlasConfig;
  notices: string[];
}

export type Node = { type: string; loc?: { start: { line: number } }; [key: string]: unknown };
class NotPlain extends Error {}

/** A value written as a literal (no variables, no calls), with the line of each option in it. */
function plainValue(node: Node, path: string, lines: Map<string, number>): unknown {
  if (node.loc) lines.set(path, node.loc.start.line);
  switch (node.type) {
    case 'StringLiteral': case 'NumericLiteral': case 'BooleanLiteral': return node.value;
    case 'NullLiteral': return null;
    case 'TemplateLiteral': {
      if ((node.expressions as Node[]).length > 0) throw new NotPlain();
      return (node.quasis as { value: { cooked: string } }[])[0].value.cooked;
    }
    case 'UnaryExpression': {
      const value = plainValue(node.argument as Node, path, lines);
      if (node.operator === '-' && typeof value === 'number') return -value;
      throw new NotPlain();
    }
    case 'ArrayExpression': return (node.elements as Node[]).map((element, index) => plainValue(element, `${path}.${index}`, lines));
    case 'ObjectExpression': {
      const object: Record<string, unknown> = {};
      for (const property of node.properties as Node[]) {
        if (property.type !== 'ObjectProperty' || property.computed) throw new NotPlain();
        const key = property.key as Node;
        const name = key.type === 'Identifier' ? String(key.name) : key.type === 'StringLiteral' ? String(key.value) : undefined;
        if (name === undefined) throw new NotPlain();
        if (key.loc) lines.set(path ? `${path}.${name}` : name, key.loc.start.line);
        object[name] = plainValue(property.value as Node, path ? `${path}.${name}` : name, lines);
      }
      return object;
    }
    default: throw new NotPlain();
  }
}

/** The first `atlas(…)` call in a module's syntax tree (magicast's `$ast`): where the options are read, and written by `npm run new`. */
export function atlasCall(node: unknown): Node | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const current = node as Node;
  if (current.type === 'CallExpression' && (current.callee as Node).type === 'Identifier' && (current.callee as Node).name === 'atlas') return current;
  for (const [key, value] of Object.entries(current)) {
    if (key === 'loc' || key === 'start' || key === 'end' || key === 'comments' || key === 'leadingComments' || key === 'trailingComments') continue;
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      const found = atlasCall(child);
      if (found) return found;
    }
  }
  return undefined;
}

/** The options as written in the file, or `undefined` when they are computed (import the file then). */
export function writtenOptions(source: string): { options: unknown; lines: Map<string, number>; line?: number } | undefined {
  const module = parseModule(source);
  const call = atlasCall(module.$ast);
  const lines = new Map<string, number>();
  if (!call) return { options: undefined, lines };
  const [argument] = call.arguments as Node[];
  try {
    return { options: argument ? plainValue(argument, '', lines) : {}, lines, line: call.loc?.start.line };
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
}

/** One sentence per problem, at `astro.config.mjs:line`, with an example of a right value. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], lines: ReadonlyMap<string, number> = new Map(), callLine?: number): string[] {
  return issues.flatMap((issue) => {
    const path = issue.path.join('.');
    const at = (key: string) => `${CONFIG_FILE}${lines.has(key) ? `:${lines.get(key)}` : callLine ? `:${callLine}` : ''}`;
    if (issue.code === 'unrecognized_keys') {
      const parent = path ? `${path}.` : '';
      const known = Object.keys(OPTION_EXAMPLES).filter((key) => key.startsWith(parent) && !key.slice(parent.length).includes('.')).map((key) => key.slice(parent.length));
      return issue.keys.map((key) => `${at(`${parent}${key}`)}: atlas() has no option "${parent}${key}". Options${parent ? ` of ${path}` : ''}: ${known.join(', ')}.`);
    }
    const example = OPTION_EXAMPLES[path] ?? OPTION_EXAMPLES[String(issue.path[0])];
    return [`${at(path)}: atlas() option "${path || '(all)'}": ${issue.message}.${example ? ` For example: atlas({ ${example} })` : ''}`];
  });
}

/** Validate options as `atlas()` was given them: the config, or an AtlasConfigError saying what is wrong and where. */
export function resolveOptions(options: unknown, lines?: ReadonlyMap<string, number>, callLine?: number): AtlasConfig {
  const parsed = AtlasOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) throw new AtlasConfigError(describeIssues(parsed.error.issues, lines, callLine));
  return parsed.data;
}

/** The deprecated variables set in `env`, applied over the config, each with its notice. */
export function applyDeprecatedEnv(config: AtlasConfig, env: NodeJS.ProcessEnv = process.env): ReadConfig {
  const notices: string[] = [];
  const next = structuredClone(config);
  for (const [name, { path: [group, key], example }] of Object.entries(DEPRECATED_ENV)) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    const value = Number(text);
    const candidate = { ...next[group] as object, [key]: value };
    const checked = AtlasOptionsSchema.shape[group].safeParse(candidate);
    if (!checked.success) throw new AtlasConfigError([`${name}=${text}: ${checked.error.issues.map((issue) => issue.message).join('; ')}. Better: atlas({ ${example} }) in ${CONFIG_FILE}, and unset ${name}.`]);
    (next as Record<string, unknown>)[group] = checked.data;
    notices.push(`${name} is deprecated: write atlas({ ${example.replace(/\d+(\.\d+)?/, text)} }) in ${CONFIG_FILE} instead. The variable still wins for now.`);
  }
  return { config: next, notices };
}

/**
 * The atlas's options for a project (`root`), as the site sees them, with the deprecated
 * environment variables applied. A project without astro.config.mjs, or without an `atlas()`
 * call in it, gets the defaults.
 */
export function readAtlasConfig(root: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): ReadConfig {
  const file = join(root, CONFIG_FILE);
  if (!existsSync(file)) return applyDeprecatedEnv(resolveOptions({}), env);
  const written = writtenOptions(readFileSync(file, 'utf8'));
  if (!written) throw new AtlasConfigError([`${CONFIG_FILE}: write atlas()'s options as plain values (text, numbers, lists, objects), not variables or calls: the ingest reads them without running the file. For example: atlas({ ${OPTION_EXAMPLES.title} })`]);
  return applyDeprecatedEnv(resolveOptions(written.options, written.lines, written.line), env);
}
