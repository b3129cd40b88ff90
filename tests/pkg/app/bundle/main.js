// One app, bundled by Vite and by webpack 5 from the installed package: the default entry on the
// main thread, the worker entry (CSV and an Excel workbook), and a custom element.
import { segmentFile, segmentRecord } from 'lendseg';
import { createWorker } from 'lendseg/worker';
import { bytesOf, report, sha256 } from '../shared.js';

report(async () => {
  const bytes = await bytesOf('./customers.csv');
  const batch = segmentFile(bytes, { lang: 'zh' });
  const worker = createWorker();
  const remote = await worker.segmentFile(bytes, { lang: 'zh' });
  const xlsx = await bytesOf('./customers.xlsx');
  const sheets = await worker.sheetNames(xlsx);
  const book = await worker.segmentFile(xlsx, { sheet: sheets[1] });
  const record = { 行业: 'F52', 从业人员: 60, 营业收入: 6000000 };
  const badge = document.createElement('lendseg-badge');
  const event = new Promise((resolve, reject) => {
    badge.addEventListener('lendseg-result', (e) => resolve(e.detail), { once: true });
    badge.addEventListener('lendseg-error', (e) => reject(e.detail.error), { once: true });
  });
  await import('lendseg/element');
  badge.record = record;
  document.body.append(badge);
  return {
    csv: await sha256(batch.toCsv(false, false)),
    workerCsv: await sha256(await remote.toCsv(false, false)),
    sheets,
    xlsxCsv: await sha256(await book.toCsv(false, false)),
    badgeGrade: (await event).grade,
    recordGrade: segmentRecord(record).grade,
  };
});
