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

/**
 * Merge records of the same paper. Identity is the abstract: the same abstract listed in
 * several dumps is one paper with every listing kept. Two different abstracts under one
 * title stay two papers (reported), never a silent merge.
 */
export function dedupe(records: readonly NormalRecord[]): { papers: PaperDraft[]; merges: Merge[]; messages: Message[] } {
  const byAbstract = new Map<string, PaperDraft>();
  const byTitle = new Map<string, PaperDraft>();
  const papers: PaperDraft[] = [];
  const merges: Merge[] = [];
  const messages: Message[] = [];
  for (const record of records) {
    const key = abstractFingerprint(record.abstractText);
    const existing = byAbstract.get(key);
    if (existing) {
      const kept = existing.primary;
      if (!record.titleDerived && !kept.titleDerived && titleKey(record.title) !== titleKey(kept.title)) {
        messages.push(
          warn(record.raw.file, record.raw.line, 1,
            `Same abstract as ${kept.raw.file}:${kept.raw.line} under another title; merged, keeping ${quote(kept.title)}`,
            'title-conflict'),
        );
      }
      // A real title beats a derived one, wherever it was listed.
      if (kept.titleDerived && !record.titleDerived) {
        existing.primary = { ...kept, title: record.title, titleDerived: false };
      }
      existing.records.push(record);
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
    byAbstract.set(key, paper);
    papers.push(paper);
  }
  return { papers, merges, messages };
}
