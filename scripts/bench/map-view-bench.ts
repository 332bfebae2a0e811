/**
 * What a reader's first visit to `/map/` costs, in Chromium with its CPU slowed down 4× (as
 * Lighthouse's mobile runs do): the time from navigation to the first points drawn, and the bytes
 * fetched until then (gzip-compressed, as a host sends them: the local server sends them raw).
 * `npm run bench -- --papers 10000 --map-view`.
 */
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../../tests/helpers/browser.ts';
import { serveStatic } from '../../tests/helpers/serve.ts';

export interface MapViewMeasure {
  /** Milliseconds from navigation to the map page's `atlas-map-drawn` mark. */
  drawnMs: number;
  /** Requests before that, and their bytes raw and gzip-compressed. */
  requests: number;
  rawBytes: number;
  gzipBytes: number;
  /** The largest of them, by compressed size. */
  largest: { path: string; gzipBytes: number }[];
}

/** Open `dist`'s map with 4× CPU slow-down, `runs` times (the median is reported). */
export async function measureMapView(dist: string, runs = 3): Promise<MapViewMeasure> {
  const server = await serveStatic(dist);
  const browser = await launchBrowser();
  try {
    const measures: MapViewMeasure[] = [];
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 } }); // a fresh cache each time
      const page = await context.newPage();
      const session = await context.newCDPSession(page);
      await session.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const bodies: Promise<{ path: string; raw: number; gzip: number } | undefined>[] = [];
      let drawn = false;
      page.on('response', (response) => {
        if (drawn || !response.url().startsWith(server.url)) return;
        bodies.push(response.body().then((body) => ({ path: new URL(response.url()).pathname, raw: body.length, gzip: gzipSync(body).length }), () => undefined));
      });
      await page.goto(`${server.url}map/`);
      await page.waitForSelector('[data-map-frame][data-drawn]', { timeout: 60_000 });
      drawn = true;
      const drawnMs = await page.evaluate(() => performance.getEntriesByName('atlas-map-drawn')[0]?.startTime ?? Number.NaN);
      const fetched = (await Promise.all(bodies)).filter((body) => body !== undefined);
      measures.push({
        drawnMs,
        requests: fetched.length,
        rawBytes: fetched.reduce((sum, body) => sum + body.raw, 0),
        gzipBytes: fetched.reduce((sum, body) => sum + body.gzip, 0),
        largest: fetched.sort((a, b) => b.gzip - a.gzip).slice(0, 3).map((body) => ({ path: body.path, gzipBytes: body.gzip })),
      });
      await context.close();
    }
    return measures.sort((a, b) => a.drawnMs - b.drawnMs)[Math.floor(runs / 2)];
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The bench's line for it. */
export function formatMapView(measure: MapViewMeasure): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  return `map (4× CPU slow-down, median of 3): first points drawn ${(measure.drawnMs / 1000).toFixed(2)} s after navigation; ${measure.requests} requests before that, ${kb(measure.gzipBytes)} gzip (${kb(measure.rawBytes)} raw); largest: ${measure.largest.map((entry) => `${entry.path} ${kb(entry.gzipBytes)}`).join(', ')}`;
}
