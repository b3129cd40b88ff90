// A panic inside the worker rejects that call with the panic's message, rejects the calls queued
// behind it, loses the worker's batches, and the next call runs in a fresh worker.
import { createWorker } from '../node_modules/lendseg/js/worker.js';
import { bytesOf, report } from '../shared.js';

const settle = (p) => p.then((v) => ({ ok: v }), (err) => ({ error: err.message }));

report(async () => {
  const worker = createWorker({ workerUrl: new URL('./panic-thread.js', import.meta.url) });
  const good = { 行业: 'F52', 从业人员: 60, 营业收入: 6000000 };
  const batch = await worker.segmentFile(await bytesOf('../data/customers.csv'));
  const before = (await worker.segmentRecord(good)).grade;
  const [panic, queued] = await Promise.all([
    settle(worker.segmentRecord({ ...good, __panic: 'hook' })),
    settle(worker.segmentRecord(good)),
  ]);
  const lost = await settle(batch.row(0));
  const after = (await worker.segmentRecord(good)).grade;
  const trap = await settle(worker.segmentRecord({ ...good, __panic: 'trap' }));
  const afterTrap = (await worker.segmentRecord(good)).grade;
  return { before, panic, queued, lost, after, trap, afterTrap };
});
