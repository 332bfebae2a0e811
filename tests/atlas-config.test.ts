import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeTex } from '../scripts/ingest/decode-tex.ts';
import { undefinedMacros } from '../scripts/ingest/report.ts';
import { AtlasConfigError, readAtlasConfig } from '../src/lib/atlas-config.ts';
import { atlas } from '../src/integrations/atlas.ts';
import { renderAbstract } from '../src/lib/render-abstract.ts';
import { configureMacros, usedMacros } from '../src/lib/tex-macros.ts';

/** A project folder holding only an astro.config.mjs with the given atlas() call. */
function project(call: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-config-'));
  writeFileSync(join(dir, 'astro.config.mjs'), `import { defineConfig } from 'astro/config';\nimport { atlas } from './src/integrations/atlas.ts';\n\nexport default defineConfig({\n  integrations: [\n    ${call},\n  ],\n});\n`);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('the options are read from atlas({ … }) in astro.config.mjs, defaults filled in', () => {
  const { dir, cleanup } = project(`atlas({\n      title: 'Pollination ecology',\n      language: 'de',\n      katexMacros: { '\\\\Msun': 'M_\\\\odot' },\n      search: { partMB: 3 },\n    })`);
  try {
    const { config, notices } = readAtlasConfig(dir, {});
    assert.equal(config.title, 'Pollination ecology');
    assert.equal(config.language, 'de');
    assert.deepEqual(config.katexMacros, { '\\Msun': 'M_\\odot' });
    assert.deepEqual(config.search, { partMB: 3, recentShare: 0.05 });
    assert.deepEqual(config.offline, { budgetMB: 40 });
    assert.match(config.description, /abstracts/);
    assert.deepEqual(notices, []);
  } finally {
    cleanup();
  }
  // The project's own file is read the same way: its title is the one the site shows.
  assert.equal(readAtlasConfig(process.cwd(), {}).config.title, 'Abstract Atlas');
});

test('a wrong option stops with the line it is on, what is wrong and an example of a right one', () => {
  const { dir, cleanup } = project(`atlas({\n      tittle: 'Pollination ecology',\n      language: 'not a language!',\n      search: { partMB: 'ten' },\n    })`);
  try {
    assert.throws(() => readAtlasConfig(dir, {}), (error: Error) => {
      assert.ok(error instanceof AtlasConfigError);
      const text = error.problems.join('\n');
      assert.match(text, /astro\.config\.mjs:7: atlas\(\) has no option "tittle"\. Options: title, description, language/);
      assert.match(text, /astro\.config\.mjs:8: atlas\(\) option "language": must be a language tag .*For example: atlas\(\{ language: 'en' \}\)/);
      assert.match(text, /astro\.config\.mjs:9: atlas\(\) option "search\.partMB": .*number.*For example: atlas\(\{ search: \{ partMB: 10 \} \}\)/);
      return true;
    });
  } finally {
    cleanup();
  }
  // Computed options cannot be read without running the file: said so, with what to write instead.
  const computed = project(`atlas({ title: process.env.TITLE })`);
  try {
    assert.throws(() => readAtlasConfig(computed.dir, {}), /write atlas\(\)'s options as plain values/);
  } finally {
    computed.cleanup();
  }
});

test('the integration refuses a wrong option before the build starts, saying where', () => {
  const { dir, cleanup } = project(`atlas({ offline: { budgetMB: -1 } })`);
  try {
    const integration = atlas({ offline: { budgetMB: -1 } });
    const setup = integration.hooks['astro:config:setup'] as unknown as (options: object) => void;
    assert.throws(() => setup({ config: { root: new URL(`file://${dir}/`) }, updateConfig: () => {} }), /astro\.config\.mjs:6: atlas\(\) option "offline\.budgetMB": .*>=0/);
    // Right options give the pages their module.
    let plugins: { resolveId: (id: string) => string | undefined; load: (id: string) => string | undefined }[] = [];
    (atlas({ title: 'Birds' }).hooks['astro:config:setup'] as unknown as (options: object) => void)({ config: { root: new URL(`file://${dir}/`) }, updateConfig: (update: { vite: { plugins: typeof plugins } }) => { plugins = update.vite.plugins; } });
    const id = plugins[0].resolveId('virtual:atlas/config')!;
    assert.match(plugins[0].load(id)!, /"title":"Birds"/);
  } finally {
    cleanup();
  }
});

test('the old environment variables still work, with a notice naming the option that replaces each', () => {
  const { config, notices } = readAtlasConfig(process.cwd(), { ATLAS_SEARCH_PART_MB: '40', ATLAS_OFFLINE_MB: '5' });
  assert.equal(config.search.partMB, 40);
  assert.equal(config.offline.budgetMB, 5);
  assert.equal(notices.length, 2);
  assert.match(notices.join('\n'), /ATLAS_SEARCH_PART_MB is deprecated: write atlas\(\{ search: \{ partMB: 40 \} \}\) in astro\.config\.mjs/);
  assert.throws(() => readAtlasConfig(process.cwd(), { ATLAS_SEARCH_RECENT_SHARE: '7' }), /ATLAS_SEARCH_RECENT_SHARE=7: .*atlas\(\{ search: \{ recentShare: 0\.05 \} \}\)/);
});

test('declared macros render in formulas and read right in prose; each formula has its own macros; an unknown one shows its source and is counted', () => {
  try {
    configureMacros({ '\\Mdisk': 'M_{\\rm disk}', '\\vect': '\\mathbf{#1}', '\\kmps': '\\mathrm{km\\,s^{-1}}' });
    const html = renderAbstract('A disk of $10^{9}\\,\\Mdisk$ and $\\vect{v}$, with $M_\\sun \\la 3$ and $10.4\\micron$.').html;
    assert.doesNotMatch(html, /katex-error|#cc0000/, 'declared and built-in macros render');
    assert.match(html, /mathbf|𝐯|class="mord mathbf"/);
    // \gdef in one formula does not define the macro for the next.
    const leaked = renderAbstract('First $\\gdef\\leak{x}\\leak$, then $\\leak$.').html;
    assert.equal((leaked.match(/mathcolor="#cc0000"/g) ?? []).length, 1, 'the second formula does not see the first one\'s \\gdef');
    assert.match(leaked, /mathcolor="#cc0000"><mtext>\\leak<\/mtext>/);
    // Prose: a declared macro reads as its meaning does.
    assert.equal(decodeTex('winds of 300 \\kmps in all').html, 'winds of 300 km s⁻¹ in all');
    assert.equal(decodeTex('winds of 300 km s$^{-1}$').html, 'winds of 300 km s$^{-1}$', 'nothing else changes');
    // What decides re-rendering: the declared macros a paper uses, and only those.
    assert.equal(usedMacros('mass $\\Mdisk$'), '\\Mdisk=M_{\\rm disk}');
    assert.equal(usedMacros('nothing declared here'), '');
  } finally {
    configureMacros({});
  }
  const unknown = renderAbstract('An $\\Mdisk$ nobody declared.').html;
  assert.match(unknown, /mathcolor="#cc0000"><mtext>\\Mdisk<\/mtext>/, 'an undeclared macro shows its source');
  const counts = undefinedMacros([
    { file: 'seeds/a.txt', line: 1, column: 1, severity: 'warning', ruleId: 'math-error', reason: 'KaTeX cannot render "\\Mdisk" (Undefined control sequence: \\Mdisk at position 1: \\Mdisk); the page shows its source instead' },
    { file: 'seeds/a.txt', line: 2, column: 1, severity: 'warning', ruleId: 'math-error', reason: 'KaTeX cannot render "x \\Mdisk" (Undefined control sequence: \\Mdisk at position 3); the page shows its source instead' },
  ]);
  assert.deepEqual([...counts], [['\\Mdisk', 2]]);
});
