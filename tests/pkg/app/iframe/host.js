// The host page: its CSP allows neither wasm nor workers; it uses the engine in the lendseg frame
// (another origin) while a frame of a third origin sends it spoofed replies and sends the lendseg
// frame spoofed calls.
import { connectFrame } from '../node_modules/lendseg/js/iframe.js';
import { bytesOf, report, sha256 } from '../shared.js';

const params = new URLSearchParams(location.search);
const frameOrigin = params.get('frame');
const lendseg = document.getElementById('lendseg');
lendseg.src = `${frameOrigin}/node_modules/lendseg/js/frame.html?origin=${encodeURIComponent(location.origin)}`;
document.getElementById('other').src = `${params.get('other')}/iframe/other.html`;

report(async () => {
  const api = connectFrame(lendseg, { origin: frameOrigin });
  // A second connection that expects another origin: it must ignore the real frame's messages.
  const wrong = connectFrame(lendseg, { origin: 'http://127.0.0.1:9', timeout: 1500 });
  const wrongAnswer = wrong.version().then(() => 'answered', (err) => err.message);
  const bytes = await bytesOf('../data/customers.csv');
  const progress = [];
  const batch = await api.segmentFile(bytes, { lang: 'zh' }, { onProgress: (p) => progress.push(p) });
  const out = {
    version: await api.version(),
    rows: batch.length,
    scoreType: batch.column('score').values.constructor.name,
    csv: await sha256(await batch.toCsv(false, false)),
    row0: (await batch.row(0)).id,
    record: (await api.segmentRecord({ 行业: 'F52', 从业人员: 60, 营业收入: 6000000 })).grade,
    progress: progress.length,
  };
  const controller = new AbortController();
  const big = await bytesOf('../data/big.csv');
  const cancelled = api.segmentFile(big, {}, { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  out.cancel = await cancelled.then(() => 'finished', (err) => err.name);
  out.afterCancel = (await api.segmentRecord({ 行业: 'F52', 从业人员: 60, 营业收入: 6000000 })).grade;
  out.wrongOrigin = await wrongAnswer;
  wrong.close();
  return out;
});
