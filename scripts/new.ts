/**
 * `npm run new -- --title "Pollination ecology" [--description "…"] [--yes]`: start an atlas of
 * your own from this one. It empties the example (its dumps, papers, listings, every registry the
 * ingest keeps, the caches and dist/), writes the title and description into `atlas({ … })` in
 * astro.config.mjs (through magicast, as `astro add` edits the file: nothing else in it changes),
 * and says what to do next. Dumps that are not the example's are never deleted unless `--yes`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { builders, generateCode, parseModule } from 'magicast';
import { atlasCall, CONFIG_FILE, type Node } from '../src/lib/atlas-config.ts';
import { AtlasOptionsSchema } from '../src/schemas/atlas-config.ts';

/** The example's dumps by their SHA-256: what `new` may delete without asking. */
const EXAMPLE_DUMPS = new Set([
  '49c35f528676514fb9b55df126c04ab47206f00320ee85e0c2d12f21d637b7c9', // seeds/000_d81bca234a2fd64b.txt
  '9567af999788a372777a23143e92a402529ecd254ec5b0870fe9e3247ff013f1', // seeds/001_f6a6a4f33e35549c.txt
  '1514d09c14fd4b3f30e7e6f6d5b7ec248f163b1595b8c8775fa474804c0e57fa', // seeds/002_b141c6d3bf51d3a8.txt
  '303de0de9ce5f3f97a10896991660daebc6a99fc250a8f2c3f72c35081a236b3', // seeds/003_bd86be415be21a61.txt
  'f4451e0ce782cef4142afddb6e5fa64bbde814429fda17ea6a0513de7c87e2f4', // seeds/sources.yaml
]);

/** What the ingest and the build keep about a collection, from the project root: all of it goes. */
const COLLECTION_STATE = [
  'content/papers', // the paper files
  'content/listings.json', // the listings
  'content/permalinks.json', // every paper slug ever published
  'content/topics.json', // every topic slug ever published
  'content/topics.yaml', // the example's pinned topics
  'content/map.json', // where each paper is on the map
  '.cache/atlas', // the atlas's state: the ingest's caches, the rendered abstracts, the search index's memo, the last build's record
  'node_modules/.astro', // Astro's own: its content store and incremental-build record
  'dist', // the built site
];

/** seeds/sources.yaml for a new atlas: the explanation, no source yet. */
const SOURCES_TEMPLATE = `# What each dump in this folder is. Optional: a dump not named here still builds,
# with its file name as its listing label and no capture date.
#
#   label:    how the listing is named on its page (/sources/<listing>/)
#   listing:  the URL slug of that page (defaults to the file name without its extension)
#   captured: the day the dump was copied (YYYY-MM-DD); dates in the dump that
#             lack a year ("Feb 10") resolve to the latest such day on or before it
#
# sources:
#   my-export.bib:
#     label: "My Zotero library, December 2026"
#     listing: zotero-2026-12
#     captured: 2026-12-05
sources: {}
`;

const USAGE = 'Usage: npm run new -- --title "Pollination ecology" [--description "Abstracts on plant–pollinator networks."] [--yes]';

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Files under a folder, as paths from `root`. */
function filesUnder(root: string, dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/** The name of an object property, when it is written plainly. */
function propertyName(property: Node): string | undefined {
  const key = property.key as Node | undefined;
  return key?.type === 'Identifier' ? String(key.name) : key?.type === 'StringLiteral' ? String(key.value) : undefined;
}

/**
 * Write title (and description) into the atlas() call of astro.config.mjs, found as the ingest finds
 * it (src/lib/atlas-config.ts), and drop the example's `bibFiles`; an error message when there is
 * no such call.
 */
export function setOptions(source: string, options: { title: string; description?: string }): string {
  const module = parseModule(source);
  const call = atlasCall(module.$ast);
  if (!call) throw new Error(`${CONFIG_FILE}: no atlas({ … }) call. Add \`atlas({ title: '…' })\` to \`integrations\` (import { atlas } from './src/integrations/atlas.ts').`);
  const args = call.arguments as Node[];
  if (args.length === 0) args.push(builders.raw('{}').$ast as Node);
  const object = args[0];
  if (object.type !== 'ObjectExpression') throw new Error(`${CONFIG_FILE}: atlas() takes its options as an object written in place, such as atlas({ title: '…' }).`);
  const properties = object.properties as Node[];
  const put = (name: string, value: string) => {
    const property = properties.find((candidate) => propertyName(candidate) === name) ?? (properties.push((builders.raw(`{ ${name}: '' }`).$ast as Node & { properties: Node[] }).properties[0]), properties.at(-1)!);
    property.value = builders.literal(value);
  };
  put('title', options.title);
  if (options.description !== undefined) put('description', options.description);
  object.properties = properties.filter((property) => propertyName(property) !== 'bibFiles'); // the example's per-paper .bib files: a new atlas writes none (README "Deploy")
  const code = generateCode(module).code;
  return code.endsWith('\n') ? code : `${code}\n`;
}

export function run(argv: string[] = process.argv.slice(2), root = process.cwd(), log: (line: string) => void = console.log): number {
  let values: { title?: string; description?: string; yes?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { title: { type: 'string' }, description: { type: 'string' }, yes: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // 1. Check what was asked before touching anything.
  const title = AtlasOptionsSchema.shape.title.safeParse(values.title);
  if (values.title === undefined || !title.success) {
    console.error(`${values.title === undefined ? 'Name your atlas with --title.' : `--title ${title.error?.issues[0]?.message}.`}\n${USAGE}`);
    return 1;
  }
  const description = values.description === undefined ? undefined : AtlasOptionsSchema.shape.description.safeParse(values.description);
  if (description && !description.success) {
    console.error(`--description ${description.error.issues[0]?.message}.\n${USAGE}`);
    return 1;
  }
  const dumps = filesUnder(root, 'seeds');
  const theirs = dumps.filter((file) => !EXAMPLE_DUMPS.has(digest(join(root, file))));
  if (theirs.length > 0 && !values.yes) {
    console.error(`seeds/ holds ${theirs.length} ${theirs.length === 1 ? 'file' : 'files'} that ${theirs.length === 1 ? 'is' : 'are'} not the example's:\n${theirs.map((file) => `  ${file}`).join('\n')}\n\`npm run new\` empties seeds/. Move ${theirs.length === 1 ? 'it' : 'them'} out first and copy ${theirs.length === 1 ? 'it' : 'them'} back after, or run it again with --yes to delete ${theirs.length === 1 ? 'it' : 'them'} too. Nothing was changed.`);
    return 1;
  }
  const configPath = join(root, CONFIG_FILE);
  let config: string;
  try {
    config = setOptions(readFileSync(configPath, 'utf8'), { title: title.data, description: description?.data });
  } catch (error) {
    console.error(`${(error as Error).message}\nNothing was changed.`);
    return 1;
  }
  // 2. Empty the example: its dumps, then everything kept about its papers.
  const papers = filesUnder(root, 'content/papers').filter((file) => file.endsWith('.mdx')).length;
  for (const file of dumps) rmSync(join(root, file));
  mkdirSync(join(root, 'seeds'), { recursive: true });
  writeFileSync(join(root, 'seeds', 'sources.yaml'), SOURCES_TEMPLATE);
  const removed = COLLECTION_STATE.filter((path) => existsSync(join(root, path)));
  for (const path of removed) rmSync(join(root, path), { recursive: true, force: true });
  // 3. Name it.
  writeFileSync(configPath, config);
  const kept = dumps.filter((file) => file !== join('seeds', 'sources.yaml')).length - theirs.length;
  log(`Started "${title.data}".`);
  log(`  Removed ${kept} example ${kept === 1 ? 'dump' : 'dumps'}${theirs.length > 0 ? ` and ${theirs.length} of yours (--yes)` : ''}, ${papers} paper files, and ${removed.filter((path) => !path.startsWith('content/papers')).join(', ')}.`);
  log(`  Wrote the title${description ? ' and description' : ''} into atlas({ … }) in ${CONFIG_FILE}; seeds/sources.yaml is an empty template.`);
  log('Next:');
  log('  1. Copy your dumps into seeds/: Hugging Face Daily Papers listings, "Abstract: …" lines, BibTeX (.bib),');
  log('     RIS (.ris), CSL-JSON (.json) or saved arXiv API answers (.xml). Name them in seeds/sources.yaml if you like.');
  log('  2. npm run build      # writes content/ and dist/; npm run preview serves it');
  log(`  3. Options (description, language, macros…) are in atlas({ … }) in ${CONFIG_FILE}; README "Configure your atlas".`);
  log('  4. Put it online: README "Deploy" (GitHub Pages with .github/workflows/deploy.yml, Netlify, Cloudflare Pages).');
  return 0;
}

if (import.meta.main) process.exitCode = run(process.argv.slice(2), resolve(process.cwd()));
