import { z } from 'zod';

/** One place a paper was listed: the dump file, the line of its record, and the listing slug. */
export const SourceRefSchema = z.object({
  /** Dump file path relative to the project root, e.g. `seeds/003_….txt`. */
  file: z.string().min(1),
  /** 1-based line of the record (its title, or its abstract when untitled). */
  line: z.number().int().positive(),
  /** Slug of the listing page this dump is shown on (`/sources/<listing>/`). */
  listing: z.string().min(1),
});

/** One author: a person's given and family names, or one literal name for an organisation or a mononym ("OpenAI"). */
export const AuthorSchema = z
  .object({
    /** Given names, as the source writes them ("Diederik P."). */
    given: z.string().min(1).optional(),
    /** Family name with its particles ("de la Fuente"). */
    family: z.string().min(1).optional(),
    /** A name that is not split into parts. */
    literal: z.string().min(1).optional(),
    /** The slug of this author's page before the name's TeX was decoded (`Paczy\'nski`); that page redirects to the current one. */
    formerSlug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).optional(),
  })
  .strict()
  .refine((name) => name.literal !== undefined || name.family !== undefined, { message: 'an author needs a family or a literal name' });

/**
 * The frontmatter of `content/papers/<slug>.mdx`: the content contract between the
 * ingest (which validates before writing) and the site (which validates on load). The body
 * after it is MDX made only of paragraphs, section headings, lists, emphasis, strong,
 * `<sub>`, `<sup>`, `<span className="small-caps">`, text, links and `$…$` / `$$…$$` math:
 * no imports, expressions, other elements or attributes (src/lib/render-abstract.ts refuses them).
 */
export const PaperSchema = z.object({
  /**
   * Title as plain text, whitespace-normalised: the source's markup (TeX, Zotero rich text)
   * decoded and its formatting left out; math stays `$…$`. Used for `<title>`, meta tags, feeds,
   * search and slugs.
   */
  title: z.string().min(1),
  /**
   * The title with its inline formatting, as MDX phrasing (emphasis `*…*`, strong `**…**`,
   * `<sub>`, `<sup>`, `<span className="small-caps">`, math `$…$`; nothing else), present only
   * when the source formats the title. The paper's heading shows it.
   */
  titleMarkup: z.string().min(1).optional(),
  /** True when the source had no title and it was derived from the abstract's own words. */
  titleDerived: z.boolean(),
  /** Full ISO date (YYYY-MM-DD) when known; the year may come from `seeds/sources.yaml`. */
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** The date exactly as the source wrote it, e.g. `Sep 13` or `Mar 26, 2024`. */
  publishedLabel: z.string().optional(),
  /** Year of publication, when a bibliography gives one (with or without a full date). */
  year: z.number().int().min(1000).max(9999).optional(),
  /** Authors in order, from a bibliography (BibTeX, RIS, CSL-JSON, arXiv). */
  authors: z.array(AuthorSchema).optional(),
  /** Number of authors, from a `• N authors` line (copied listings name no authors). */
  authorsCount: z.number().int().nonnegative().optional(),
  /** DOI without a resolver prefix, e.g. `10.48550/arXiv.1412.6980`. */
  doi: z.string().regex(/^10\.\d{4,9}\/\S+$/).optional(),
  /** arXiv identifier without its version, e.g. `1412.6980`. */
  arxiv: z.string().min(1).optional(),
  /** A link to the paper other than its DOI or arXiv page. */
  url: z.string().url().optional(),
  /** Journal, proceedings or container title. */
  venue: z.string().min(1).optional(),
  /** Whether the venue is a journal or a conference (decides `@article` or `@inproceedings`). */
  venueType: z.enum(['journal', 'conference']).optional(),
  /** Keywords the bibliography gives. */
  keywords: z.array(z.string().min(1)).optional(),
  /** Subject codes the source files the paper under: arXiv categories, the primary first (`astro-ph.GA`). */
  subjects: z.array(z.string().min(1)).optional(),
  /** Organisation named by the listing instead of an author count. */
  organization: z.string().optional(),
  /** Upvote count that trailed the date line. */
  upvotes: z.number().int().nonnegative().optional(),
  /** Topic slugs, primary first. */
  topics: z.array(z.string()),
  /** Slugs of related papers, best first. */
  related: z.array(z.string()),
  /** Every place the paper was listed, in the order the ingest read them. */
  sources: z.array(SourceRefSchema).min(1),
  /** Earlier slugs of this paper that must keep working. */
  aliases: z.array(z.string()).optional(),
});

/** Validated paper frontmatter. */
export type Paper = z.infer<typeof PaperSchema>;
/** What citations (head tags, BibTeX) say of a paper beyond its title. */
export type PaperBibliography = Pick<Paper, 'published' | 'year' | 'authors' | 'doi' | 'arxiv' | 'venue' | 'venueType'>;
/** One author of a paper. */
export type Author = z.infer<typeof AuthorSchema>;
/** One listing place of a paper. */
export type SourceRef = z.infer<typeof SourceRefSchema>;
