import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchBrowser } from './helpers/browser.ts';
import { buildIn, copyProject } from './helpers/project-copy.ts';

// The author loop: `npm run dev` running, a dump added to or edited in seeds/, or the taxonomy
// edited, and the pages show it without a restart; search says what it needs.

let site: ReturnType<typeof copyProject>;
let dev: ChildProcess;
let log = '';
let origin = '';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Poll until `check` holds (pages update a moment after the file is saved), or fail with the server's log. */
async function eventually(what: string, check: () => Promise<boolean>, seconds = 90): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await sleep(300);
  }
  // The log without the lines about each request (the polling above makes most of them).
  const said = log.split('\n').filter((line) => line.trim() !== '' && !/\[\d{3}\] \/|\[WARN\] \[router\]|^Possible dynamic routes|^for requested path/.test(line.trim())).join('\n');
  assert.fail(`${what} within ${seconds} s. Dev server log, requests left out:\n${said.slice(-6000)}`);
}

const page = async (path: string) => {
  const response = await fetch(`${origin}${path}`);
  return { status: response.status, text: await response.text() };
};

before(async () => {
  site = copyProject({ prefix: 'atlas-dev-' });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  dev = spawn('npm', ['run', 'dev', '--silent', '--', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: site.dir,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ATLAS_QUIET_SITE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  dev.stdout!.on('data', (chunk: Buffer) => { log += chunk; });
  dev.stderr!.on('data', (chunk: Buffer) => { log += chunk; });
  await eventually('the dev server answers', async () => (await page('/')).status === 200, 120);
});

after(() => {
  if (dev.pid) process.kill(-dev.pid, 'SIGTERM');
  site?.cleanup();
});

test('dev: a paper added to a dump gets its page, and the lists show it, without a restart', async () => {
  const added = 'Quokkas index abstracts while the development server watches the seeds folder and reruns the ingest after every save.';
  appendFileSync(join(site.dir, 'seeds', '000_d81bca234a2fd64b.txt'), `\nAbstract:${added}\n`);
  const slug = 'quokkas-index-abstracts-while-the-development-server-watches-the-seeds-folder';
  await eventually('the new paper has a page', async () => (await page(`/papers/${slug}/`)).status === 200);
  const paper = await page(`/papers/${slug}/`);
  assert.ok(paper.text.includes(added), 'the page shows the abstract as written');
  // Undated (an `Abstract:` line has no date): on the last page of /latest/.
  const listed = await Promise.all([1, 2, 3, 4].map((number) => page(number === 1 ? '/latest/' : `/latest/${number}/`)));
  assert.ok(listed.some((list) => list.text.includes(`/papers/${slug}/`)), 'a list links the new paper');
  assert.match(log, /000_d81bca234a2fd64b\.txt changed: running the ingest/);
});

test('dev: an edited taxonomy re-runs the ingest and moves papers to their new topic', async () => {
  const topics = join(site.dir, 'content', 'topics.yaml');
  const before = readFileSync(topics, 'utf8');
  assert.doesNotMatch(before, /^quokka-studies:/m);
  writeFileSync(topics, `${before.trimEnd()}\nquokka-studies:\n  name: Quokka studies\n  description: Papers about quokkas.\n  terms: [quokkas]\n`);
  // The topic can answer for a moment before the papers it takes are reloaded (its page says it has none yet).
  await eventually('the new topic\'s page lists the paper it takes', async () => {
    const answer = await page('/topics/quokka-studies/');
    return answer.status === 200 && /Quokkas index abstracts/.test(answer.text);
  });
  assert.match((await page('/topics/quokka-studies/')).text, /Quokkas index abstracts/);
});

test('dev: with no build yet, the search page says that search needs npm run build', async () => {
  const missing = await page('/pagefind/pagefind.js');
  assert.equal(missing.status, 404);
  assert.match(missing.text, /npm run build/);
  const browser = await launchBrowser();
  try {
    const tab = await browser.newPage();
    await tab.goto(`${origin}/search/?q=quokka`);
    // The status is read in the same step that finds it: the dev server may still reload the page after the last test's edits.
    const found = await tab.waitForFunction(() => {
      const text = document.querySelector('[data-search-status]')?.textContent ?? '';
      return /npm run build/.test(text) ? text : false;
    }, undefined, { timeout: 60_000 });
    assert.match(String(await found.jsonValue()), /the dev server searches the index of the last `npm run build`/);
  } finally {
    await browser.close();
  }
});

test('dev: after a build, the search page searches the last built index', async () => {
  buildIn(site.dir);
  assert.equal((await page('/pagefind/pagefind.js')).status, 200);
  const browser = await launchBrowser();
  try {
    const tab = await browser.newPage();
    await tab.goto(`${origin}/search/?q=quokkas`);
    const found = await tab.waitForFunction(() => {
      const text = document.querySelector('[data-search-status]')?.textContent ?? '';
      return /\d+ papers? for/.test(text) ? text : false;
    }, undefined, { timeout: 60_000 });
    assert.match(String(await found.jsonValue()), /^1 paper for “quokkas”/);
    assert.match((await tab.locator('main').textContent()) ?? '', /Quokkas index abstracts/);
  } finally {
    await browser.close();
  }
});
