import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readAtlasConfig } from '../src/lib/atlas-config.ts';
import { listFiles } from './helpers/files.ts';
import { buildIn, copyProject, MANY_FIELDS, ROOT } from './helpers/project-copy.ts';

const ASTRO_PH = join(MANY_FIELDS, 'arxiv-astro-ph.xml');

/** `npm run new -- …` in a folder: its exit status and what it printed. */
function runNew(dir: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync('npm', ['run', 'new', '--silent', '--', ...args], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Everything the example published that a reader could meet: its papers' slugs (former ones too) and titles. */
function exampleTraces(): string[] {
  const registry = JSON.parse(readFileSync(join(ROOT, 'content', 'permalinks.json'), 'utf8')) as Record<string, { former?: string[] }>;
  const slugs = Object.entries(registry).flatMap(([slug, entry]) => [slug, ...(entry.former ?? [])]);
  const titles = readdirSync(join(ROOT, 'content', 'papers')).map((name) => /^title: "?(.*?)"?$/m.exec(readFileSync(join(ROOT, 'content', 'papers', name), 'utf8'))?.[1] ?? '');
  return [...slugs.map((slug) => `/${slug}`), ...titles.filter((title) => title.length > 15)];
}

test('a new user follows the README: npm run new, their own dumps, npm run build, and no trace of the example is left', () => {
  const project = copyProject({ prefix: 'atlas-new-' });
  try {
    const { dir } = project;
    const configBefore = readFileSync(join(dir, 'astro.config.mjs'), 'utf8');
    // A dump of theirs already in seeds/: refused, nothing changed.
    copyFileSync(ASTRO_PH, join(dir, 'seeds', 'arxiv-astro-ph.xml'));
    const refused = runNew(dir, ['--title', 'Star formation']);
    assert.equal(refused.status, 1);
    assert.match(refused.output, /seeds\/ holds 1 file that is not the example's:\n {2}seeds\/arxiv-astro-ph\.xml\n.*--yes.*Nothing was changed\./s);
    assert.equal(readFileSync(join(dir, 'astro.config.mjs'), 'utf8'), configBefore);
    assert.equal(readdirSync(join(dir, 'seeds')).length, 6);
    assert.ok(existsSync(join(dir, 'content', 'permalinks.json')));
    assert.match(runNew(dir, []).output, /Name your atlas with --title/);

    // With --yes it goes ahead; the dump is copied back after, as the README says.
    const started = runNew(dir, ['--title', 'Star formation', '--description', 'Abstracts on how stars form, from arXiv.', '--yes']);
    assert.equal(started.status, 0, started.output);
    assert.match(started.output, /Started "Star formation"\.[\s\S]*Next:[\s\S]*npm run build/);
    assert.deepEqual(readdirSync(join(dir, 'seeds')), ['sources.yaml']);
    assert.deepEqual(readdirSync(join(dir, 'content')), []);
    for (const state of ['dist', '.cache/atlas', 'node_modules/.astro']) assert.ok(!existsSync(join(dir, state)), state);
    const { config } = readAtlasConfig(dir, {});
    assert.equal(config.title, 'Star formation');
    assert.equal(config.description, 'Abstracts on how stars form, from arXiv.');
    // In astro.config.mjs, only the title and description changed, and the example's per-paper .bib files are off.
    const expected = configBefore
      .replace(/title: '[^']*',/, "title: 'Star formation',")
      .replace(/description: '[^']*',/, "description: 'Abstracts on how stars form, from arXiv.',")
      .replace(/\n *\/\/ The example published a \.bib file per paper[^\n]*\n *bibFiles: true,/, '');
    assert.notEqual(expected, configBefore);
    const commas = (text: string) => text.replace(/,(\s*[}\]])/g, '$1'); // the printer may drop a trailing comma
    assert.equal(commas(readFileSync(join(dir, 'astro.config.mjs'), 'utf8')), commas(expected));
    assert.equal(config.bibFiles, false);

    copyFileSync(ASTRO_PH, join(dir, 'seeds', 'arxiv-astro-ph.xml'));
    // A macro of their own, declared in atlas({ … }) and used by one abstract.
    writeFileSync(join(dir, 'seeds', 'disks.txt'), 'Abstract: We measure a disk mass of $10^{9}\\,\\Mdisk$ in a nearby spiral galaxy and compare it with models of gas accretion onto the disk.\n');
    const declare = (meaning: string) => writeFileSync(join(dir, 'astro.config.mjs'), readFileSync(join(dir, 'astro.config.mjs'), 'utf8').replace(/atlas\(\{(\n *katexMacros: [^\n]*)?/, `atlas({\n      katexMacros: { '\\\\Mdisk': '${meaning}' },`));
    declare('M_{\\\\rm disk}');
    buildIn(dir, {}, [], { npm: true }); // the README's command itself
    const dist = join(dir, 'dist');
    const home = readFileSync(join(dist, 'index.html'), 'utf8');
    assert.match(home, /<title>Star formation<\/title>/);
    assert.match(home, /<h1[^>]*>Star formation<\/h1>/);
    assert.match(home, /Abstracts on how stars form, from arXiv\./);
    const papers = readdirSync(join(dir, 'content', 'papers')).length;
    assert.ok(papers > 100, `the dumps' papers are on pages (${papers})`);
    // No page, feed, sitemap entry, search record or offline list names an example paper.
    const traces = exampleTraces();
    assert.ok(traces.length > 200);
    const texts = [...listFiles(dist).filter((file) => /\.(html|xml|json|js|txt)$/.test(file)).map((file) => join(dist, file)), join(dir, '.cache', 'atlas', 'search-records.json')];
    const found: string[] = [];
    for (const file of texts) {
      const text = readFileSync(file, 'utf8');
      for (const trace of traces) if (text.includes(trace)) found.push(`${file}: ${trace}`);
    }
    assert.deepEqual(found, []);
    // No removed-paper notice: every paper page is one of the dump's.
    assert.equal(readdirSync(join(dist, 'papers'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).length, papers);
    // A paper is its page and its search fragment: "Download .bib" carries the page's own entry.
    assert.deepEqual(readdirSync(join(dist, 'papers')).filter((name) => name.endsWith('.bib')), []);
    const slug = readdirSync(join(dir, 'content', 'papers'))[0].replace(/\.mdx$/, '');
    const page = readFileSync(join(dist, 'papers', slug, 'index.html'), 'utf8');
    const link = /<a class="action" href="data:application\/x-bibtex;charset=utf-8,([^"]+)" download="([^"]+)"[^>]*>Download \.bib<\/a>/.exec(page);
    assert.ok(link, 'the download link is a data: link');
    assert.equal(link[2], `${slug}.bib`);
    const block = /<code data-copy-source="bibtex"[^>]*>([^<]+)<\/code>/.exec(page)![1].replace(/&#123;|&#x7B;/gi, '{').replace(/&#125;|&#x7D;/gi, '}').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    assert.equal(decodeURIComponent(link[1].replace(/&amp;/g, '&')), block);
    // The whole collection in one file: every paper's entry.
    assert.equal((readFileSync(join(dist, 'papers.bib'), 'utf8').match(/^@\w+\{/gm) ?? []).length, papers);
    // The declared macro renders; changing it renders that abstract again, and only that one.
    const diskPage = () => {
      const name = readdirSync(join(dist, 'papers'), { withFileTypes: true }).find((entry) => entry.isDirectory() && readFileSync(join(dist, 'papers', entry.name, 'index.html'), 'utf8').includes('<title>We measure a disk mass'))!.name;
      return readFileSync(join(dist, 'papers', name, 'index.html'), 'utf8');
    };
    assert.doesNotMatch(diskPage(), /#cc0000/, 'no formula fails');
    assert.match(diskPage(), /<mi mathvariant="normal">disk<\/mi>|>disk</);
    declare('M_{\\\\rm gas}');
    const again = buildIn(dir);
    assert.match(again, /Rendering 1 of \d+ papers/);
    assert.match(diskPage(), /<mi mathvariant="normal">gas<\/mi>|>gas</);
    assert.doesNotMatch(diskPage(), /#cc0000/);
    // The topics and the search box's example come from the astrophysics abstracts.
    const example = /placeholder="e\.g\. ([^"]+)"/.exec(home)?.[1] ?? '';
    const words = example.split(/,\s*/);
    const abstracts = readFileSync(ASTRO_PH, 'utf8').toLowerCase();
    assert.ok(words.length > 0 && words.every((word) => abstracts.includes(word.toLowerCase())), `the search example "${example}" is words of the dump`);
  } finally {
    project.cleanup();
  }
});
