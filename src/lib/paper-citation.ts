import { bibtexEntry } from './bibtex.ts';
import { listingIds, type ListingEntry } from './get-listings.ts';
import type { PaperEntry } from './get-papers.ts';
import type { PermalinkEntry } from './get-permalinks.ts';
import { absoluteUrl, paperPath } from './urls.ts';

/** The absolute, permanent URL of a paper's page. */
export function paperPermalink(slug: string): string {
  return absoluteUrl(paperPath(slug));
}

/** Names of the listings a paper came from, each once, in reading order. */
export function listingLabels(paper: PaperEntry, listings: ReadonlyMap<string, ListingEntry>): string[] {
  return listingIds(paper).map((id) => listings.get(id)?.data.label ?? id);
}

/** The BibTeX entry of a paper, the same on its page and in its `.bib` file. */
export function paperBibtex(paper: PaperEntry, listings: ReadonlyMap<string, ListingEntry>): string {
  return bibtexEntry({
    key: paper.id,
    title: paper.data.title,
    titleMarkup: paper.data.titleMarkup,
    titleDerived: paper.data.titleDerived,
    published: paper.data.published,
    year: paper.data.year,
    authors: paper.data.authors,
    doi: paper.data.doi,
    arxiv: paper.data.arxiv,
    venue: paper.data.venue,
    venueType: paper.data.venueType,
    url: paperPermalink(paper.id),
    listings: listingLabels(paper, listings),
  });
}

/** The BibTeX entry left at a removed paper's `.bib` address: its title and its (notice) page. */
export function removedPaperBibtex(entry: PermalinkEntry): string {
  return bibtexEntry({ key: entry.id, title: entry.data.title, titleDerived: false, url: paperPermalink(entry.id), listings: [] });
}
