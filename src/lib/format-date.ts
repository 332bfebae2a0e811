import { SITE_LANGUAGE } from './site.ts';

// Dates in the abstracts' language (`language` in atlas({ … })); English as in Britain: 4 December 2026.
const LONG = new Intl.DateTimeFormat(SITE_LANGUAGE === 'en' ? 'en-GB' : SITE_LANGUAGE, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** What a reader sees for a paper's date: the full day when known, else the source's own words. */
export function formatDate(published?: string, label?: string): string | undefined {
  if (published) return LONG.format(new Date(`${published}T00:00:00Z`));
  return label;
}
