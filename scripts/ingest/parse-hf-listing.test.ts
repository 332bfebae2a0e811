import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { isHfListing, parseHfListing } from './parse-hf-listing.ts';

const FIXTURE = 'scripts/ingest/fixtures/hf-listing.txt';
const text = readFileSync(FIXTURE, 'utf8');
const lines = text.split('\n');

test('should recognise a copied Hugging Face listing', () => {
  assert.equal(isHfListing(text), true);
  assert.equal(isHfListing('Abstract: one\nAbstract: two\n'), false);
});

test('should skip the page chrome and keep the listing date', () => {
  const result = parseHfListing(FIXTURE, text);
  assert.equal(result.listingDateLabel, 'Nov 6');
  assert.equal(result.records.length, 4);
  assert.ok(result.records.every((record) => !/Subscribe|Daily Papers|byAK/.test(record.title ?? '')));
  assert.deepEqual(result.messages, []);
});

test('should read titles, abstracts and their lines exactly', () => {
  const [first, , third] = parseHfListing(FIXTURE, text).records;
  assert.equal(first.title, 'Doubly Robust Instance-Reweighted Adversarial Training');
  assert.equal(first.line, 13);
  assert.equal(first.abstractLine, 15);
  assert.equal(first.abstract, lines[14]);
  assert.match(first.abstract, /^Assigning importance weights .* Codes will be available soon\.$/);
  assert.equal(third.title, 'Optimizing What Matters: AUC-Driven Learning for Robust Neural Retrieval');
  assert.equal(third.abstractLine, 31);
  assert.equal(third.abstract, lines[30]);
});

test('should read author counts, organisations, dates and upvotes', () => {
  const records = parseHfListing(FIXTURE, text).records;
  const metadata = records.map(({ authorsCount, organization, dateLabel, upvotes }) => ({ authorsCount, organization, dateLabel, upvotes }));
  assert.deepEqual(metadata, [
    { authorsCount: 4, organization: undefined, dateLabel: 'Aug 1, 2023', upvotes: undefined },
    { authorsCount: 4, organization: undefined, dateLabel: 'Feb 6, 2023', upvotes: undefined },
    // `ServiceNow-AI ServiceNow-AI` is the avatar's text followed by the name.
    { authorsCount: undefined, organization: 'ServiceNow-AI', dateLabel: 'Sep 30', upvotes: 2 },
    { authorsCount: 2, organization: undefined, dateLabel: 'Sep 13', upvotes: 2 },
  ]);
});

test('should reject a title without an abstract, with its position', () => {
  const abstract = 'A'.repeat(250) + '.';
  const dump = ['Daily Papers', '', 'Orphan Title', '', 'Real Title', '', abstract, ''].join('\n');
  const result = parseHfListing('x.txt', dump);
  assert.equal(result.records.length, 1);
  assert.equal(result.records[0].title, 'Real Title');
  assert.equal(result.rejected, 1);
  assert.deepEqual(
    result.messages.map(({ line, column, ruleId }) => ({ line, column, ruleId })),
    [{ line: 3, column: 1, ruleId: 'missing-abstract' }],
  );
});

test('should keep an abstract whose title line is missing, and say so', () => {
  const abstract = 'B'.repeat(250) + '.';
  const dump = ['Daily Papers', '', abstract, '', '  • 3 authors', '·', 'Jan 2, 2023', ''].join('\n');
  const result = parseHfListing('x.txt', dump);
  assert.equal(result.records.length, 1);
  assert.equal(result.records[0].title, undefined);
  assert.equal(result.records[0].authorsCount, 3);
  assert.equal(result.records[0].dateLabel, 'Jan 2, 2023');
  assert.equal(result.messages[0].ruleId, 'missing-title');
  assert.equal(result.messages[0].line, 3);
});
