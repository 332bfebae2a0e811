/**
 * Take screenshots of a built site for a look before shipping.
 * Usage: node scripts/screenshot.ts [--out DIR] [--full] [path …]   (serves dist/ on 127.0.0.1)
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { serveStatic } from '../tests/helpers/serve.ts';

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 360, height: 780 },
];

async function run(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: 'screenshots' }, full: { type: 'boolean', default: false } } });
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  const server = await serveStatic(resolve('dist')); // 1. serve the built site
  const browser = await launchBrowser(); // 2. open Chromium
  const paths = positionals.length > 0 ? positionals : [''];
  for (const path of paths) {
    for (const viewport of VIEWPORTS) {
      for (const scheme of ['light', 'dark'] as const) {
        const page = await browser.newPage({ viewport, colorScheme: scheme });
        await page.goto(server.url + path.replace(/^\//, ''));
        await page.waitForLoadState('networkidle'); // the search page answers after it loads Pagefind
        await page.waitForTimeout(300);
        const name = `${(path || 'home').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}-${viewport.name}-${scheme}.png`;
        await page.screenshot({ path: join(out, name), fullPage: values.full });
        console.log(join(values.out, name)); // 3. one PNG per page, width and theme
        await page.close();
      }
    }
  }
  await browser.close();
  await server.close();
  return 0;
}

if (import.meta.main) run().then((code) => { process.exitCode = code; });
