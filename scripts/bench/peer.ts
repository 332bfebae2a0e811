/**
 * The peer of `npm run bench -- --peer`: the same papers as a stock Astro MDX collection, the
 * way the Astro docs set one up. One `.mdx` file per paper (the ingest's own output, copied) in a
 * `glob()` collection, compiled by @astrojs/mdx with remark-math and rehype-katex, one page per
 * paper through `render()`, then Pagefind's CLI over dist/. It runs on this project's installed
 * packages, so its versions are ours. What it measures is what a plain Astro site costs per
 * paper on this machine, in the same run as our builds: the ratios are what the targets name.
 */
import { mkdirSync, mkdtempSync, readdirSync, copyFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../project-copy.ts';
import { runStep } from './run-stage.ts';

/** How many papers the peer builds (the reference: 2,000). */
export const PEER_PAPERS = 2000;

/** What one peer build cost. */
export interface PeerMeasure {
  papers: number;
  /** `astro build` (MDX collection and pages). */
  astroSeconds: number;
  /** Pagefind's CLI over the built pages. */
  pagefindSeconds: number;
  totalSeconds: number;
  peakMB: number;
}

// Astro 7's stock Markdown engine runs no remark/rehype plugins; the unified processor does, and @astrojs/mdx takes it from markdown.
const CONFIG = `import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';

export default defineConfig({
  markdown: { processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }) },
  integrations: [mdx()],
});
`;

const COLLECTIONS = `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const papers = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './papers' }),
  schema: z.object({ title: z.string(), published: z.coerce.date().optional(), topics: z.array(z.string()) }).passthrough(),
});

export const collections = { papers };
`;

const PAGE = `---
import 'katex/dist/katex.min.css';
import { getCollection, render } from 'astro:content';

export async function getStaticPaths() {
  return (await getCollection('papers')).map((paper) => ({ params: { slug: paper.id }, props: { paper } }));
}
const { paper } = Astro.props;
const { Content } = await render(paper);
---
<html lang="en">
  <head><meta charset="utf-8" /><title>{paper.data.title}</title></head>
  <body>
    <main data-pagefind-body>
      <h1>{paper.data.title}</h1>
      <p>{paper.data.published?.toISOString().slice(0, 10) ?? 'Undated'} · {paper.data.topics.join(', ')}</p>
      <Content />
    </main>
  </body>
</html>
`;

/** Write the peer project: its config, collection, page, and the first `count` paper files (by name). */
export function writePeerProject(papersDir: string, count = PEER_PAPERS): { dir: string; papers: number; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-peer-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'atlas-peer', private: true, type: 'module' }, null, 2)}\n`);
  writeFileSync(join(dir, 'astro.config.mjs'), CONFIG);
  mkdirSync(join(dir, 'src', 'pages', 'papers'), { recursive: true });
  writeFileSync(join(dir, 'src', 'content.config.ts'), COLLECTIONS);
  writeFileSync(join(dir, 'src', 'pages', 'papers', '[slug].astro'), PAGE);
  mkdirSync(join(dir, 'papers'));
  const names = readdirSync(papersDir).filter((name) => name.endsWith('.mdx')).sort().slice(0, count);
  for (const name of names) copyFileSync(join(papersDir, name), join(dir, 'papers', name));
  return { dir, papers: names.length, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Build the peer from a built project's content/papers/ and measure it. */
export async function measurePeer(papersDir: string, count = PEER_PAPERS): Promise<PeerMeasure> {
  const project = writePeerProject(papersDir, count);
  try {
    const env = { ASTRO_TELEMETRY_DISABLED: '1' };
    // runStep rejects with the step's output when it fails.
    const astro = await runStep(process.execPath, [join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--silent'], { cwd: project.dir, env });
    const pagefind = await runStep(join(ROOT, 'node_modules', '.bin', 'pagefind'), ['--site', 'dist', '--silent'], { cwd: project.dir, env });
    const pages = readdirSync(join(project.dir, 'dist', 'papers')).length;
    if (pages !== project.papers) throw new Error(`The peer built ${pages} paper pages for ${project.papers} papers`);
    return {
      papers: project.papers,
      astroSeconds: astro.seconds,
      pagefindSeconds: pagefind.seconds,
      totalSeconds: astro.seconds + pagefind.seconds,
      peakMB: Math.max(astro.peakBytes, pagefind.peakBytes) / 1024 / 1024,
    };
  } finally {
    project.cleanup();
  }
}
