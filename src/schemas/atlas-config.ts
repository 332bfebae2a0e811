import { z } from 'zod';

/** A BCP 47 language tag that Intl knows ("en", "de", "pt-BR"). */
const LanguageTag = z.string().refine((tag) => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}, 'must be a language tag such as "en", "de" or "pt-BR"');

/**
 * The atlas's options: what `atlas({ … })` in astro.config.mjs takes. The site reads them through
 * the integration; the ingest, the search index and the offline worker read the same call
 * (src/lib/atlas-config.ts). Every field has a default: `atlas()` alone is a working atlas.
 */
export const AtlasOptionsSchema = z.strictObject({
  /** The site's name: in every page's title, the header, the feeds and link previews. */
  title: z.string().trim().min(1, 'must not be empty').max(120).default('Abstract Atlas'),
  /** One line about the site: on the home page, in the feed and in link previews. */
  description: z.string().trim().min(1, 'must not be empty').max(300).default('Research-paper abstracts, by topic and listing, with math and offline search.'),
  /**
   * The language the abstracts are written in, as a BCP 47 tag: the pages' `lang`, the language
   * Pagefind stems search words by, and the format of dates. The interface text stays English.
   */
  language: LanguageTag.default('en'),
  /**
   * TeX macros for every formula in titles and abstracts, on top of the built-in ones (AASTeX's
   * `\sun`, `\micron`, `\la`…, src/lib/tex-macros.ts): the command with its backslash → what it
   * means, `#1`… for arguments, as KaTeX's `macros` option takes them.
   * Example: `{ '\\Msun': 'M_\\odot', '\\vect': '\\mathbf{#1}' }`.
   */
  katexMacros: z.record(z.string().regex(/^\\(?:[A-Za-z]+|[^A-Za-z\s])$/, 'a macro name is a backslash and a command name, such as "\\\\Msun"'), z.string()).default({}),
  /**
   * One `.bib` file per paper, at `/papers/<slug>.bib`. Off (the default), "Download .bib" is
   * made from the entry the paper's page already carries (a `data:` link, which works without
   * JavaScript and offline), so a paper is two files (its page and its search fragment): hosts
   * cap the number of files. `/papers.bib`, the whole collection, is always written. Turn it on
   * when per-paper `.bib` links have been published (the example atlas has).
   */
  bibFiles: z.boolean().default(false),
  search: z.strictObject({
    /**
     * Megabytes of paper text per part of the main search index. Pagefind needs about 100 times
     * this much memory while it writes a part; a reader's first search fetches a little more per
     * part. Lower it on a machine with little memory.
     */
    partMB: z.number().positive().max(1000).default(10),
    /**
     * The share of the papers the recent search index may hold before a build puts everything back
     * into the main index (0.05: 500 of 10,000 papers).
     */
    recentShare: z.number().min(0).max(1).default(0.05),
  }).prefault({}),
  offline: z.strictObject({
    /** Megabytes the offline worker stores on a reader's first visit (pages, search index), at most. */
    budgetMB: z.number().min(0).max(10_000).default(40),
  }).prefault({}),
});

/** What may be written in `atlas({ … })`. */
export type AtlasOptions = z.input<typeof AtlasOptionsSchema>;
/** The options with every default filled in. */
export type AtlasConfig = z.output<typeof AtlasOptionsSchema>;

/** For each option, an example of a right value, shown when a wrong one stops the build. */
export const OPTION_EXAMPLES: Readonly<Record<string, string>> = {
  title: `title: 'Pollination ecology'`,
  description: `description: 'Abstracts on plant–pollinator networks, 1990–2026.'`,
  language: `language: 'en'`,
  katexMacros: `katexMacros: { '\\\\Msun': 'M_\\\\odot' }`,
  bibFiles: `bibFiles: true`,
  search: `search: { partMB: 10, recentShare: 0.05 }`,
  'search.partMB': `search: { partMB: 10 }`,
  'search.recentShare': `search: { recentShare: 0.05 }`,
  offline: `offline: { budgetMB: 40 }`,
  'offline.budgetMB': `offline: { budgetMB: 40 }`,
};
