// @ts-check
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';

// The public address of the site, and the sub-path it is served from ("/" or "/atlas/").
// Both can be set without editing this file: ATLAS_SITE and ATLAS_BASE.
const site = process.env.ATLAS_SITE ?? 'https://example.org';
const base = process.env.ATLAS_BASE ?? '/';

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  // Astro 7's default Markdown engine ignores remark/rehype plugins; the unified one runs them.
  markdown: {
    processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }),
  },
  integrations: [mdx()],
  build: { format: 'directory' },
  devToolbar: { enabled: false },
});
