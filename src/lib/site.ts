import config from 'virtual:atlas/config';

/** The site's name, in titles, feeds and link previews: `title` in atlas({ … }). */
export const SITE_NAME = config.title;

/** One line about the site, for the home page, the feed and link previews: `description` in atlas({ … }). */
export const SITE_DESCRIPTION = config.description;

/** The language of the abstracts (`language` in atlas({ … })): every page's `lang`. */
export const SITE_LANGUAGE = config.language;

/** Whether each paper has its own `.bib` file (`bibFiles` in atlas({ … })); else its page's download link carries the entry. */
export const PER_PAPER_BIB = config.bibFiles;
