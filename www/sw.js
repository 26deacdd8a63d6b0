// Service worker: after the first visit the calculator works offline. It caches the page's own
// files (and nothing else: every other request goes to the network untouched).
// pkg/build-id.js, written by scripts/build-wasm.sh, names the build (and lists the module's
// JavaScript snippets, whose paths carry a hash); a new build is a new worker and a new cache,
// installed whole, so the page never mixes files of two builds.
try {
  importScripts("./pkg/build-id.js");
} catch (e) {
  self.HUIMIN_BUILD = "dev";
}
const CACHE = `huimin-${self.HUIMIN_BUILD || "dev"}`;
const FILES = [
  "./",
  "./index.html",
  "./app.js",
  "./style.css",
  "./huimin-calculator.js",
  "./huimin-calculator.css",
  "./i18n.js",
  "./hm-wasm.js",
  "./hm-engine.js",
  "./hm-dom.js",
  "./hm-format.js",
  "./hm-household.js",
  "./hm-form.js",
  "./hm-guided.js",
  "./hm-report.js",
  "./hm-charts.js",
  "./hm-speech.js",
  "./manifest.webmanifest",
  "./icon.svg",
  "./embed-example.html",
  "./embed-example.css",
  "./embed-example.js",
  "./pkg/huimin.js",
  "./pkg/huimin_bg.wasm",
  "./pkg/labels.js",
  // roster mode
  "./roster.html",
  "./roster.js",
  "./roster-worker.js",
  "./roster-sample.js",
  "./roster.css",
  // JavaScript snippets of the module, should it ever have any (pkg/build-id.js lists them; none
  // since the lazy report left). The roster page's modules (pkg/roster/, and pkg/sheets/ for
  // spreadsheets) are not precached: every household would download them; they are kept when a
  // cadre first uses the roster mode online (cache first, below).
  ...(self.HUIMIN_SNIPPETS || []),
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("huimin-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // Cache first (a weak connection must not slow the page); a miss goes to the network and, for
  // the page's own files, is kept for next time.
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
      if (hit) return hit;
      const response = await fetch(request);
      if (response.ok && response.type === "basic" && !url.pathname.endsWith("/sw.js")) {
        cache.put(request, response.clone());
      }
      return response;
    }),
  );
});
