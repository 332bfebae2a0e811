/**
 * How many times the papers loader has started in this process. Astro loads the loader through
 * Vite and the integrations natively, so each gets a copy of this module: the count lives on
 * `globalThis`, under a key both copies share. The dev server's author loop (src/integrations/
 * dev-ingest.ts) reads it to know whether `refreshContent()` really reloaded the papers: Astro
 * skips the reload, without a word, while it reloads its content configuration.
 */
const KEY = Symbol.for('abstract-atlas.papers-loads');
const counts = globalThis as unknown as Record<symbol, number | undefined>;

export function papersLoads(): number {
  return counts[KEY] ?? 0;
}

export function countPapersLoad(): void {
  counts[KEY] = papersLoads() + 1;
}
