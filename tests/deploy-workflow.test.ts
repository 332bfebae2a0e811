import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { writeDayDump } from '../scripts/bench/synthetic-seeds.ts';
import { copyProject, readReport, ROOT, stepFacts } from './helpers/project-copy.ts';

interface Step { uses?: string; run?: string; id?: string; with?: Record<string, string>; env?: Record<string, string> }
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: { build: { if: string; steps: Step[] }; deploy: { needs: string; steps: Step[] } };
}

const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', 'deploy.yml'), 'utf8')) as Workflow;
const steps = workflow.jobs.build.steps;
const cachePaths = (step: Step | undefined) => (step?.with?.path ?? '').split('\n').map((line) => line.trim()).filter(Boolean);

test('the deploy workflow publishes to GitHub Pages from the default branch and by hand, one run at a time', () => {
  assert.ok('push' in workflow.on && 'workflow_dispatch' in workflow.on);
  assert.equal(workflow.jobs.build.if, 'github.ref_name == github.event.repository.default_branch');
  assert.deepEqual(workflow.permissions, { contents: 'read', pages: 'write', 'id-token': 'write' });
  assert.equal(workflow.concurrency['cancel-in-progress'], false);
  assert.ok(steps.some((step) => step.uses?.startsWith('actions/upload-pages-artifact@') && step.with?.path === 'dist'));
  assert.equal(workflow.jobs.deploy.needs, 'build');
  assert.ok(workflow.jobs.deploy.steps.some((step) => step.uses?.startsWith('actions/deploy-pages@')));
  // The caches are restored after npm ci (which empties node_modules/), before the build, and saved after it.
  const at = (predicate: (step: Step) => boolean) => steps.findIndex(predicate);
  const ci = at((step) => step.run === 'npm ci');
  const restore = at((step) => step.uses?.startsWith('actions/cache/restore@') ?? false);
  const build = at((step) => step.run === 'npm run build');
  const save = at((step) => step.uses?.startsWith('actions/cache/save@') ?? false);
  assert.ok(ci >= 0 && ci < restore && restore < build && build < save, `npm ci ${ci}, restore ${restore}, build ${build}, save ${save}`);
  assert.deepEqual(cachePaths(steps[restore]), cachePaths(steps[save]));
  assert.deepEqual(cachePaths(steps[restore]), ['.cache/atlas', 'node_modules/.astro', 'dist']);
  assert.deepEqual(steps[build].env, { ATLAS_SITE: '${{ steps.pages.outputs.origin }}', ATLAS_BASE: '${{ steps.pages.outputs.base_path }}/' });
});

test('the workflow\'s build steps on a fresh checkout, then again with its caches restored after a dump is added, build incrementally', (t) => {
  const paths = cachePaths(steps.find((step) => step.uses?.startsWith('actions/cache/restore@')));
  const buildStep = steps.find((step) => step.run === 'npm run build')!;
  // What configure-pages answers for a project site (https://owner.github.io/atlas/).
  const pages: Record<string, string> = { 'steps.pages.outputs.origin': 'https://owner.github.io', 'steps.pages.outputs.base_path': '/atlas' };
  const env = Object.fromEntries(Object.entries(buildStep.env ?? {}).map(([name, value]) => [name, value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => pages[expression])]));
  assert.deepEqual(env, { ATLAS_SITE: 'https://owner.github.io', ATLAS_BASE: '/atlas/' });
  // Each run step but `npm ci` (the test shares this project's packages): here, `npm run build`.
  const runs = steps.filter((step) => step.run && step.run !== 'npm ci').map((step) => step.run!);
  assert.deepEqual(runs, ['npm run build']);
  const runSteps = (dir: string) => {
    for (const run of runs) execFileSync('sh', ['-c', run], { cwd: dir, env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1' }, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
    return readReport(dir);
  };
  const store = mkdtempSync(join(tmpdir(), 'atlas-actions-cache-'));
  const first = copyProject({ prefix: 'atlas-deploy-1-' });
  const second = copyProject({ prefix: 'atlas-deploy-2-' });
  try {
    for (const path of paths) assert.ok(!existsSync(join(first.dir, path)), `a fresh checkout has no ${path}`);
    const cold = runSteps(first.dir);
    assert.equal(stepFacts(cold, 'site').kept, 0);
    assert.match(readFileSync(join(first.dir, 'dist', 'index.html'), 'utf8'), /href="https:\/\/owner\.github\.io\/atlas\/"/);
    // actions/cache keeps files with their times (tar): so does cp -a.
    for (const path of paths) {
      mkdirSync(dirname(join(store, path)), { recursive: true });
      execFileSync('cp', ['-a', join(first.dir, path), join(store, path)]);
    }
    // The next push: a fresh checkout in the same workspace folder (as a runner checks out every
    // run to the same path), with a new dump, and the caches restored.
    first.cleanup();
    renameSync(second.dir, first.dir);
    const checkout = first.dir;
    writeDayDump(join(checkout, 'seeds'), 124, 3, join(ROOT, 'seeds'));
    for (const path of paths) {
      mkdirSync(dirname(join(checkout, path)), { recursive: true });
      execFileSync('cp', ['-a', join(store, path), join(checkout, path)]);
    }
    const day = runSteps(checkout);
    const ingest = stepFacts(day, 'ingest');
    // The new papers, and older ones whose related papers now include one of them.
    assert.equal(ingest.records.onPages, 127);
    assert.ok(ingest.papers.written >= 3 && ingest.papers.unchanged > 62, JSON.stringify(ingest.papers));
    const { pages, rendered, kept } = stepFacts(day, 'site');
    t.diagnostic(`ingest: ${JSON.stringify(ingest.papers)}; site: ${rendered} of ${pages} pages rendered, ${kept} unchanged`);
    assert.ok(kept > pages / 2 && rendered < pages / 2, `incremental: ${rendered} rendered, ${kept} unchanged of ${pages}`);
    assert.ok(existsSync(join(checkout, 'dist', 'papers')));
  } finally {
    first.cleanup();
    second.cleanup();
    rmSync(store, { recursive: true, force: true });
  }
});
