/**
 * Build the Pagefind index over `dist/` through Pagefind's Node API.
 * Only paper articles (`data-pagefind-body`) are indexed. Each formula is indexed once, as
 * the text of its MathML: KaTeX's visual HTML and the MathML's TeX annotation are skipped
 * (otherwise excerpts read `PairBalance\textsf{PairBalance}`, `nn`, `mm`).
 * Usage: node scripts/index-search.ts [--site DIR]
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as pagefind from 'pagefind';

/** What the index leaves out of a paper page: the visual copy of each formula and its TeX source. */
export const EXCLUDED = ['.katex-html', '.katex-mathml annotation'];

/** Fail with the errors Pagefind reported, if any: Pagefind is trusted only when they are empty. */
function check(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n  ${errors.join('\n  ')}`);
}

/** Index the built site; returns the number of pages in the written index. */
export async function indexSite(site: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ excludeSelectors: EXCLUDED, forceLanguage: 'en' });
  check('start', errors);
  if (!index) throw new Error('Pagefind did not start');
  const added = await index.addDirectory({ path: site });
  check('indexing', added.errors);
  const output = join(site, 'pagefind');
  rmSync(output, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath: output });
  check('writing', written.errors);
  await pagefind.close();
  // The site has its own search page on Pagefind's JS API: its prebuilt UIs would only weigh on every deploy.
  for (const name of readdirSync(output)) if (/^pagefind-(ui|modular-ui|component-ui)\.(js|css)$/.test(name)) rmSync(join(output, name));
  const entry = JSON.parse(readFileSync(join(output, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

async function run(): Promise<number> {
  const { values } = parseArgs({ options: { site: { type: 'string', default: 'dist' } } });
  const site = resolve(values.site);
  const started = performance.now();
  const pages = await indexSite(site); // 1. index dist/ and write dist/pagefind/
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Search index: ${pages} pages indexed in ${seconds} s, written to ${join(values.site, 'pagefind')}/`); // 2. report
  if (pages === 0) {
    console.error('No page was indexed: is the site built (run `astro build` first) and do paper pages carry data-pagefind-body?');
    return 1;
  }
  return 0;
}

if (import.meta.main) {
  run().then(
    (code) => { process.exitCode = code; },
    (error: Error) => { console.error(error.message); process.exitCode = 1; },
  );
}
