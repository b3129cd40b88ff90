// The worker entry: results equal the CLI's, columns are typed arrays, progress on a big file,
// cancel (terminate + a fresh worker for the next call), Excel in the second worker.
import { createWorker } from '../node_modules/lendseg/js/worker.js';
import { bytesOf, report, sha256 } from '../shared.js';

report(async () => {
  const worker = createWorker();
  const small = await bytesOf('../data/customers.csv');
  const big = await bytesOf('../data/big.csv');
  const out = {};

  const batch = await worker.segmentFile(small, { lang: 'zh' });
  out.rows = batch.length;
  out.csv = await sha256(await batch.toCsv(false, false));
  out.csvBomSafe = await sha256(await batch.toCsv(true, true));
  out.jsonl = await sha256(await batch.toJsonl());
  out.row3 = await batch.row(3);
  out.kinds = Object.fromEntries(batch.columnNames().map((n) => {
    const c = batch.column(n);
    return [n, `${c.kind}:${(c.kind === 'cat' ? c.codes : c.kind === 'text' ? c.values.offsets : c.values).constructor.name}`];
  }));
  out.issues = batch.issues().length;
  out.profileSegments = batch.profile().length;
  out.stressDowngraded = (await batch.stress('recession')).downgraded;
  out.sourceRows = [...batch.sourceRows().slice(0, 3)];
  out.smallSamePtr = small.length; // bytes were copied, not moved

  const progress = [];
  let t = performance.now();
  const whole = await worker.segmentFile(big, {}, { onProgress: (p) => progress.push(p) });
  out.bigMs = performance.now() - t;
  out.bigRows = whole.length;
  out.bigBytes = big.length;
  out.progress = progress;
  await whole.free();

  const controller = new AbortController();
  t = performance.now();
  const cancelled = worker.segmentFile(big, {}, { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  try {
    await cancelled;
    out.cancel = 'finished';
  } catch (err) {
    out.cancel = err.name;
    out.cancelMs = performance.now() - t;
  }
  out.lostAfterCancel = await batch.row(0).then(() => 'still there', (err) => err.message);
  out.columnsAfterCancel = batch.column('score').values.length;
  const again = await worker.segmentFile(small, { lang: 'zh' });
  out.csvAfterCancel = await sha256(await again.toCsv(false, false));
  out.preAborted = await worker.segmentFile(small, {}, { signal: AbortSignal.abort() }).then(() => 'ran', (err) => err.name);

  const xlsx = await bytesOf('../data/customers.xlsx');
  out.sheets = await worker.sheetNames(xlsx);
  const book = await worker.segmentFile(new Blob([xlsx]), { sheet: '客户' });
  out.xlsxCsv = await sha256(await book.toCsv(false, false));
  out.record = (await worker.segmentRecord({ 行业: 'F52', 从业人员: 60, 营业收入: 6000000 })).grade;
  out.badPolicy = await worker.segmentFile(small, { policy: 'nope' }).then(() => 'accepted', (err) => err.message);
  worker.terminate();
  return out;
});
