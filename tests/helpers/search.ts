import type { Page } from 'playwright-core';

/** What the search page shows once it has answered. */
export interface SearchView {
  status: string;
  /** Total number of papers found, from the status line (0 when none). */
  count: number;
  results: { title: string; href: string; meta: string; excerpt: string; marks: string[] }[];
}

/** Wait until the search page has answered the current query, then read what it shows. */
export async function readSearch(page: Page): Promise<SearchView> {
  await page.waitForFunction(() => {
    const status = document.querySelector('[data-search-status]')?.textContent ?? '';
    return /papers? (for|in)|No papers/.test(status);
  }, undefined, { timeout: 20_000 });
  return page.evaluate(() => {
    const status = document.querySelector('[data-search-status]')?.textContent ?? '';
    return {
      status,
      count: Number(/^(\d+) papers?/.exec(status)?.[1] ?? 0),
      results: [...document.querySelectorAll('[data-search-results] .result')].map((item) => ({
        title: item.querySelector('h2')?.textContent ?? '',
        href: item.querySelector('h2 a')?.getAttribute('href') ?? '',
        meta: item.querySelector('.result-meta')?.textContent ?? '',
        excerpt: item.querySelector('.result-excerpt')?.textContent ?? '',
        marks: [...item.querySelectorAll('.result-excerpt mark')].map((mark) => mark.textContent ?? ''),
      })),
    };
  });
}

/** Let the search page answer a change made by the test before reading it again. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !(document.querySelector('[data-search-status]')?.textContent ?? '').startsWith('Searching'));
}
