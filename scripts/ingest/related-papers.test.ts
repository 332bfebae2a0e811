import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { assignSlugs } from './assign-slugs.ts';
import { dedupe } from './dedupe.ts';
import { normalizeAll } from './normalize.ts';
import { parseSeeds } from './parse.ts';
import { relatePapers, RELATED_COUNT } from './related-papers.ts';
import type { PaperDraft } from './types.ts';

/** The seed papers, named as the ingest names them. */
function seedPapers(): PaperDraft[] {
  const parsed = parseSeeds(join(import.meta.dirname, '..', '..', 'seeds'));
  const normal = normalizeAll(parsed.files, parsed.sources);
  return assignSlugs(dedupe(normal.records).papers, {}).papers;
}

const listsOf = (papers: readonly PaperDraft[]) => new Map(papers.map((paper) => [paper.slug, paper.related]));

test('related lists: papers added later change only the lists they clearly belong in', () => {
  const papers = seedPapers();
  assert.ok(papers.length > 100);
  const old = papers.slice(0, papers.length - 3);
  const added = papers.slice(papers.length - 3);
  // An added paper that repeats an old one's abstract under another title belongs in its list.
  const twin = structuredClone(old[3]);
  twin.slug = 'a-twin-of-an-old-paper';
  twin.primary.title = 'A twin of an old paper';
  const newSlugs = new Set([...added.map((paper) => paper.slug), twin.slug]);

  const before = listsOf(relatePapers(old));
  const after = relatePapers([...old, ...added, twin], before);
  const fresh = listsOf(relatePapers([...old, ...added, twin]));
  let changed = 0;
  for (const paper of after) {
    assert.ok(paper.related.length <= RELATED_COUNT);
    assert.ok(!paper.related.includes(paper.slug), `${paper.slug} lists itself`);
    const previous = before.get(paper.slug);
    if (previous === undefined) {
      assert.deepEqual(paper.related, fresh.get(paper.slug), 'a new paper gets the list a full computation gives');
    } else if (previous.join() !== paper.related.join()) {
      changed += 1;
      assert.deepEqual(paper.related, fresh.get(paper.slug), 'a list that changes is chosen afresh');
    }
  }
  assert.ok(after.find((paper) => paper.slug === old[3].slug)!.related.includes(twin.slug), 'the twin entered its original\'s list');
  const churn = [...before.keys()].filter((slug) => before.get(slug)!.join() !== fresh.get(slug)!.join()).length;
  assert.ok(changed < churn, `kept lists changed ${changed} times, a full computation ${churn}`);
  assert.ok(changed <= newSlugs.size * RELATED_COUNT, `${changed} lists changed for ${newSlugs.size} new papers`);
  // Kept lists hold: the next build changes nothing.
  assert.deepEqual(listsOf(relatePapers([...old, ...added, twin], listsOf(after))), listsOf(after));
});

test('related lists: a list naming a paper that is gone, or itself, is chosen afresh', () => {
  const papers = seedPapers();
  const fresh = listsOf(relatePapers(papers));
  const [first, second] = papers;
  const previous = new Map([
    [first.slug, ['no-such-paper', ...fresh.get(first.slug)!.slice(1)]],
    [second.slug, [second.slug, ...fresh.get(second.slug)!.slice(1)]],
  ]);
  const result = listsOf(relatePapers(papers, previous));
  assert.deepEqual(result.get(first.slug), fresh.get(first.slug));
  assert.deepEqual(result.get(second.slug), fresh.get(second.slug));
});
