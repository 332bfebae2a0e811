import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildReport, stepFacts } from './helpers/project-copy.ts';
import { builtSeeds } from './helpers/shared-builds.ts';

// Each kind of input changed in turn in a built copy of the seeds, and built: the build does what
// that change needs and no more, and whenever dist/ changes its build id (the name of the offline
// cache) does too. The digests themselves are checked in tests/inputs.test.ts.
let site: ReturnType<typeof builtSeeds>;
before(() => {
  site = builtSeeds('seeds');
});
after(() => site?.cleanup());

const buildId = () => (JSON.parse(readFileSync(join(site.dir, 'dist', 'build.json'), 'utf8')) as { build: string }).build;

/** Build after `change`; the report, and whether the build id changed. */
function buildAfter(change: () => void, env: Record<string, string> = {}) {
  const before = buildId();
  change();
  const report = buildReport(site.dir, env);
  assert.ok(report.ok && !report.upToDate, 'the change was not built');
  return { report, idChanged: buildId() !== before, ingest: stepFacts(report, 'ingest'), site: stepFacts(report, 'site'), search: stepFacts(report, 'search index') };
}

test('a public file: the pages and the index are kept, the build id changes', () => {
  const { ingest, site: pages, search, idChanged } = buildAfter(() => writeFileSync(join(site.dir, 'public', 'notice.txt'), 'Served as it is.\n'));
  assert.deepEqual([ingest.dumps.read, ingest.papers.written], [0, 0], 'the ingest read a dump or wrote a paper');
  assert.equal(pages.abstracts.rendered, 0);
  assert.ok(pages.kept > pages.rendered, `${pages.rendered} pages rendered, ${pages.kept} kept`);
  assert.equal(search.mode, 'kept');
  assert.ok(idChanged);
  assert.equal(readFileSync(join(site.dir, 'dist', 'notice.txt'), 'utf8'), 'Served as it is.\n');
  assert.match(readFileSync(join(site.dir, 'dist', 'sw.js'), 'utf8'), new RegExp(`const BUILD = "${buildId()}"`), 'the offline worker caches under another name');
});

test('a dump: that dump is read again, its papers written and rendered, the index takes them in its recent part', () => {
  const dump = join(site.dir, 'seeds', '000_d81bca234a2fd64b.txt');
  const { ingest, site: pages, search, idChanged } = buildAfter(() => appendFileSync(dump, 'Abstract:A paper added to one dump, so that the build reads that dump again and no other, and renders this abstract alone.\n'));
  assert.deepEqual([ingest.dumps.read, ingest.dumps.fromCache], [1, 3]);
  assert.ok(ingest.papers.written >= 1 && ingest.papers.written < 40, `${ingest.papers.written} papers written`);
  // The new abstract, and those of papers whose file changed with it (a related list now naming it).
  assert.ok(pages.abstracts.rendered >= 1 && pages.abstracts.rendered <= ingest.papers.written, `${pages.abstracts.rendered} abstracts rendered`);
  assert.ok(pages.kept > pages.rendered, `${pages.rendered} pages rendered, ${pages.kept} kept`);
  assert.deepEqual([search.mode, search.recent], ['recent', 1]);
  assert.ok(idChanged);
});

test('a setting of the search index: only the index is built again', () => {
  const { ingest, site: pages, search, idChanged } = buildAfter(() => {}, { ATLAS_SEARCH_RECENT_SHARE: '0' });
  assert.deepEqual([ingest.dumps.read, ingest.papers.written, pages.abstracts.rendered], [0, 0, 0]);
  assert.ok(pages.kept > pages.rendered, `${pages.rendered} pages rendered, ${pages.kept} kept`);
  assert.equal(search.mode, 'full');
  assert.ok(idChanged);
});

test('a pinned topic: the papers it takes are written again, no dump is read again', () => {
  const topics = join(site.dir, 'content', 'topics.yaml');
  const { ingest, site: pages, idChanged } = buildAfter(() => appendFileSync(topics, '\nredo-test-topic:\n  name: Gradient balancing\n  description: Orders of examples that balance gradients.\n  terms: [gradient balancing, herding]\n'), { ATLAS_SEARCH_RECENT_SHARE: '0' });
  assert.equal(ingest.dumps.read, 0);
  assert.ok(ingest.papers.written > 0 && ingest.papers.written < 124, `${ingest.papers.written} papers written`);
  assert.ok(ingest.topics.live > 0);
  assert.ok(existsPage(`topics/redo-test-topic/index.html`), 'the pinned topic has no page');
  assert.ok(pages.rendered > 0);
  assert.ok(idChanged);
});

test("a step's code: the ingest reads every dump again, and writes the same papers", () => {
  const { ingest, idChanged } = buildAfter(() => appendFileSync(join(site.dir, 'scripts', 'ingest', 'parse.ts'), '\n// changed\n'), { ATLAS_SEARCH_RECENT_SHARE: '0' });
  assert.deepEqual([ingest.dumps.read, ingest.dumps.fromCache, ingest.papers.written], [4, 0, 0]);
  assert.ok(idChanged, 'dist/ is made by the steps: their code is in the build id');
});

test("the configuration: the pages are rendered again, every abstract comes from its store", () => {
  const config = join(site.dir, 'astro.config.mjs');
  const { ingest, site: pages, idChanged } = buildAfter(() => writeFileSync(config, readFileSync(config, 'utf8').replace("description: 'Research-paper abstracts", "description: 'Research abstracts")), { ATLAS_SEARCH_RECENT_SHARE: '0' });
  assert.deepEqual([ingest.dumps.read, ingest.papers.written], [0, 0]);
  assert.ok(pages.rendered > 10 * pages.kept, `${pages.rendered} pages rendered, ${pages.kept} kept, though the site's description is on every page`);
  assert.equal(pages.abstracts.rendered, 0, 'an abstract was rendered again for a change of configuration');
  assert.match(readFileSync(join(site.dir, 'dist', 'index.html'), 'utf8'), /Research abstracts/);
  assert.ok(idChanged);
});

function existsPage(path: string): boolean {
  try {
    readFileSync(join(site.dir, 'dist', path));
    return true;
  } catch {
    return false;
  }
}
