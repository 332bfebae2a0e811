import { z } from 'zod';

/** One dump as a listing: written by the ingest to `content/listings.json`. */
export const ListingSchema = z.object({
  /** URL slug of the listing page (`/sources/<id>/`). */
  id: z.string().min(1),
  /** Human name of the listing, from `seeds/sources.yaml` or the file name. */
  label: z.string().min(1),
  /** Dump file path relative to the project root. */
  file: z.string().min(1),
  /** Day the dump was captured (YYYY-MM-DD), when known. */
  captured: z.string().optional(),
  /** Listing date printed at the top of the dump (`Nov 6`), when any. */
  listingDateLabel: z.string().optional(),
  /** Slugs of the papers this dump lists, in the dump's own order. */
  papers: z.array(z.string()),
});

/** Validated listing. */
export type Listing = z.infer<typeof ListingSchema>;
