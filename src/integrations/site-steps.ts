import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { KEEP_DIST_ENV } from './keep-dist.ts';

/**
 * The steps after the pages, each its own process: the search index over the pages this build
 * left in dist/ (scripts/index-search.ts, which keeps the main index when dist/ was kept:
 * `--reuse`), then the offline worker over everything in dist/ (scripts/service-worker.ts).
 * `astro build` runs them from its last hook; a step that fails fails the build. `npm run build`
 * runs the same steps once Astro's process has ended (it sets SITE_STEPS_APART_ENV): Astro's
 * process holds most of its memory to the end, and Pagefind needs as much again, so run beside
 * it the two took a 10,000-paper build's peak from 1.1 to 2.0 GB.
 */
export const SITE_STEPS = [
  { name: 'search index', script: join('scripts', 'index-search.ts'), args: (keep: boolean) => (keep ? ['--reuse'] : []) },
  { name: 'offline worker', script: join('scripts', 'service-worker.ts'), args: () => [] },
] as const;

/** Set to 1 by `npm run build`, which runs the steps itself after Astro's process has ended. */
export const SITE_STEPS_APART_ENV = 'ATLAS_SITE_STEPS_APART';

/** Run one step in a process of its own; what it prints goes where Astro's log goes. */
function runStep(root: string, script: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** The search index and the offline worker, once Astro has written the pages: the last of the atlas's hooks (src/integrations/atlas.ts). */
export function siteSteps(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'abstract-atlas:site-steps',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async () => {
        if (process.env[SITE_STEPS_APART_ENV] === '1') return;
        const keep = process.env[KEEP_DIST_ENV] === '1';
        for (const step of SITE_STEPS) {
          const code = await runStep(root, step.script, step.args(keep));
          if (code !== 0) throw new Error(`The ${step.name} step failed (exit code ${code}): why is in its output above.`);
        }
      },
    },
  };
}
