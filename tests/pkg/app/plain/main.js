// The shortest integration: the default entry straight from the installed package, no bundler.
import { segmentFile, segmentRecord, version } from '../node_modules/lendseg/js/index.js';
import { bytesOf, report, sha256 } from '../shared.js';

report(async () => {
  const bytes = await bytesOf('../data/customers.csv');
  const batch = segmentFile(bytes, { lang: 'zh' });
  const out = {
    rows: batch.length,
    csv: await sha256(batch.toCsv(false, false)),
    csvBomSafe: await sha256(batch.toCsv(true, true)),
    jsonl: await sha256(batch.toJsonl()),
    record: segmentRecord({ 行业: 'F52', 从业人员: 60, 营业收入: 6000000 }).grade,
    version: version(),
  };
  batch.free();
  return out;
});
