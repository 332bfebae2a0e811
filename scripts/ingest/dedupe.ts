import { quote, warn } from './messages.ts';
import type { Message, NormalRecord, PaperDraft } from './types.ts';

const fingerprints = new Map<string, string>();

/** The text that identifies an abstract: case, spacing and punctuation do not matter. (Computed once per text: dedupe, slugs and the registry all ask.) */
export function abstractFingerprint(text: string): string {
  let fingerprint = fingerprints.get(text);
  if (fingerprint === undefined) {
    fingerprint = text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    fingerprints.set(text, fingerprint);
  }
  return fingerprint;
}

/** Remember a fingerprint computed in an earlier run (the dump cache keeps them). */
export function primeFingerprint(text: string, fingerprint: string): void {
  fingerprints.set(text, fingerprint);
}

/** The title as used for identity. */
export function titleKey(title: string): string {
  return abstractFingerprint(title);
}

/** A merge of one record into an earlier one, for the report. */
export interface Merge {
  /** The paper the record was merged into. */
  paper: PaperDraft;
  /** The record the paper was first read from. */
  kept: NormalRecord;
  merged: NormalRecord;
}

/** The identities of a record: its abstract, and its DOI and arXiv id when a bibliography gives them. */
function identities(record: NormalRecord): { key: string; label: string }[] {
  const keys = [{ key: `abstract:${abstractFingerprint(record.abstractText)}`, label: 'abstract' }];
  const doi = record.raw.bibliographic?.doi;
  if (doi) keys.push({ key: `doi:${doi.toLowerCase()}`, label: `DOI ${doi}` });
  const arxiv = record.raw.bibliographic?.arxiv;
  if (arxiv) keys.push({ key: `arxiv:${arxiv.toLowerCase()}`, label: `arXiv id ${arxiv}` });
  return keys;
}

/**
 * Merge records of the same paper, across dumps and formats. Identity is the abstract (after
 * normalization), or the same DOI, or the same arXiv id: a paper copied from a listing and
 * exported from Zotero is one paper with every source kept. The first record read (files in
 * name order) keeps its title, abstract and date; a second title is reported, never silent.
 * Two different abstracts under one title, with no shared identifier, stay two papers.
 */
export function dedupe(records: readonly NormalRecord[]): { papers: PaperDraft[]; merges: Merge[]; messages: Message[] } {
  const byIdentity = new Map<string, PaperDraft>();
  const byTitle = new Map<string, PaperDraft>();
  const papers: PaperDraft[] = [];
  const merges: Merge[] = [];
  const messages: Message[] = [];
  for (const record of records) {
    const keys = identities(record);
    const match = keys.find(({ key }) => byIdentity.has(key));
    const existing = match ? byIdentity.get(match.key) : undefined;
    if (existing && match) {
      const kept = existing.primary;
      if (!record.titleDerived && !kept.titleDerived && titleKey(record.title) !== titleKey(kept.title)) {
        messages.push(
          warn(record.raw.file, record.raw.line, 1,
            `Same ${match.label} as ${kept.raw.file}:${kept.raw.line} under another title; merged, keeping ${quote(kept.title)} (the first file read wins)`,
            'title-conflict'),
        );
      }
      if (match.label !== 'abstract' && abstractFingerprint(record.abstractText) !== abstractFingerprint(kept.abstractText)) {
        messages.push(
          warn(record.raw.file, record.raw.line, 1,
            `Same ${match.label} as ${kept.raw.file}:${kept.raw.line} but another abstract; merged, keeping the abstract of ${kept.raw.file}:${kept.raw.line}`,
            'abstract-conflict'),
        );
      }
      const dated = existing.records.find((each) => each.published !== undefined);
      if (dated?.published && record.published && record.published !== dated.published) {
        messages.push(
          warn(record.raw.file, record.raw.line, 1,
            `Same paper as ${dated.raw.file}:${dated.raw.line} but dated ${record.published}; merged, keeping ${dated.published} (the first file read wins)`,
            'date-conflict'),
        );
      }
      // A real title beats a derived one, wherever it was listed.
      if (kept.titleDerived && !record.titleDerived) {
        existing.primary = { ...kept, title: record.title, titleDerived: false };
      }
      existing.records.push(record);
      for (const { key } of keys) if (!byIdentity.has(key)) byIdentity.set(key, existing);
      merges.push({ paper: existing, kept, merged: record });
      continue;
    }
    const paper: PaperDraft = { primary: record, records: [record], slug: '', aliases: [], topics: [], related: [] };
    const sameTitle = record.titleDerived ? undefined : byTitle.get(titleKey(record.title));
    if (sameTitle) {
      messages.push(
        warn(record.raw.file, record.raw.line, 1,
          `Same title as ${sameTitle.primary.raw.file}:${sameTitle.primary.raw.line} but a different abstract; kept as two papers`,
          'same-title-different-abstract'),
      );
    } else if (!record.titleDerived) {
      byTitle.set(titleKey(record.title), paper);
    }
    for (const { key } of keys) byIdentity.set(key, paper);
    papers.push(paper);
  }
  return { papers, merges, messages };
}
