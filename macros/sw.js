// SIP-portalen's service worker: the portal keeps working without network after a visit.
// Generated at build time by macros/postbuild.py, which fills in VERSION and PRECACHE.
//
// - Pages, styles, scripts, the search index and the blank PDFs are cached at install.
// - Pyodide and the wheels are cached when a widget page asks for it (after its first load),
//   so a routine page never downloads Pyodide.
// - Only the site's own files are cached: never a request body, never anything a user typed.
// - A new release has a new VERSION: it installs beside the old one, takes over when no tab
//   uses the old one, and deletes the old caches.

const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = `sip-portalen-${VERSION}`;
const SCOPE = new URL(self.registration.scope);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((u) => new URL(u, SCOPE).href))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("sip-portalen-") && key !== CACHE) await caches.delete(key);
      }
      // The page request starts while this worker boots, instead of after it.
      await self.registration.navigationPreload?.enable();
      await self.clients.claim();
    })(),
  );
});

// A widget page sends {type: "cache-pyodide", urls: [...]} once Python has started.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "cache-pyodide") return;
  const urls = event.data.urls
    .map((u) => new URL(u, SCOPE))
    .filter((u) => u.origin === SCOPE.origin && u.pathname.startsWith(SCOPE.pathname));
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      for (const url of urls) {
        if (!(await cache.match(url.href))) await cache.add(url.href);
      }
      event.source?.postMessage({ type: "pyodide-cached", count: urls.length });
    }),
  );
});

function isPage(request) {
  return request.mode === "navigate" || request.headers.get("Accept")?.includes("text/html");
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) {
    return;
  }
  if (isPage(request)) {
    // Pages: the network first (fresh content), the cache when offline.
    event.respondWith(
      (async () => (await event.preloadResponse) || fetch(request))().catch(async () => {
        const cache = await caches.open(CACHE);
        return (
          (await cache.match(request, { ignoreSearch: true })) ||
          (await cache.match(new URL("404.html", SCOPE).href)) ||
          Response.error()
        );
      }),
    );
    return;
  }
  // Everything else: the cache first (it is versioned), then the network.
  event.respondWith(
    caches.open(CACHE).then(async (cache) => (await cache.match(request, { ignoreSearch: true })) || fetch(request)),
  );
});
