// Fault injection for the panic-recovery test: the package's real worker thread (serve.js over
// the real core), except that a record carrying `__panic` makes segmentRecord panic for real in
// Rust (the core's `__panicForTest`, through its panic hook), or throw the `RuntimeError` a wasm
// trap gives (what an abort without the hook, e.g. out of memory, looks like).
import init, * as core from '../node_modules/lendseg/pkg/lendseg.js';
import { createHandler, engineBackend } from '../node_modules/lendseg/js/serve.js';

const engine = {
  ...core,
  segmentRecord(record, options) {
    if (record.__panic === 'hook') core.__panicForTest('injected by the test');
    if (record.__panic === 'trap') throw new WebAssembly.RuntimeError('unreachable');
    return core.segmentRecord(record, options);
  },
};
const handle = createHandler(
  engineBackend(engine, () => init({ module_or_path: new URL('../node_modules/lendseg/pkg/lendseg_bg.wasm', import.meta.url) })),
  (msg, transfer) => self.postMessage(msg, transfer),
);
self.onmessage = ({ data }) => handle(data);
