import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { copyProject } from './helpers/project-copy.ts';
import { ABSTRACTS_FILE_ENV, AbstractsWriter, readAbstract } from '../src/lib/abstract-files.ts';
import { storedAbstracts } from './helpers/abstracts.ts';

const site = copyProject();
after(() => site.cleanup());

/** `astro sync` in the copy: runs the papers loader. */
function sync(env: Record<string, string> = {}, args: string[] = []): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'sync', ...args], {
    cwd: site.dir,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ATLAS_QUIET_SITE: '1', ...env },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// A paper file edited by hand (or by anything but the ingest) so that its body holds MDX code:
// the loader parses the body as MDX but never evaluates it, and refuses it with the file's name.
test('should refuse a paper body that holds JSX or an expression, naming the file', () => {
  const name = readdirSync(join(site.dir, 'content', 'papers')).sort()[0];
  const path = join(site.dir, 'content', 'papers', name);
  const original = readFileSync(path, 'utf8');
  for (const injected of ['<script>{globalThis.pwned = 1}</script>', 'Two is {1 + 1}.']) {
    writeFileSync(path, `${original}\n${injected}\n`);
    const { status, output } = sync();
    assert.notEqual(status, 0, `${injected} was accepted`);
    assert.match(output, new RegExp(`content/papers/${name.replace('.', '\\.')}: Paper bodies hold only text, math, emphasis, sub/superscript and small caps, but this one contains mdx`));
  }
  writeFileSync(path, original); // taken again: the next test's first sync
});

// Astro empties its content store when its config changes (setting ATLAS_SITE for a deploy does):
// the papers are stored again from their files and the abstracts store, not rendered again, and
// Astro's store ends up as a full render leaves it; --force renders them all.
test('should store papers again from the abstracts store when Astro empties its own, and render them all with --force', () => {
  const synced = sync(); // with the paper the test above broke put back as it was
  assert.equal(synced.status, 0, synced.output);
  const papers = readdirSync(join(site.dir, 'content', 'papers')).length;
  const moved = sync({ ATLAS_SITE: 'https://papers.example.net' });
  assert.equal(moved.status, 0, moved.output);
  assert.match(moved.output, /Astro config changed/);
  assert.match(moved.output, new RegExp(`${papers} papers, 0 rendered, ${papers} from cache \\(${papers} read back from the abstracts store\\)`));
  const storePath = join(site.dir, 'node_modules', '.astro', 'data-store.json');
  const restored = readFileSync(storePath, 'utf8');
  const forced = sync({ ATLAS_SITE: 'https://papers.example.net' }, ['--force']);
  assert.equal(forced.status, 0, forced.output);
  assert.match(forced.output, new RegExp(`${papers} papers, ${papers} rendered, 0 from cache`));
  assert.equal(readFileSync(storePath, 'utf8'), restored, 'the store read back differs from the store rendered');
});

test('should store abstracts by digest, read each back alone, and drop and compact what is no longer needed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-abstracts-'));
  const env = process.env[ABSTRACTS_FILE_ENV];
  try {
    const path = join(dir, 'atlas-abstracts.json');
    process.env[ABSTRACTS_FILE_ENV] = path;
    // Past the 1 MB the writer gathers before it writes, with what JSON has to escape: quotes,
    // backslashes, line separators, astral characters.
    const abstract = (index: number) => ({ html: `<p>"${'x'.repeat(400)}" \\alpha\u2028<span class="katex">𝑥</span> ${index}</p>`, text: `$\\alpha$ "${index}"\n${'y'.repeat(100)}`, excerpt: `$\\alpha$ "${index}".` });
    // What a page reads of a stored abstract.
    const shown = (index: number) => ({ html: abstract(index).html, text: abstract(index).text });
    const first = new AbstractsWriter(path);
    for (let index = 0; index < 3000; index += 1) first.add(`digest-${index}`, abstract(index));
    first.add('1234', { html: '<p>a numeric digest</p>', text: 'a numeric digest', excerpt: 'a numeric digest' });
    assert.deepEqual(first.close(), { dropped: 0 });
    const stored = storedAbstracts(path);
    assert.equal(stored.size, 3001);
    assert.deepEqual(stored.get('digest-2999'), abstract(2999));
    assert.deepEqual(readAbstract({ id: 'a', digest: 'digest-17' }), shown(17));
    assert.deepEqual(readAbstract({ id: 'b', digest: 1234 }), { html: '<p>a numeric digest</p>', text: 'a numeric digest' });
    assert.throws(() => readAbstract({ id: 'c', digest: 'unknown' }), /no abstract for paper c/);
    const [dataFile] = readdirSync(dir).filter((name) => name.endsWith('.data'));

    // The next run keeps a third and adds one: the two thirds are dropped, and since most of
    // the data file is dead, the live abstracts move to a new one and the old one goes.
    const second = new AbstractsWriter(path);
    assert.ok(second.has('digest-5') && !second.has('digest-new'));
    assert.equal(second.excerpt('digest-5'), abstract(5).excerpt);
    for (let index = 0; index < 1000; index += 1) second.keep(`digest-${index}`);
    second.add('digest-new', abstract(-1));
    assert.deepEqual(second.close(), { dropped: 2001 });
    const files = readdirSync(dir).sort();
    assert.equal(files.length, 2, `left: ${files.join(', ')}`);
    assert.ok(!files.includes(dataFile), 'the old data file is still there');
    assert.deepEqual([...storedAbstracts(path).keys()].sort(), [...Array.from({ length: 1000 }, (_, index) => `digest-${index}`), 'digest-new'].sort());
    assert.deepEqual(readAbstract({ id: 'd', digest: 'digest-999' }), shown(999));
    assert.deepEqual(readAbstract({ id: 'e', digest: 'digest-new' }), shown(-1));
    assert.throws(() => readAbstract({ id: 'f', digest: 'digest-1000' }), /no abstract for paper f/);

    // A run that fails leaves the index as it was; what it appended is never pointed at.
    const failed = new AbstractsWriter(path);
    failed.add('digest-lost', abstract(-2));
    failed.abort();
    assert.deepEqual([...storedAbstracts(path).keys()].length, 1001);
    assert.ok(!new AbstractsWriter(path).has('digest-lost'));

    // Another process appending meanwhile makes the offsets untrustworthy: the index stays as it was.
    const racing = new AbstractsWriter(path);
    racing.add('digest-race', abstract(-3));
    const [current] = readdirSync(dir).filter((name) => name.endsWith('.data'));
    appendFileSync(join(dir, current), 'another process');
    assert.throws(() => racing.close(), /written by another process/);
    assert.ok(!new AbstractsWriter(path).has('digest-race'));
    assert.deepEqual(readAbstract({ id: 'g', digest: 'digest-0' }), shown(0));
  } finally {
    if (env === undefined) delete process.env[ABSTRACTS_FILE_ENV];
    else process.env[ABSTRACTS_FILE_ENV] = env;
    rmSync(dir, { recursive: true, force: true });
  }
});
