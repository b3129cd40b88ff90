// Offline support: network first, falling back to the cache, for same-origin GETs only. The page
// asks this worker to cache every resource it has already loaded (the hashed JS, CSS and wasm), so
// a reload works with no network after the first visit. Nothing is ever sent anywhere.
const CACHE = 'lendseg-v1';

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(['./', './index.html'])));
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const urls = (event.data && event.data.cache) || [];
  const sameOrigin = urls.filter((u) => new URL(u, self.location.href).origin === self.location.origin);
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(sameOrigin)).then(() => event.source && event.source.postMessage({ cached: sameOrigin.length })),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
        return response;
      })
      .catch(() => caches.match(request, { ignoreSearch: true, ignoreVary: true }).then((hit) => hit || caches.match('./index.html'))),
  );
});
