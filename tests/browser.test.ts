import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchBrowser, untilOffline, watchCsp, WITH_OFFLINE_WORKER } from './helpers/browser.ts';
import type { copyProject } from './helpers/project-copy.ts';
import { readSearch, settle } from './helpers/search.ts';
import { serveStatic } from './helpers/serve.ts';
import { lonelyPoint, mapDrawn, pointOnPage, readBuiltMap, tipText, type BuiltMap } from './helpers/map.ts';
import { sharedSeeds } from './helpers/shared-builds.ts';

let site: ReturnType<typeof copyProject>;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
let csp: string[] = [];
let map: BuiltMap;

before(async () => {
  // (tests/search-index.test.ts searches a main index with a recent one merged into it.)
  site = sharedSeeds('seeds'); // read only: pages served, nothing built
  server = await serveStatic(join(site.dir, 'dist'));
  map = readBuiltMap(join(site.dir, 'dist'));
  browser = await launchBrowser();
  csp = watchCsp(browser);
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

/** Record every request the pages (and the offline worker) of a context make that leaves the site's origin. */
function watchForeign(context: BrowserContext): string[] {
  const origin = new URL(server.url).origin;
  const foreign: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  return foreign;
}

test('should find the D-GraB paper first by a word inside its math, with a readable excerpt, and highlight it on the page', async () => {
  const page = await browser.newPage();
  const foreign = watchForeign(page.context());
  await page.goto(`${server.url}topics/`);
  await page.getByLabel('Search papers').fill('PairBalance');
  await page.getByLabel('Search papers').press('Enter');
  await page.waitForURL(/\/search\/\?q=PairBalance$/);
  const view = await readSearch(page);
  assert.match(view.results[0].title, /^D-GraB that involves two novel designs$/);
  // Each formula once, as text: no TeX source beside it, no doubled letters.
  assert.ok(view.results[0].marks.length >= 1 && view.results[0].marks.every((mark) => mark === 'PairBalance'), view.results[0].excerpt);
  assert.doesNotMatch(view.results[0].excerpt, /\\textsf|PairBalance\s*PairBalance|PairBalance\{/);
  assert.match(view.results[0].excerpt, /\(1\) PairBalance that eliminates/);
  assert.match(view.results[0].meta, /^Undated · Data selection/);

  const denotes = await (async () => {
    await page.goto(`${server.url}search/?q=denotes+workers`);
    return readSearch(page);
  })();
  const grab = denotes.results.find((result) => result.title.startsWith('D-GraB'));
  assert.ok(grab, 'the D-GraB paper is found by words next to its formulas');
  assert.match(grab.excerpt, /where n denotes the number of parallel workers, m denotes/);

  await page.goto(`${server.url}search/?q=PairBalance`);
  await readSearch(page);
  await page.locator('[data-search-results] h2 a').first().click();
  await page.waitForURL(/\/papers\/gradient-balancing-grab[^?]*\?highlight=pairbalance$/i);
  await page.locator('.search-hit').first().waitFor();
  assert.deepEqual(await page.locator('.search-hit').allInnerTexts(), ['PairBalance', 'PairBalance']);
  assert.ok((await page.locator('article .katex').count()) >= 2, 'math is rendered');
  assert.deepEqual(foreign, [], 'requests left the site');
  await page.close();
});

test('should focus the header search box with / and with Ctrl+K', async () => {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'site-search');
  await page.locator('h1').first().click();
  await page.keyboard.press('Control+k');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'site-search');
  await page.goto(`${server.url}search/`);
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'q', 'the search page focuses its own box');
  await page.close();
});

test('should answer /search/?q=quantization on load, and restore filters from a deep link', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}search/?q=quantization`);
  const view = await readSearch(page);
  assert.equal(await page.inputValue('#q'), 'quantization');
  assert.ok(view.count >= 3, view.status);
  assert.ok(view.results.some((result) => result.marks.some((mark) => /^quantiz/i.test(mark))));
  await page.goto(`${server.url}search/?q=learning&topic=pruning-sparsity&sort=newest`);
  const deep = await readSearch(page);
  assert.equal(await page.inputValue('select[name="topic"]'), 'pruning-sparsity');
  assert.equal(await page.inputValue('select[name="sort"]'), 'newest');
  assert.ok(deep.count >= 1 && deep.results.every((result) => result.meta.includes('Pruning')), deep.status);
  await page.close();
});

test('should narrow results with topic and year filters, keep them in the URL, and go back', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}search/?q=learning`);
  const all = await readSearch(page);
  assert.ok(all.count > 20, all.status);

  await page.selectOption('select[name="topic"]', 'pruning-sparsity');
  await page.waitForURL(/\?q=learning&topic=pruning-sparsity$/);
  const topic = await readSearch(page);
  assert.ok(topic.count > 0 && topic.count < all.count, `${topic.count} of ${all.count}`);
  for (const result of topic.results) assert.match(result.meta, /Pruning and sparsity/);

  await page.selectOption('select[name="topic"]', '');
  await page.selectOption('select[name="year"]', '2025');
  await page.waitForURL(/\?q=learning&year=2025$/);
  const year = await readSearch(page);
  assert.ok(year.count > 0 && year.count < all.count, `${year.count} of ${all.count}`);
  for (const result of year.results) assert.match(result.meta, /2025/);

  // Back: the unfiltered search, then the topic filter, each restored from the URL.
  await page.goBack();
  await page.waitForURL(/\?q=learning$/);
  await settle(page);
  assert.equal((await readSearch(page)).count, all.count);
  assert.equal(await page.inputValue('select[name="year"]'), '');
  await page.goBack();
  await page.waitForURL(/\?q=learning&topic=pruning-sparsity$/);
  await settle(page);
  assert.equal((await readSearch(page)).count, topic.count);
  assert.equal(await page.inputValue('select[name="topic"]'), 'pruning-sparsity');
  await page.close();
});

test('should sort by date without dropping undated papers', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}search/?q=learning`);
  const unsorted = await readSearch(page);
  for (const sort of ['newest', 'oldest']) {
    await page.goto(`${server.url}search/?q=learning&sort=${sort}`);
    const sorted = await readSearch(page);
    assert.equal(sorted.count, unsorted.count, `${sort}: ${sorted.status}`);
    // Show every result, then check the order of the dates.
    while (await page.locator('[data-search-more]').isVisible()) {
      const shown = await page.locator('[data-search-results] .result').count();
      await page.locator('[data-search-more]').click();
      await page.waitForFunction((before) => document.querySelectorAll('[data-search-results] .result').length > before, shown);
    }
    const dates = await page.$$eval('[data-search-results] .result-meta', (metas) => metas.map((meta) => meta.querySelector('time')?.getAttribute('datetime') ?? ''));
    assert.equal(dates.length, unsorted.count);
    const dated = dates.filter(Boolean);
    assert.ok(dated.length > 0 && dated.length < dates.length, 'the seeds have dated and undated papers');
    assert.deepEqual(dated, [...dated].sort((a, b) => (sort === 'newest' ? b.localeCompare(a) : a.localeCompare(b))));
    assert.deepEqual(dates.slice(dated.length), Array(dates.length - dated.length).fill(''), 'undated papers come last');
  }
  await page.close();
});

test('should request nothing from another origin, on every kind of page, the offline worker included', async () => {
  const context = await browser.newContext(WITH_OFFLINE_WORKER);
  const foreign = watchForeign(context);
  const page = await context.newPage();
  const paper = 'papers/gradient-balancing-grab-is-a-recently-proposed-technique-that-finds-provably/';
  for (const path of ['', paper, `${paper}?highlight=PairBalance`, 'topics/', 'topics/pruning-sparsity/', 'sources/daily-papers-2025-11-06/2/', 'search/?q=loss&topic=loss-functions', 'map/?q=pruning', 'no-such-page/']) {
    await page.goto(server.url + path);
    await page.waitForLoadState('networkidle');
  }
  await untilOffline(page);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('should fit a 360 px phone screen on every kind of page, long topic names and titles included', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 780 } });
  // The breadcrumb of this paper names a long topic ("Generative models and image restoration").
  const paths = ['', 'papers/difface-blind-face-restoration-with-diffused-error-contraction/', 'papers/gradient-balancing-grab-is-a-recently-proposed-technique-that-finds-provably/', 'topics/', 'topics/pruning-sparsity/', 'latest/2/', 'sources/daily-papers-2025-11-06/', 'authors/', 'search/?q=loss', 'map/', 'no-such-page/'];
  for (const path of paths) {
    await page.goto(server.url + path);
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(scroll <= client, `/${path} is ${scroll} px wide on a ${client} px screen`);
  }
  await page.close();
});

test('should keep reading and searching offline after one visit', async () => {
  const context = await browser.newContext(WITH_OFFLINE_WORKER);
  const page = await context.newPage();
  await page.goto(server.url);
  await untilOffline(page);
  await context.setOffline(true);
  // A paper never opened online, then a search never run online.
  const paper = 'papers/gradient-balancing-grab-is-a-recently-proposed-technique-that-finds-provably/';
  await page.goto(server.url + paper);
  assert.match(await page.locator('article h1').innerText(), /^D-GraB/);
  assert.ok((await page.locator('article .katex').count()) >= 2);
  assert.ok(await page.evaluate(() => document.fonts.check('16px KaTeX_Main')), 'KaTeX fonts come from the cache');
  await page.goto(`${server.url}search/?q=PairBalance`);
  const view = await readSearch(page);
  assert.match(view.results[0]?.title ?? view.status, /^D-GraB/);
  await page.goto(`${server.url}topics/optimization/`);
  assert.match(await page.locator('h1').innerText(), /Optimization/);
  // The map, never opened online: its points, a title, a search's highlights.
  await page.goto(`${server.url}map/?q=pruning`);
  await mapDrawn(page);
  await page.waitForFunction(() => /papers? match/.test(document.querySelector('[data-map-status]')?.textContent ?? ''));
  await page.focus('#map-q');
  for (let tab = 0; tab < 4 && !(await page.evaluate(() => document.activeElement?.hasAttribute('data-map-frame'))); tab += 1) await page.keyboard.press('Tab');
  assert.ok(map.titles.includes(await tipText(page)));
  await context.close();
});

test('should switch to the dark theme with the toggle and keep it on the next page', async () => {
  const page = await browser.newPage({ colorScheme: 'light' });
  await page.goto(server.url);
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const light = await background();
  await page.getByRole('button', { name: 'Dark theme' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.notEqual(await background(), light);
  await page.goto(`${server.url}topics/`);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'the saved theme applies before the page is shown');
  assert.equal(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed'), 'true');
  await page.close();
});

test('should refuse to run script that an escaping bug would let into a page', async () => {
  const earlier = csp.length;
  const page = await browser.newPage();
  const seen: string[] = [];
  // Both refusals are reported on the console: waited for, not slept on.
  const refused = new Promise<void>((resolve) => {
    page.on('console', (message) => {
      seen.push(message.text());
      if (seen.filter((text) => /Content Security Policy/.test(text)).length >= 2) resolve();
    });
  });
  await page.goto(`${server.url}papers/gradient-balancing-grab-is-a-recently-proposed-technique-that-finds-provably/`);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.ranInline = true';
    document.body.append(script);
    // `data:,` is no image: Chromium fires error (older ones fired load), so both handlers are set.
    document.body.insertAdjacentHTML('beforeend', '<img src="data:," onload="window.ranHandler = true" onerror="window.ranHandler = true">');
  });
  await Promise.race([refused, new Promise((resolve) => setTimeout(resolve, 10_000))]); // a bound, should the refusals never come: the assertion below then says so
  assert.deepEqual(await page.evaluate(() => [(window as { ranInline?: boolean }).ranInline, (window as { ranHandler?: boolean }).ranHandler]), [undefined, undefined]);
  assert.ok(seen.filter((text) => /Content Security Policy/.test(text)).length >= 2, seen.join('\n'));
  await page.close();
  csp.splice(earlier); // those were this test's own doing
});

test('should have no axe-core violations on any kind of page, light and dark, desktop and phone', async () => {
  const paths = ['', 'papers/gradient-balancing-grab-is-a-recently-proposed-technique-that-finds-provably/', 'papers/difface-blind-face-restoration-with-diffused-error-contraction/?highlight=diffusion', 'topics/', 'topics/pruning-sparsity/', 'latest/2/', 'sources/daily-papers-2025-11-06/', 'authors/', 'search/?q=loss', 'map/', 'map/?topic=pruning-sparsity&q=', 'no-such-page/'];
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 780 }]) {
      const page = await browser.newPage({ colorScheme, viewport });
      for (const path of paths) {
        await page.goto(server.url + path);
        if (path.startsWith('search/')) await readSearch(page);
        if (path.startsWith('map/')) await mapDrawn(page);
        found.push(...(await axeViolations(page, `/${path} (${colorScheme}, ${viewport.width} px)`)));
      }
      await page.close();
    }
  }
  assert.deepEqual(found, []);
});


/** The colour of the canvas at a spot of the page, and how far it is from the frame's background. */
async function inkAt(page: Page, spot: { x: number; y: number }): Promise<number> {
  return page.locator('[data-map-canvas]').evaluate((canvas: HTMLCanvasElement, { x, y }) => {
    const box = canvas.getBoundingClientRect();
    const ratio = canvas.width / box.width;
    const [r, g, b, a] = canvas.getContext('2d')!.getImageData(Math.round((x - box.left) * ratio), Math.round((y - box.top) * ratio), 1, 1).data;
    const background = getComputedStyle(canvas.parentElement!).backgroundColor.match(/\d+/g)!.map(Number);
    // The canvas is transparent over the frame's background: blend to compare.
    const blend = (ink: number, under: number) => (ink * a + under * (255 - a)) / 255;
    return Math.abs(blend(r, background[0]) - background[0]) + Math.abs(blend(g, background[1]) - background[1]) + Math.abs(blend(b, background[2]) - background[2]);
  }, spot);
}

test('should draw every paper on the map, each point showing its title on hover', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}map/`);
  await mapDrawn(page);
  assert.equal(map.x.length, await page.locator('[data-map-frame]').getAttribute('data-drawn').then(Number));
  await page.setViewportSize({ width: 320, height: 640 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'the map page fits 320 px');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))); // drawn again at the new size
  assert.equal(new Set(map.slugs).size, map.slugs.length);
  const point = lonelyPoint(map);
  const spot = await pointOnPage(page, map, point);
  assert.ok((await inkAt(page, spot)) > 60, 'the point is drawn where the map says it is');
  await page.mouse.move(spot.x, spot.y);
  assert.equal(await tipText(page), map.titles[point]);
  // No two topic labels overlap.
  const boxes = await page.locator('[data-map-labels] span:not([hidden])').evaluateAll((spans) => spans.map((span) => span.getBoundingClientRect().toJSON() as DOMRect));
  assert.ok(boxes.length >= 3, `${boxes.length} labels shown`);
  for (const [index, a] of boxes.entries()) for (const b of boxes.slice(index + 1)) assert.ok(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top, 'labels overlap');
  // A click opens the paper.
  await page.mouse.click(spot.x, spot.y);
  await page.waitForURL(`**/papers/${map.slugs[point]}/`);
  await page.close();
});

test('should show a tapped point\'s title with a link to open it, on a touch screen', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${server.url}map/`);
  await mapDrawn(page);
  const point = lonelyPoint(map, 3000);
  await page.locator('[data-map-frame]').scrollIntoViewIfNeeded();
  const spot = await pointOnPage(page, map, point);
  // A finger lands a little off the point: still a hit.
  await page.touchscreen.tap(spot.x + 8, spot.y + 6);
  assert.equal(await tipText(page), map.titles[point]);
  assert.equal(new URL(await page.locator('[data-map-tip] a').getAttribute('href') ?? '', server.url).pathname, `/papers/${map.slugs[point]}/`);
  await context.close();
});

test('should be one tab stop whose arrow keys move to the nearest paper that way, announced, and Enter opens it', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}map/`);
  await mapDrawn(page);
  await page.focus('#map-q');
  await page.keyboard.press('Tab'); // the Highlight button
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.hasAttribute('data-map-frame')), true, 'the map follows the search box in tab order');
  const announced = async () => {
    await page.waitForFunction(() => (document.querySelector('[data-map-announce]')?.textContent ?? '') !== '');
    const text = await page.locator('[data-map-announce]').innerText();
    const point = map.titles.findIndex((title) => text.startsWith(`${title}.`));
    assert.ok(point >= 0, `announced: ${text}`);
    return point;
  };
  let at = await announced();
  for (const [key, moved] of [['ArrowRight', (a: number, b: number) => map.x[b] > map.x[a]], ['ArrowDown', (a: number, b: number) => map.y[b] > map.y[a]], ['ArrowLeft', (a: number, b: number) => map.x[b] < map.x[a]], ['ArrowUp', (a: number, b: number) => map.y[b] < map.y[a]]] as const) {
    await page.evaluate(() => { document.querySelector('[data-map-announce]')!.textContent = ''; });
    await page.keyboard.press(key);
    const next = await announced();
    assert.ok(moved(at, next), `${key} went from ${map.x[at]},${map.y[at]} to ${map.x[next]},${map.y[next]}`);
    at = next;
  }
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/papers/${map.slugs[at]}/`);
  await page.close();
});

test('should highlight a search\'s matches and a legend\'s topic on the map, and keep each in the address', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}search/?q=pruning`);
  const expected = (await readSearch(page)).count;
  await page.goto(`${server.url}map/`);
  await mapDrawn(page);
  const fragments: string[] = [];
  page.on('request', (request) => { if (/\/pagefind\/.*fragment\//.test(request.url())) fragments.push(request.url()); });
  await page.fill('#map-q', 'pruning');
  await page.click('[data-map-search] button[type=submit]');
  await page.waitForFunction(() => /match/.test(document.querySelector('[data-map-status]')?.textContent ?? ''));
  assert.match(await page.locator('[data-map-status]').innerText(), new RegExp(`^${expected} papers match “pruning”`));
  assert.deepEqual(fragments, [], 'the map finds its points without a result\'s text');
  await page.waitForURL('**/map/?q=pruning');
  // A matching point is drawn strong, one that does not match faint.
  const matching = map.titles.findIndex((title) => /prun/i.test(title));
  const other = map.titles.findIndex((title, point) => !/prun|spars/i.test(title) && map.topic[point] !== map.topic[matching]);
  const strong = await inkAt(page, await pointOnPage(page, map, matching));
  const faint = await inkAt(page, await pointOnPage(page, map, other));
  assert.ok(strong > faint * 2, `matching ${strong}, not matching ${faint}`);

  const topic = map.topics.findIndex((entry) => entry.slug === 'pruning-sparsity');
  const size = map.topic.filter((of) => of === topic).length;
  const toggle = page.getByRole('button', { name: `Highlight ${map.topics[topic].name}` });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('[data-map-status]').innerText(), `${map.topics[topic].name}: ${size} ${size === 1 ? 'paper' : 'papers'} highlighted.`);
  await page.waitForURL('**/map/?topic=pruning-sparsity');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await page.close();
});

test('should open a linked view as linked: a paper among its related papers, a topic, a zoom', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const paper = 'gradient-balancing-grab-is-a-recently-proposed-technique-that-finds-provably';
  // The paper's page links to the map centred on it.
  await page.goto(`${server.url}papers/${paper}/`);
  await page.getByRole('link', { name: /on the map/ }).click();
  await mapDrawn(page);
  assert.equal(await tipText(page), map.titles[map.slugs.indexOf(paper)]);
  assert.match(await page.locator('[data-map-status]').innerText(), /ringed, its related papers circled/);
  await page.waitForURL(/\/map\/\?paper=gradient-balancing[^&]*&zoom=[\d.]+&x=\d+&y=\d+$/);
  const linked = page.url();
  const zoom = new URL(linked).searchParams.get('zoom');
  // The same address opens the same view.
  await page.goto(linked);
  await mapDrawn(page);
  assert.equal(await tipText(page), map.titles[map.slugs.indexOf(paper)]);
  await page.waitForSelector('[data-map-frame][data-address]'); // the map wrote its view back to the address
  assert.equal(new URL(page.url()).searchParams.get('zoom'), zoom);
  // A topic page links to the map with its topic highlighted.
  await page.goto(`${server.url}topics/pruning-sparsity/`);
  await page.getByRole('link', { name: 'See this topic on the map' }).click();
  await mapDrawn(page);
  assert.equal(await page.getByRole('button', { name: /^Highlight Pruning and sparsity/ }).getAttribute('aria-pressed'), 'true');
  await page.close();
});

test('should zoom by buttons, keys, the wheel and a pinch, pan by dragging, and keep the view in the address', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}map/`);
  await mapDrawn(page);
  type View = { zoom: number; x: number; y: number };
  const viewOf = (url: URL): View => ({ zoom: Number(url.searchParams.get('zoom') ?? 1), x: Number(url.searchParams.get('x') ?? 32768), y: Number(url.searchParams.get('y') ?? 32768) });
  /** The view the address holds once it is as expected (the map writes it back after a pause: waited for, not slept on). */
  const viewWhen = async (ok: (view: View) => boolean, what: string): Promise<View> => {
    await page.waitForURL((url) => ok(viewOf(url)), { timeout: 5000 }).catch(() => assert.fail(`${what}: the address holds ${JSON.stringify(viewOf(new URL(page.url())))}`));
    return viewOf(new URL(page.url()));
  };
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await viewWhen((view) => view.zoom === 1.5, 'the + button');
  await page.locator('[data-map-frame]').focus();
  await page.keyboard.press('+');
  await viewWhen((view) => view.zoom === 2.25, 'the + key');
  await page.keyboard.press('-');
  await viewWhen((view) => view.zoom === 1.5, 'the - key');
  const box = (await page.locator('[data-map-frame]').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  const before = await viewWhen((view) => view.zoom > 1.5, 'the wheel');
  await page.mouse.move(box.x + 100, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + 300, box.y + 150, { steps: 5 });
  await page.mouse.up();
  // Dragging right and down shows what is left of and above the view.
  await viewWhen((view) => view.x < before.x && view.y < before.y && view.zoom === before.zoom, 'a drag');
  await page.getByRole('button', { name: 'Show the whole map' }).click();
  await viewWhen((view) => view.zoom === 1, 'the whole-map button');
  // Two fingers spreading apart zoom in.
  const session = await page.context().newCDPSession(page);
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) => session.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: cx - spread, y: cy, id: 1 }, { x: cx + spread, y: cy, id: 2 }] });
  await touch('touchStart', 20);
  for (const spread of [40, 60, 80]) await touch('touchMove', spread);
  await touch('touchEnd', 0);
  await viewWhen((view) => view.zoom >= 3, 'a pinch');
  await page.close();
});

test('should list the topics with their sizes and describe the map when JavaScript is off', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}map/`);
  assert.match(await page.locator('#map-description').innerText(), new RegExp(`^${map.x.length} papers in \\d+ topics`));
  assert.match(await page.locator('[data-map-fallback]').innerText(), /JavaScript/);
  const items = await page.locator('.map-legend li').evaluateAll((list) => list.map((item) => ({ name: item.querySelector('a')!.textContent, href: item.querySelector('a')!.getAttribute('href'), size: Number(item.querySelector('.muted')!.textContent!.replace(/,/g, '')) })));
  const shown = map.topics.filter((topic) => topic.size > 0);
  assert.deepEqual(items.map((item) => item.name).sort(), shown.map((topic) => topic.name).sort());
  for (const item of items) {
    const topic = map.topics.find((entry) => entry.name === item.name)!;
    assert.equal(item.href, `/topics/${topic.slug}/`);
    assert.equal(item.size, map.topic.filter((of) => map.topics[of].slug === topic.slug).length);
  }
  assert.equal(await page.locator('.legend-toggle:visible').count(), 0, 'no button that would do nothing');
  await context.close();
});

test('should break no Content-Security-Policy rule on any page opened above', () => {
  assert.deepEqual(csp, []);
});
