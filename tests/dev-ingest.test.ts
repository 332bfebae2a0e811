import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { appendFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { devIngest, InFlight } from '../src/integrations/dev-ingest.ts';
import { CONTENT_CHANGED_EVENT } from '../src/integrations/astro-internals.ts';
import { countPapersLoad } from '../src/loaders/load-count.ts';
import { copyProject } from './helpers/project-copy.ts';

// The dev server's author loop (src/integrations/dev-ingest.ts) driven in this process, with a
// stand-in for the dev server: its file watcher, its middleware chain behind a real HTTP server,
// and its page runners' channel. tests/dev.test.ts runs the same loop in a real `npm run dev`.

type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

let site: ReturnType<typeof copyProject>;
let http: Server;
let origin = '';
const watcher = Object.assign(new EventEmitter(), { watched: [] as string[], add(paths: string[]) { this.watched.push(...paths); } });
const middlewares: Middleware[] = [];
/** What was sent to the page runners, in order: [environment, event]. */
const sent: [string, string][] = [];
const logged: { level: string; message: string }[] = [];
/** Called by the stand-in's refreshContent while it runs (the content store reloading). */
let duringRefresh: () => Promise<void> = async () => {};
let refreshes = 0;
/** How many of the next reloads the stand-in skips, as Astro does while it reloads its content configuration. */
let skipReloads = 0;
/** Whether the next reload fails, as a loader that throws makes it. */
let failReload = false;
/** Pages the stand-in answers only when told to: a page whose paths take long to work out. */
const slowPages = new Map<string, () => void>();

const logger = Object.fromEntries(['info', 'warn', 'error', 'debug'].map((level) => [level, (message: string) => { logged.push({ level, message }); }]));
const messages = (level?: string) => logged.filter((line) => !level || line.level === level).map((line) => line.message);
/** The ingest runs the loop started, and the times it said the pages were updated. */
const runs = () => messages('info').filter((message) => message.endsWith('changed: running the ingest…'));
const updates = () => messages('info').filter((message) => message === 'Pages updated.').length;

/** Poll until `check` holds; fail with the log after `seconds`. */
async function until(what: string, check: () => boolean, seconds = 60): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (!check()) {
    if (Date.now() > end) assert.fail(`${what} within ${seconds} s. Log:\n${messages().join('\n')}`);
    await sleep(50);
  }
}

before(async () => {
  site = copyProject({ prefix: 'atlas-dev-ingest-' });
  rmSync(join(site.dir, 'content', 'papers'), { recursive: true, force: true }); // a fresh project: the server's start runs the ingest
  http = createServer((request, response) => {
    const chain = [...middlewares, ((incoming, answer) => {
      const release = new Promise<void>((done) => { if (incoming.url?.startsWith('/slow/')) slowPages.set(incoming.url, done); else done(); });
      void release.then(() => answer.end(`page ${incoming.url}`));
    }) satisfies Middleware];
    const step = (at: number) => chain[at](request, response, () => step(at + 1));
    step(0);
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  const integration = devIngest();
  const hooks = integration.hooks as Record<string, (options: unknown) => unknown>;
  hooks['astro:config:done']({ config: { root: pathToFileURL(`${site.dir}/`), base: '/' } });
  hooks['astro:server:setup']({
    server: {
      watcher,
      middlewares: { use: (middleware: Middleware) => middlewares.push(middleware) },
      environments: Object.fromEntries(['client', 'ssr', 'prerender'].map((name) => [name, { hot: { send: (event: string) => sent.push([name, event]) } }])),
    },
    logger,
    refreshContent: async () => {
      refreshes += 1;
      if (failReload) {
        failReload = false;
        throw new Error('content/papers/x.mdx: title is required');
      }
      if (skipReloads > 0) {
        skipReloads -= 1; // as Astro does while it reloads its content configuration: nothing loaded
        return;
      }
      countPapersLoad(); // what the papers loader does when the content layer runs it
      await duringRefresh();
    },
  });
});

after(async () => {
  for (const release of slowPages.values()) release();
  http.closeAllConnections(); // fetch keeps its connections open
  await new Promise((done) => http.close(done));
  site.cleanup();
});

test('a fresh project: the dev server\'s start writes the papers and loads them, and watches the dumps and the taxonomy', async () => {
  assert.deepEqual(watcher.watched, [join(site.dir, 'seeds'), join(site.dir, 'content', 'topics.yaml')]);
  await until('the pages are updated after the first ingest', () => messages('info').includes('Pages updated.'));
  assert.ok(readdirSync(join(site.dir, 'content', 'papers')).length > 100, 'the papers are written');
  assert.equal(refreshes, 1);
  assert.ok(messages('info').includes('seeds changed: running the ingest…'), messages().join('\n'));
  assert.deepEqual(sent, [['ssr', CONTENT_CHANGED_EVENT], ['prerender', CONTENT_CHANGED_EVENT]], 'the cache of pages\' paths is emptied once the store is loaded');
});

test('a page answered while the content reloads: the cache of pages\' paths is emptied again once it is done, not before', async () => {
  sent.length = 0;
  let pageAsked: Promise<Response> | undefined;
  let reloaded = false;
  duringRefresh = async () => {
    pageAsked = fetch(`${origin}/slow/topics/quokka-studies/`);
    await until('the page is being answered', () => slowPages.has('/slow/topics/quokka-studies/'));
    reloaded = true;
  };
  const refreshesBefore = refreshes;
  appendFileSync(join(site.dir, 'seeds', '000_d81bca234a2fd64b.txt'), '\nAbstract:Quokkas keep the dev server busy while a page takes its time to work out its paths.\n');
  watcher.emit('change', join(site.dir, 'seeds', '000_d81bca234a2fd64b.txt'));
  await until('the content reloads', () => refreshes > refreshesBefore && reloaded);
  // The loop goes on once the reload is done (promises, settled within a turn): it must still wait for the page.
  await nextTurn();
  await nextTurn();
  assert.deepEqual(sent, [], 'nothing is emptied while the page is being answered');
  assert.ok(!messages('info').slice(-1)[0].startsWith('Pages updated'));
  slowPages.get('/slow/topics/quokka-studies/')!();
  assert.equal((await pageAsked!).status, 200);
  await until('the cache is emptied once the page is done', () => sent.length === 2);
  assert.deepEqual(sent, [['ssr', CONTENT_CHANGED_EVENT], ['prerender', CONTENT_CHANGED_EVENT]]);
  await until('the pages are updated', () => messages('info').at(-1) === 'Pages updated.');
  duringRefresh = async () => {};
});

test('a reload Astro skipped (it was reloading its content configuration) is asked again until the papers are loaded', async () => {
  const refreshesBefore = refreshes;
  const updated = updates();
  skipReloads = 3;
  appendFileSync(join(site.dir, 'seeds', '000_d81bca234a2fd64b.txt'), '\nAbstract:Quokkas save a JSON file, and Astro reloads its content configuration before the papers.\n');
  watcher.emit('change', join(site.dir, 'seeds', '000_d81bca234a2fd64b.txt'));
  await until('the pages are updated', () => updates() === updated + 1);
  assert.equal(refreshes - refreshesBefore, 4, 'three skipped reloads, then one that loaded the papers');
  assert.equal(skipReloads, 0);
  assert.deepEqual(messages('warn'), []);
});

test('a reload that fails: its message, and the next save is taken', async () => {
  const [runsBefore, updatedBefore] = [runs().length, updates()];
  failReload = true;
  watcher.emit('change', join(site.dir, 'seeds', '000_d81bca234a2fd64b.txt'));
  await until('the failure is reported', () => messages('error').includes('The pages were not updated: content/papers/x.mdx: title is required'));
  assert.equal(updates(), updatedBefore);
  watcher.emit('change', join(site.dir, 'seeds', '000_d81bca234a2fd64b.txt'));
  await until('the next save updates the pages', () => updates() === updatedBefore + 1);
  assert.equal(runs().length, runsBefore + 2);
});

test('changes saved while the ingest runs: one more run takes them all; files outside seeds/ and hidden files are not watched', async () => {
  const before = runs().length;
  const updatedBefore = updates();
  // Saved together: only the dump is named (the others are not read by the ingest).
  watcher.emit('change', join(site.dir, 'src', 'pages', 'index.astro'));
  watcher.emit('change', join(site.dir, 'seeds', '.hidden', 'notes.txt'));
  watcher.emit('change', join(site.dir, 'seeds', '000_d81bca234a2fd64b.txt'));
  await until('the ingest runs', () => runs().length === before + 1);
  // While it runs, two more files change.
  watcher.emit('add', join(site.dir, 'seeds', 'another.txt'));
  watcher.emit('change', join(site.dir, 'content', 'topics.yaml'));
  await until('the pages are updated twice', () => updates() === updatedBefore + 2);
  assert.deepEqual(runs().slice(before), ['seeds/000_d81bca234a2fd64b.txt changed: running the ingest…', 'seeds/another.txt, content/topics.yaml changed: running the ingest…']);
});

test('a failed ingest: its message at file:line, and the pages keep the last content', async () => {
  const refreshesBefore = refreshes;
  writeFileSync(join(site.dir, 'content', 'topics.yaml'), 'bad: [unclosed\n');
  watcher.emit('change', join(site.dir, 'content', 'topics.yaml'));
  await until('the failure is reported', () => messages('error').some((message) => message.startsWith('The ingest failed')));
  assert.ok(messages('error').some((message) => /^content\/topics\.yaml:2:1 {2}error {2}Invalid YAML/.test(message)), messages('error').join('\n'));
  assert.match(messages('error').at(-1)!, /The ingest failed \(exit code 1\): the pages still show the last content\. Fix the file named above and save it again\./);
  assert.equal(refreshes, refreshesBefore, 'the content is not reloaded');
});

test('the search index of the last build at /pagefind/, and a message saying npm run build makes one when there is none', async () => {
  const none = await fetch(`${origin}/pagefind/pagefind.js`);
  assert.equal(none.status, 404);
  assert.match(await none.text(), /search needs `npm run build` once/);
  mkdirSync(join(site.dir, 'dist', 'pagefind'), { recursive: true });
  writeFileSync(join(site.dir, 'dist', 'pagefind', 'pagefind.js'), 'export const built = true;\n');
  writeFileSync(join(site.dir, 'dist', 'secret.txt'), 'not in the index\n');
  const found = await fetch(`${origin}/pagefind/pagefind.js?ts=1`);
  assert.equal(found.status, 200);
  assert.equal(found.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(await found.text(), 'export const built = true;\n');
  const missing = await fetch(`${origin}/pagefind/pagefind-entry.json`);
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /Not in the last build's search index/);
  // Asked as written (fetch and a URL would resolve the dots themselves).
  const outside = await new Promise<{ status?: number; text: string }>((done, fail) => {
    const { hostname, port } = new URL(origin);
    request({ hostname, port, path: '/pagefind/%2e%2e/secret.txt' }, (answer) => {
      let text = '';
      answer.on('data', (chunk: Buffer) => { text += chunk; });
      answer.on('end', () => done({ status: answer.statusCode, text }));
    }).on('error', fail).end();
  });
  assert.equal(outside.status, 404, 'nothing outside the index is served');
  assert.doesNotMatch(outside.text, /not in the index/);
  assert.equal((await fetch(`${origin}/latest/`)).status, 200, 'other addresses go on to the pages');
});

test('InFlight waits for the requests open when asked, not for later ones', async () => {
  const requests = new InFlight();
  await requests.settled(); // none open: at once
  const first = requests.start();
  const second = requests.start();
  let settled = false;
  const waiting = requests.settled().then(() => { settled = true; });
  const third = requests.start();
  first();
  await nextTurn();
  assert.equal(settled, false);
  second();
  second(); // twice: the same
  await waiting;
  assert.equal(settled, true, 'the third, started later, is not waited for');
  third();
});
