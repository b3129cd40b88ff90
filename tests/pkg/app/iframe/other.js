// A frame of a third origin inside the host page: for two seconds it sends the host page
// spoofed lendseg replies and the lendseg frame spoofed calls, and records whatever answers it.
window.replies = [];
window.addEventListener('message', (event) => window.replies.push({ origin: event.origin, data: event.data }));
const until = performance.now() + 2000;
const spam = () => {
  for (let id = 1; id <= 30; id++) {
    parent.postMessage({ lendseg: 1, id, result: 'spoofed' }, '*');
    parent.postMessage({ lendseg: 1, id, error: { name: 'Error', message: 'spoofed' } }, '*');
  }
  parent.postMessage({ lendseg: 1, ready: true }, '*');
  const engine = parent.frames[0];
  engine.postMessage({ lendseg: 1, hello: true }, '*');
  engine.postMessage({ lendseg: 1, id: 1, method: 'version', args: [] }, '*');
  engine.postMessage({ lendseg: 1, id: 2, method: 'segmentRecord', args: [{ 行业: 'F52' }, {}] }, '*');
  if (performance.now() < until) setTimeout(spam, 20);
  else window.done = true;
};
spam();
