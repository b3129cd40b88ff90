// lendseg/slim in a page: nothing loads until init(), here given a precompiled WebAssembly.Module.
import { init, segmentFile } from '../node_modules/lendseg/js/slim.js';
import { bytesOf, report, sha256 } from '../shared.js';

report(async () => {
  let before = '';
  try {
    segmentFile(new Uint8Array());
  } catch (err) {
    before = err.message;
  }
  const module = await WebAssembly.compileStreaming(fetch('../node_modules/lendseg/pkg/lendseg_bg.wasm'));
  await init(module);
  const batch = segmentFile(await bytesOf('../data/customers.csv'), { lang: 'zh' });
  return { before, csv: await sha256(batch.toCsv(false, false)) };
});
