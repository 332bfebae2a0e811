import { basename } from 'node:path';
import { ListingSchema, type Listing } from '../../src/schemas/listing.ts';
import type { PaperDraft, ParsedFile, SourceInfo } from './types.ts';

/** Every dump as a listing, with its papers in the dump's own order, as stable JSON. */
export function serializeListings(
  files: readonly ParsedFile[],
  sources: ReadonlyMap<string, SourceInfo>,
  papers: readonly PaperDraft[],
): string {
  const slugAt = new Map<string, string>();
  for (const paper of papers) {
    for (const record of paper.records) slugAt.set(`${record.raw.file}:${record.raw.line}`, paper.slug);
  }
  const listings: Listing[] = files.map((file) => {
    const source = sources.get(basename(file.file));
    const listing: Listing = {
      id: source?.listing ?? basename(file.file, '.txt'),
      label: source?.label ?? basename(file.file),
      file: file.file,
      captured: source?.captured,
      listingDateLabel: file.listingDateLabel,
      papers: file.records.map((record) => slugAt.get(`${record.file}:${record.line}`)).filter((slug) => slug !== undefined),
    };
    return ListingSchema.parse(listing);
  });
  return `${JSON.stringify(listings, null, 2)}\n`;
}
