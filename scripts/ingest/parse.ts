import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { decodeDump } from './decode-dump.ts';
import { fail, warn } from './messages.ts';
import { isAbstractLines, parseAbstractLines } from './parse-abstract-lines.ts';
import { isArxivAtom, parseArxivAtom } from './parse-arxiv-atom.ts';
import { isBibtex, parseBibtex } from './parse-bibtex.ts';
import { isCslJson, parseCslJson } from './parse-csl-json.ts';
import { isHfListing, parseHfListing } from './parse-hf-listing.ts';
import { isRis, parseRis } from './parse-ris.ts';
import type { Message, ParsedFile, SourceInfo } from './types.ts';

/**
 * Parsers in priority order; the first whose detector accepts a file's text parses it, whatever
 * the file is called. The structured formats come first: their detectors look for syntax
 * (a JSON array, an Atom feed, `TY  - `, `@article{`) that no copied listing starts with.
 */
const PARSERS = [
  { name: 'csl-json', detect: isCslJson, parse: parseCslJson },
  { name: 'arxiv-atom', detect: isArxivAtom, parse: parseArxivAtom },
  { name: 'ris', detect: isRis, parse: parseRis },
  { name: 'bibtex', detect: isBibtex, parse: parseBibtex },
  { name: 'abstract-lines', detect: isAbstractLines, parse: parseAbstractLines },
  { name: 'hf-listing', detect: isHfListing, parse: parseHfListing },
];

/** Everything read from the seeds folder. */
export interface ParseResult {
  files: ParsedFile[];
  sources: Map<string, SourceInfo>;
  messages: Message[];
}

/** Pick the parser for one dump and run it; an unrecognised file becomes one error naming it. */
export function parseDump(file: string, text: string): ParsedFile {
  const parser = PARSERS.find((candidate) => candidate.detect(text));
  if (parser) return parser.parse(file, text);
  return {
    file,
    format: 'unknown',
    records: [],
    rejected: 0,
    messages: [
      fail(
        file, 1, 1,
        'No reader recognises this file. Expected `Abstract: …` lines, a copied Hugging Face papers listing, BibTeX, RIS, CSL-JSON or a saved arXiv API response (see "Add your own dumps" in the README); fix or move the file',
        'unknown-format',
      ),
    ],
  };
}

/** Decode one dump's bytes and parse its text; an empty or binary file is reported, with no records. */
export function readDump(file: string, bytes: Uint8Array): ParsedFile {
  const decoded = decodeDump(file, bytes);
  if (decoded.kind !== 'text') return { file, format: decoded.kind, records: [], rejected: 0, messages: decoded.messages };
  const parsed = parseDump(file, decoded.text);
  return { ...parsed, encoding: decoded.encoding, messages: [...decoded.messages, ...parsed.messages] };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Read `sources.yaml` into per-file source info, defaulting what it leaves out. */
export function readSources(file: string, text: string, dumpNames: readonly string[]): { sources: Map<string, SourceInfo>; messages: Message[] } {
  const messages: Message[] = [];
  const sources = new Map<string, SourceInfo>();
  let declared: Record<string, { label?: unknown; listing?: unknown; captured?: unknown }> = {};
  if (text !== '') {
    try {
      const data = parseYaml(text, { prettyErrors: true }) as { sources?: typeof declared } | null;
      declared = data?.sources ?? {};
    } catch (error) {
      const position = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
      messages.push(fail(file, position?.line ?? 1, position?.col ?? 1, `Invalid YAML: ${(error as Error).message.split('\n')[0]}`, 'invalid-sources'));
    }
  }
  for (const name of Object.keys(declared)) {
    if (!dumpNames.includes(name)) {
      messages.push(warn(file, 1, 1, `\`${name}\` is described here but there is no such dump next to this file`, 'unknown-source'));
    }
  }
  for (const name of dumpNames) {
    const entry = declared[name] ?? {};
    const stem = listingStem(name, dumpNames);
    const captured = entry.captured instanceof Date ? entry.captured.toISOString().slice(0, 10) : entry.captured;
    if (captured !== undefined && !(typeof captured === 'string' && ISO_DAY.test(captured))) {
      messages.push(warn(file, 1, 1, `\`captured\` of \`${name}\` must be a day as YYYY-MM-DD`, 'invalid-sources'));
    }
    sources.set(name, {
      name,
      label: typeof entry.label === 'string' && entry.label.trim() !== '' ? entry.label.trim() : stem,
      listing: slugifyListing(typeof entry.listing === 'string' ? entry.listing : stem),
      captured: typeof captured === 'string' && ISO_DAY.test(captured) ? captured : undefined,
    });
  }
  return { sources, messages };
}

/**
 * The default listing name of a dump: its file name without the extension (`003_….txt` →
 * `003_…`), unless another dump has the same stem (`refs.bib` beside `refs.ris`); then the
 * extension stays, so two files never share one listing page.
 */
export function listingStem(name: string, dumpNames: readonly string[]): string {
  const stem = (file: string) => file.replace(/\.[^.]*$/, '');
  const own = stem(name);
  const shared = dumpNames.some((other) => other !== name && stem(other) === own);
  return shared && !/\.txt$/i.test(name) ? name : own;
}

function slugifyListing(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'listing';
}

/** Files of the seeds folder that are never dumps: `sources.yaml` and hidden files (`.DS_Store`, `.gitkeep`). */
export function isDump(seedsDir: string, name: string): boolean {
  if (name.startsWith('.') || name === 'sources.yaml') return false;
  return statSync(join(seedsDir, name)).isFile();
}

/**
 * Read every file of a folder as a dump (sorted by name, so runs are stable) and `sources.yaml`.
 * Each file's reader is chosen by its content; a file no reader recognises is reported by name.
 * Paths are named from the folder's parent (`seeds/003_….txt`), whatever the working directory.
 */
export function parseSeeds(
  seedsDir: string,
  options: {
    progress?: (done: number, total: number) => void;
    /** How one dump is read (the ingest reads through its cache); by default, readDump. */
    read?: (file: string, bytes: Uint8Array, source: SourceInfo) => ParsedFile;
  } = {},
): ParseResult {
  const { progress = () => {}, read = (file: string, bytes: Uint8Array) => readDump(file, bytes) } = options;
  const root = dirname(seedsDir);
  if (!existsSync(seedsDir)) {
    return { files: [], sources: new Map(), messages: [fail(relative(root, seedsDir) || seedsDir, 1, 1, 'Seeds folder not found; create it and put your dumps in it', 'missing-seeds')] };
  }
  const names = readdirSync(seedsDir).filter((name) => isDump(seedsDir, name)).sort();
  const sourcesPath = join(seedsDir, 'sources.yaml');
  const sourcesText = existsSync(sourcesPath) ? readFileSync(sourcesPath, 'utf8') : '';
  const { sources, messages } = readSources(relative(root, sourcesPath), sourcesText, names);
  const files = names.map((name, index) => {
    const file = read(relative(root, join(seedsDir, name)), readFileSync(join(seedsDir, name)), sources.get(name)!);
    progress(index + 1, names.length);
    return file;
  });
  for (const file of files) messages.push(...file.messages);
  if (names.length === 0) messages.push(warn(relative(root, seedsDir), 1, 1, 'No dumps found in the seeds folder', 'no-dumps'));
  return { files, sources, messages: messages.concat() };
}
