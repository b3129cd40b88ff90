// The default entry under Node (the `node` export condition): prints what the test compares with
// the CLI, and each result column's kind for both built-in policies (checked against api.d.ts).
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { segmentFile, segmentRecord, version } from 'lendseg';

const sha = (b) => createHash('sha256').update(b).digest('hex');
const bytes = readFileSync(process.argv[2]);
const batch = segmentFile(bytes, { lang: 'zh' });
const kinds = {};
for (const policy of ['enterprise', 'individual']) {
  const b = segmentFile(bytes, { policy });
  for (const name of b.columnNames()) kinds[name] = b.column(name).kind;
  b.free();
}
console.log(JSON.stringify({
  node: process.version,
  csv: sha(batch.toCsv(false, false)),
  jsonl: sha(batch.toJsonl()),
  row0: batch.row(0),
  record: segmentRecord({ 行业: 'F52', 从业人员: 60, 营业收入: 6000000 }).grade,
  kinds,
  version: version(),
}));
