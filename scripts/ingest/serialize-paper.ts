import { join } from 'node:path';
import type { Root } from 'mdast';
import { mathToMarkdown } from 'mdast-util-math';
import { mdxToMarkdown } from 'mdast-util-mdx';
import { toMarkdown, type Unsafe } from 'mdast-util-to-markdown';
import { stringify } from 'yaml';
import { PaperSchema, type Paper } from '../../src/schemas/paper.ts';
import { SerializeCache, type PaperFile } from './serialize-cache.ts';
import { saltOf } from '../build/memo.ts';
import { INGEST_CODE } from '../build/inputs.ts';
import type { Bibliographic, PaperDraft } from './types.ts';

/**
 * MDX reads a paragraph that starts with `import ` or `export ` as JavaScript. The MDX
 * extension does not escape that, so the first letter is written as a character reference.
 */
const ESM_UNSAFE: Unsafe[] = [
  { character: 'i', atBreak: true, after: 'mport\\b' },
  { character: 'e', atBreak: true, after: 'xport\\b' },
];

/** Serialise an abstract's mdast as MDX: every character of the text stays text. */
export function toMdx(body: Root): string {
  return toMarkdown(body, {
    // Links are always `[text](url)`: MDX has no `<url>` autolinks (it would read a tag).
    resourceLink: true,
    extensions: [mdxToMarkdown(), mathToMarkdown({ singleDollarTextMath: true }), { unsafe: ESM_UNSAFE }],
  });
}

/** The first value of a field over a paper's records, so a merged listing can fill a gap. */
function firstDefined<K extends 'published' | 'publishedLabel'>(paper: PaperDraft, key: K) {
  return paper.records.find((record) => record[key] !== undefined)?.[key];
}

function firstRaw<K extends 'authorsCount' | 'organization' | 'upvotes'>(paper: PaperDraft, key: K) {
  return paper.records.find((record) => record.raw[key] !== undefined)?.raw[key];
}

/** A bibliographic field from the first record (in reading order) that has it: a listing merged with a bibliography gains its names and links. */
function firstBibliographic<K extends keyof Bibliographic>(paper: PaperDraft, key: K, present: (value: NonNullable<Bibliographic[K]>) => boolean = () => true): Bibliographic[K] | undefined {
  for (const record of paper.records) {
    const value = record.raw.bibliographic?.[key];
    if (value !== undefined && present(value as NonNullable<Bibliographic[K]>)) return value;
  }
  return undefined;
}

const nonEmpty = (value: readonly unknown[]) => value.length > 0;

/** The frontmatter of a paper, validated against the shared schema. */
export function toFrontmatter(paper: PaperDraft): Paper {
  const authors = firstBibliographic(paper, 'authors', nonEmpty);
  const venue = firstBibliographic(paper, 'venue');
  const data: Record<string, unknown> = {
    title: paper.primary.title,
    titleMarkup: paper.primary.titlePhrasing ? toMdx({ type: 'root', children: [{ type: 'paragraph', children: paper.primary.titlePhrasing }] }).trim() : undefined,
    titleDerived: paper.primary.titleDerived,
    published: firstDefined(paper, 'published'),
    publishedLabel: firstDefined(paper, 'publishedLabel'),
    year: paper.records.find((record) => record.year !== undefined)?.year,
    authors,
    doi: firstBibliographic(paper, 'doi'),
    arxiv: firstBibliographic(paper, 'arxiv'),
    url: firstBibliographic(paper, 'url'),
    venue,
    venueType: venue === undefined ? undefined : paper.records.find((record) => record.raw.bibliographic?.venue === venue)?.raw.bibliographic?.venueType,
    keywords: firstBibliographic(paper, 'keywords', nonEmpty),
    subjects: firstBibliographic(paper, 'subjects', nonEmpty),
    authorsCount: authors ? undefined : firstRaw(paper, 'authorsCount'),
    organization: firstRaw(paper, 'organization'),
    upvotes: firstRaw(paper, 'upvotes'),
    topics: paper.topics,
    related: paper.related,
    sources: paper.records.map((record) => ({ file: record.raw.file, line: record.raw.line, listing: record.listing })),
    aliases: paper.aliases.length > 0 ? paper.aliases : undefined,
  };
  for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
  return PaperSchema.parse(data);
}

/** The whole `.mdx` file of a paper: YAML frontmatter, then the abstract. */
export function serializePaper(paper: PaperDraft): string {
  return writeMdx(toFrontmatter(paper), paper.primary.body);
}

/** A paper's `.mdx` file for the write stage: written out only when the cache does not know it (see SerializeCache). */
export function paperFile(paper: PaperDraft, cache: SerializeCache): PaperFile {
  const frontmatter = toFrontmatter(paper);
  return cache.file(`${paper.slug}.mdx`, frontmatter, paper.primary.body, () => writeMdx(frontmatter, paper.primary.body));
}

function writeMdx(frontmatter: Paper, body: Root): string {
  return `---\n${stringify(frontmatter, { lineWidth: 0 })}---\n\n${toMdx(body)}`;
}

/** The cache of written papers, keyed also by the code and dependencies that write them. */
export function openSerializeCache(file: string): SerializeCache {
  return new SerializeCache(file, saltOf(join(import.meta.dirname, '..', '..'), INGEST_CODE));
}
