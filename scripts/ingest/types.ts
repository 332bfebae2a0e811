import type { PhrasingContent, Root } from 'mdast';

/** A problem found in the input, tied to the place it was found. */
export interface Message {
  /** Project-relative path of the file, e.g. `seeds/003_….txt`. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  severity: 'warning' | 'error';
  /** What is wrong and, where it helps, how to fix it. */
  reason: string;
  /** Stable kebab-case id of the rule that raised it. */
  ruleId: string;
}

/** One paper as one dump lists it, before any cleaning. */
export interface RawRecord {
  /** Project-relative path of the dump. */
  file: string;
  /** 1-based line where the record starts (its title, or its abstract when untitled). */
  line: number;
  /** Title line, when the format has titles. */
  title?: string;
  /** The abstract text as it stands in the dump. */
  abstract: string;
  /** 1-based line of the abstract. */
  abstractLine: number;
  /** 1-based column where the abstract text starts on its line. */
  abstractColumn: number;
  /** The date line as written, without its upvote count. */
  dateLabel?: string;
  /** 1-based line of the date, for messages. */
  dateLine?: number;
  authorsCount?: number;
  organization?: string;
  upvotes?: number;
  /** What a bibliography (BibTeX, RIS, CSL-JSON, arXiv Atom) says of the paper. */
  bibliographic?: Bibliographic;
  /**
   * The markup conventions the title and abstract are written in, rendered as what they mean:
   * `tex`, TeX-flavoured text (arXiv); `rich`, a reference manager's (Zotero's rich text in
   * titles, JATS in abstracts, TeX accents such as `\"o`). Absent: plain text, shown as it is.
   */
  markup?: 'tex' | 'rich';
}

/** One author as a bibliography names them: a person's given and family names, or one literal name ("OpenAI"). */
export interface AuthorName {
  given?: string;
  family?: string;
  literal?: string;
  /** The author page this name had before its TeX was decoded, which redirects to the new one. */
  formerSlug?: string;
}

/** Metadata that bibliography formats carry and copied listings lack. */
export interface Bibliographic {
  /** In the source's order. */
  authors: AuthorName[];
  /** DOI without a resolver prefix, e.g. `10.48550/arXiv.1412.6980`. */
  doi?: string;
  /** arXiv identifier without its version, e.g. `1412.6980` or `hep-th/9901001`. */
  arxiv?: string;
  /** A link to the paper that is neither its DOI nor its arXiv page. */
  url?: string;
  /** Journal, proceedings or container title. */
  venue?: string;
  /** What kind of publication the venue is. */
  venueType?: 'journal' | 'conference';
  keywords: string[];
  /** Subject codes the source files the paper under: arXiv categories, the primary first (`astro-ph.GA`, `hep-th`). */
  subjects?: string[];
  /** The date the source gives: YYYY, YYYY-MM or YYYY-MM-DD. */
  issued?: string;
}

/** What one parser made of one dump. */
export interface ParsedFile {
  file: string;
  /** Name of the parser that recognised the file (`empty` or `binary` when it held no text). */
  format: string;
  /** The encoding its bytes were read in, when it was text. */
  encoding?: string;
  records: RawRecord[];
  /** Listing date printed at the top of the dump (`Nov 6`), if any. */
  listingDateLabel?: string;
  /** Records that were read but could not be used; each has a message saying why. */
  rejected: number;
  messages: Message[];
}

/** What `seeds/sources.yaml` says of one dump. */
export interface SourceInfo {
  /** Dump file name, e.g. `003_….txt`. */
  name: string;
  label: string;
  listing: string;
  /** Capture day, YYYY-MM-DD. */
  captured?: string;
}

/** A record after normalize: clean text, a syntax tree for the abstract, resolved dates. */
export interface NormalRecord {
  raw: RawRecord;
  listing: string;
  title: string;
  titleDerived: boolean;
  /** The title with its inline formatting as mdast phrasing, when the source formats it (`title` is its plain text). */
  titlePhrasing?: PhrasingContent[];
  /** Whitespace-normalised abstract text as the source wrote it, used for identity. */
  abstractText: string;
  /** The abstract as mdast (paragraphs of text and math). */
  body: Root;
  published?: string;
  publishedLabel?: string;
  /** Year of publication from a bibliography. */
  year?: number;
}

/** One paper after dedupe: the first record wins; every listing is kept. */
export interface PaperDraft {
  /** The record whose text and metadata the paper shows. */
  primary: NormalRecord;
  /** Every record of this paper, primary first. */
  records: NormalRecord[];
  slug: string;
  /** Earlier slugs of this paper (its title was corrected); each keeps redirecting here. */
  aliases: string[];
  topics: string[];
  related: string[];
}
