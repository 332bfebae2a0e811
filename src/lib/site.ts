/** The site's name, in titles, feeds and link previews. */
export const SITE_NAME = 'Abstract Atlas';

/** One line about the site, for the home page, the feed and link previews. */
export const SITE_DESCRIPTION = 'Research-paper abstracts, by topic and listing, with math and offline search.';
