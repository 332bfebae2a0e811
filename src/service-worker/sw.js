// @ts-check
// The offline worker (dist/sw.js): scripts/service-worker.ts writes this file into dist/ as it
// is, after the two constants of the build (globals.d.ts: BUILD, PRECACHE). Type-checked by
// `npm run check` (tsconfig.json here: a service worker's types, not a page's).

const worker = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const CACHE = 'atlas-' + BUILD;
const SCOPE = new URL(worker.registration.scope);

worker.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      for (let at = 0; at < PRECACHE.length; at += 40) {
        // 'reload': straight from the server, never a copy of an older build from the HTTP cache.
        await cache.addAll(PRECACHE.slice(at, at + 40).map((path) => new Request(new URL(path, SCOPE), { cache: 'reload' })));
      }
    } catch (error) {
      await caches.delete(CACHE);
      throw error;
    }
  })());
});

worker.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith('atlas-') && name !== CACHE) await caches.delete(name);
    await worker.clients.claim();
  })());
});

// The page's "Reload" button: this build takes over now instead of when every tab has closed.
worker.addEventListener('message', (event) => {
  if (event.data === 'activate') worker.skipWaiting();
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  event.respondWith(respond(request, url));
});

/**
 * A file of this build from the cache, else from the network (kept when it may be, see keep).
 * @param {Request} request
 * @param {URL} url
 * @returns {Promise<Response>}
 */
async function respond(request, url) {
  const cache = await caches.open(CACHE);
  // Query strings (?q=, ?highlight=, Pagefind's ?ts=) never change the file served.
  const path = url.origin + url.pathname;
  const cached = (await cache.match(path)) || (!/\.[a-z0-9]+$/i.test(url.pathname) && !url.pathname.endsWith('/') && (await cache.match(path + '/')));
  if (cached) return cached;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await keep(cache, path, response.clone());
    return response;
  } catch (error) {
    if (request.mode === 'navigate') return offlinePage();
    throw error;
  }
}

/**
 * Cache what a reader used: hashed assets and index files as they are, pages only from this build.
 * The server is asked which build it holds after the page arrived: a page fetched after this
 * worker was installed is of this build or a newer one, so if the server still names this build
 * the page is of it. A newer build's page is not kept; the newer worker will cache it.
 * @param {Cache} cache
 * @param {string} path
 * @param {Response} response
 */
async function keep(cache, path, response) {
  const type = response.headers.get('content-type') || '';
  if (type.includes('text/html')) {
    try {
      const answer = await fetch(new URL('build.json', SCOPE), { cache: 'no-store' });
      if (!answer.ok || (await answer.json()).build !== BUILD) return;
    } catch {
      return;
    }
  }
  await cache.put(path, response);
}

/** The page shown for a page not saved on this device, offline. */
function offlinePage() {
  const home = new URL('./', SCOPE).pathname;
  const body = '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">'
    + '<title>Offline · Abstract Atlas</title><main style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5">'
    + '<h1>You are offline</h1><p>This page was not saved on this device. The pages you have opened, the home page and search are: '
    + '<a href="' + home + '">go to the home page</a> or <a href="' + home + 'search/">search</a>.</p></main></html>';
  return new Response(body, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
