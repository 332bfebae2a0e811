import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { ViteDevServer } from 'vite';
import { papersLoads } from '../loaders/load-count.ts';
import { CONTENT_CHANGED_EVENT, PAGE_ENVIRONMENTS } from './astro-internals.ts';

/** Wait this long after the last change before running the ingest: an editor's save is often several writes. */
const SETTLE_MS = 300;
/** How often and how long the loop asks Astro again to reload the content, when it skipped a reload. */
const RELOAD_RETRY_MS = 250;
const RELOAD_TRIES = 120;
/** How long, at most, the loop waits for the pages being answered while the content reloaded. */
const PAGES_DONE_MS = 15_000;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * The author loop of `npm run dev`: when a dump in seeds/ (or seeds/sources.yaml) or
 * content/topics.yaml is added, changed or deleted, the ingest runs again (scripts/ingest.ts)
 * and the papers collection is reloaded, so the pages show the change. The ingest's warnings
 * are printed with their `file:line`.
 *
 * Search in dev: the search index is built by `npm run build`, not by the dev server, so
 * `/pagefind/` is served from the last build's dist/pagefind/ (papers added since are not in
 * it); with no build yet, the search page says to run `npm run build`.
 */
export function devIngest(): AstroIntegration {
  let root = '';
  let base = '/';
  return {
    name: 'abstract-atlas:dev-ingest',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:server:setup': ({ server, logger, refreshContent }) => {
        const seeds = join(root, 'seeds');
        const topics = join(root, 'content', 'topics.yaml');
        const watched = (file: string) => (file.startsWith(`${seeds}${sep}`) && !relative(seeds, file).split(sep).some((part) => part.startsWith('.'))) || file === topics;
        server.watcher.add([seeds, topics]);
        let timer: NodeJS.Timeout | undefined;
        let running: Promise<void> | undefined;
        let again = false;
        const changed = new Set<string>();
        const run = async () => {
          if (running) {
            again = true;
            return;
          }
          const files = [...changed].map((file) => relative(root, file));
          changed.clear();
          running = (async () => {
            logger.info(`${files.join(', ')} changed: running the ingest…`);
            const ok = await runIngest(root, logger);
            if (ok && refreshContent) {
              // Every collection: the papers, and the listings, permalinks and topics the ingest may have rewritten.
              let reloaded = false;
              try {
                reloaded = await reloadContent(refreshContent);
              } catch (error) {
                // A loader failed: the loop must go on for the next save (the pages keep the last content).
                logger.error(`The pages were not updated: ${(error as Error).message}`);
                return;
              }
              if (!reloaded) {
                logger.warn('The pages were not updated: Astro was still reloading its content configuration. Save the file again, or restart `npm run dev`.');
                return;
              }
              // Astro empties its cache of pages' paths when the store changes, but a page being answered
              // then may put paths worked out from the old content back in it once it is done: the new
              // papers would not show until the next change. Empty it again when those pages are done.
              // (A request that never ends, such as a stream, is waited for at most PAGES_DONE_MS.)
              await Promise.race([answering.settled(), delay(PAGES_DONE_MS, undefined, { ref: false })]);
              forgetPagePaths(server);
              logger.info('Pages updated.');
            }
          })();
          await running;
          running = undefined;
          if (again) {
            again = false;
            await run();
          }
        };
        const onChange = (file: string) => {
          if (!watched(resolve(file))) return;
          changed.add(resolve(file));
          clearTimeout(timer);
          timer = setTimeout(() => void run(), SETTLE_MS);
        };
        server.watcher.on('add', onChange);
        server.watcher.on('change', onChange);
        server.watcher.on('unlink', onChange);

        // The last build's search index, at the address the search page asks.
        const pagefind = join(root, 'dist', 'pagefind');
        const prefix = `${base}pagefind/`;
        const answering = new InFlight();
        server.middlewares.use((request, response, next) => {
          response.once('close', answering.start());
          const path = decodeURIComponent((request.url ?? '').split('?')[0]);
          if (!path.startsWith(prefix)) return next();
          const file = resolve(pagefind, path.slice(prefix.length));
          if (!file.startsWith(`${pagefind}${sep}`) || !existsSync(file) || !statSync(file).isFile()) {
            response.statusCode = 404;
            response.setHeader('Content-Type', 'text/plain; charset=utf-8');
            response.end(existsSync(pagefind) ? 'Not in the last build\'s search index.' : 'No search index yet: search needs `npm run build` once; the dev server then uses that index.');
            return;
          }
          response.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
          response.setHeader('Cache-Control', 'no-cache');
          createReadStream(file).pipe(response);
        });
        if (!existsSync(pagefind)) logger.info('Search needs a search index, which `npm run build` makes: until then the search page says so.');
        if (!existsSync(join(root, 'content', 'papers')) || readdirSync(join(root, 'content', 'papers')).length === 0) {
          changed.add(seeds);
          void run();
        }
      },
    },
  };
}

/**
 * Reload every collection; false when Astro would not. Astro's `refreshContent()` returns at once,
 * without reloading, while it reloads its content configuration, which it does whenever a .json,
 * .yaml or .md file it watches is saved: the ingest's own content/*.json are. So the reload is
 * asked again until the papers loader has run (src/loaders/load-count.ts), for up to 30 s.
 */
async function reloadContent(refreshContent: (options: object) => Promise<void>): Promise<boolean> {
  for (let attempt = 0; attempt < RELOAD_TRIES; attempt += 1) {
    const before = papersLoads();
    await refreshContent({});
    if (papersLoads() > before) return true;
    await delay(RELOAD_RETRY_MS, undefined, { ref: false });
  }
  return false;
}

/** Empty the dev server's cache of `getStaticPaths()` results, as Astro does when its content store changes. */
function forgetPagePaths(server: ViteDevServer): void {
  for (const name of PAGE_ENVIRONMENTS) server.environments[name]?.hot.send(CONTENT_CHANGED_EVENT, {});
}

/** Requests being answered, and a way to wait for those open now. */
export class InFlight {
  #open = new Set<symbol>();
  #waiting: { open: Set<symbol>; done: () => void }[] = [];

  /** A request starts; call what this returns when it is done (once, or more: the same). */
  start(): () => void {
    const request = Symbol('request');
    this.#open.add(request);
    return () => {
      this.#open.delete(request);
      for (const waiter of this.#waiting) waiter.open.delete(request);
      const still = this.#waiting.filter((waiter) => waiter.open.size > 0);
      for (const waiter of this.#waiting) if (waiter.open.size === 0) waiter.done();
      this.#waiting = still;
    };
  }

  /** Resolves when every request open now is done (requests started later are not waited for). */
  settled(): Promise<void> {
    if (this.#open.size === 0) return Promise.resolve();
    return new Promise((done) => this.#waiting.push({ open: new Set(this.#open), done }));
  }
}

/** Run scripts/ingest.ts; its warnings and errors go to the dev server's log. */
function runIngest(root: string, logger: AstroIntegrationLogger): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'ingest.ts'), '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk; });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk; });
    child.on('error', (error) => { logger.error(`The ingest did not start: ${error.message}`); done(false); });
    child.on('close', (code) => {
      const lines = output.split('\n').filter((line) => line.trim() !== '');
      for (const line of lines.slice(0, 40)) {
        if (/ {2}error {2}/.test(line)) logger.error(line);
        else if (/ {2}warning {2}/.test(line)) logger.warn(line);
        else logger.info(line);
      }
      if (lines.length > 40) logger.info(`… ${lines.length - 40} more lines (\`npm run ingest\` prints them all).`);
      if (code !== 0) logger.error(`The ingest failed (exit code ${code}): the pages still show the last content. Fix the file named above and save it again.`);
      done(code === 0);
    });
  });
}
