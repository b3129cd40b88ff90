// Fault injection for the panic-recovery test: the package's real worker thread (serve.js over
// the real core), except that a record carrying `__panic` makes segmentRecord throw what a
// panicking core throws — with the panic hook ('lendseg panicked: …') or without it (a wasm trap).
import init, * as core from '../node_modules/lendseg/pkg/lendseg.js';
import { createHandler, engineBackend } from '../node_modules/lendseg/js/serve.js';

const engine = {
  ...core,
  segmentRecord(record, options) {
    if (record.__panic === 'hook') throw new Error('lendseg panicked: injected by the test at src/record.rs:1:1');
    if (record.__panic === 'trap') throw new WebAssembly.RuntimeError('unreachable');
    return core.segmentRecord(record, options);
  },
};
const handle = createHandler(
  engineBackend(engine, () => init({ module_or_path: new URL('../node_modules/lendseg/pkg/lendseg_bg.wasm', import.meta.url) })),
  (msg, transfer) => self.postMessage(msg, transfer),
);
self.onmessage = ({ data }) => handle(data);
