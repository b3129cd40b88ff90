// Type-checked (tsc --noEmit, strict) against the installed package by tests/pkg/pack.test.mjs:
// every entry imported through the package's `exports`, the real API used with its real types.
// A wrong type in js/*.d.ts (or an entry missing its `types` condition) fails the check.
import { segmentFile, segmentRecord, builtinPolicy, validatePolicy, trainScorecard, evaluatePolicy, kmeans, demoData, version, Batch } from 'lendseg';
import type { PolicyDocument, ResultRow, Issue, SegmentProfile, Progress, NumColumn, TextColumn, CatColumn } from 'lendseg';
import { init, segmentFile as slimSegment } from 'lendseg/slim';
import { createWorker, LendsegWorker, WorkerBatch } from 'lendseg/worker';
import { LendsegBadge, LendsegPanel, useEngine } from 'lendseg/element';
import { connectFrame } from 'lendseg/iframe';
import type { LendsegFrame } from 'lendseg/iframe';

const bytes = new TextEncoder().encode('id,行业,从业人员,营业收入\nA,F52,60,6000000\n');

// Default entry: synchronous after import.
const batch: Batch = segmentFile(bytes, { policy: 'enterprise', moneyUnit: 'wan', lang: 'en', columnMap: { 客户号: 'id' } },
  (stage, done, total) => { const s: 'read' | 'classify' = stage; void [s, done / total]; });
const pd: NumColumn = batch.column('pd');
const pdValues: Float64Array = pd.values;
const grade: CatColumn = batch.column('grade');
const firstGrade: string = grade.keys[grade.codes[0]];
const ids = batch.column('id');
const firstId: string = ids.values.text.slice(ids.values.offsets[0], ids.values.offsets[1]);
ids.values.free();
const any = batch.column('some_other');
if (any.kind === 'int') { const v: Int32Array = any.values; void v; }
const row: ResultRow = batch.row(0);
const reasonText: string | undefined = row.reasons[0]?.zh;
const points: number | undefined = row.breakdown['debt_ratio'];
const issues: Issue[] = batch.issues();
const where: string = issues.map((i) => `${i.row ?? 'file'}:${i.column ?? ''} ${i.code} ${i.severity}`).join();
const profile: SegmentProfile[] = batch.profile();
const share: number = profile[0].share;
const csv: Uint8Array = batch.toCsv(true, true);
const migration = batch.stress('recession');
const downgraded: number = migration.downgraded;
const clusters = batch.cluster({ kRange: [2, 4], seed: 1 });
const labels: Uint32Array = clusters.labels;
const description: string = clusters.profiles.clusters[0].description_zh;
batch.free();

const record = segmentRecord({ 行业: 'F52', 从业人员: 60, 营业收入: 6000000 }, { lang: 'zh' });
const recordGrade: string | null = record.grade;
const recordIssues: Issue[] = record.issues;
const policy: PolicyDocument = JSON.parse(builtinPolicy('enterprise'));
policy.grades.scale[0].max_pd = 0.001;
policy.segments[0].when = { all: [{ field: 'grade', op: 'in', value: ['AAA', 'AA'] }] };
const problems: string[] = validatePolicy(JSON.stringify(policy));
segmentFile(bytes, { policy });
const trained = trainScorecard(bytes, { target: 'default', minIv: 0.01, cuts: { revenue: [1e6, 1e7] } });
const auc: number = trained.report.train_metrics.auc;
const dropped: string = trained.report.dropped.map((d) => (d.reason.code === 'low_iv' ? `${d.name} ${d.reason.iv}` : d.message)).join();
const evaluation = evaluatePolicy(bytes, { policy: trained.policy, target: 'default' }, bytes);
const psi: number | undefined = evaluation.score_psi?.psi;
const km = kmeans(new Float64Array([0, 0, 1, 1]), 2, { k: 1, seed: 3 });
const centroids: Float64Array = km.centroids;
const demo: string = demoData(10, 1n, true);
const v: string = version();

// Slim entry.
async function slim(): Promise<number> {
  await init(new URL('lendseg.wasm', 'https://example.com/'));
  await init(fetch('/lendseg.wasm'));
  await init(await WebAssembly.compile(new Uint8Array(8)));
  return slimSegment(bytes).length;
}

// Worker entry.
async function worker(signal: AbortSignal): Promise<string> {
  const w: LendsegWorker = createWorker({ wasmUrl: '/lendseg.wasm' });
  const seen: Progress[] = [];
  const b: WorkerBatch = await w.segmentFile(new Blob([bytes]), { lang: 'en' }, { onProgress: (p) => seen.push(p), signal });
  const score: Int32Array = b.column('score').values;
  const names: TextColumn<{ text: string; offsets: Uint32Array }> = b.column('id');
  const r: ResultRow = await b.row(0);
  const out: Uint8Array = await b.toCsv();
  const jsonl: Uint8Array = await b.toJsonl();
  const m = await b.stress('recession');
  const c = await b.cluster();
  await b.free();
  const sheets: string[] = await w.sheetNames(bytes);
  const rec = await w.segmentRecord({ industry: 'F52' });
  const pol: string = await w.builtinPolicy('individual');
  const errs: string[] = await w.validatePolicy(pol);
  w.terminate();
  return [score[0], names.values.text, r.id, out.length, jsonl.length, m.scenario, c.k, sheets[0], rec.segment, errs.length].join();
}

// Elements and iframe.
function elements(frame: HTMLIFrameElement): void {
  const api: LendsegFrame = connectFrame(frame, { origin: 'https://lendseg.example.com', timeout: 5000 });
  useEngine(api);
  const badge: LendsegBadge = document.createElement('lendseg-badge');
  badge.record = { 行业: 'F52', 从业人员: 60 };
  badge.addEventListener('lendseg-result', (e) => {
    const detail = (e as CustomEvent<{ grade: string | null }>).detail;
    void detail.grade;
  });
  const panel: LendsegPanel = document.createElement('lendseg-panel');
  void panel.process(new Blob([bytes])).then((b) => b.length);
  void (badge.result?.grade satisfies string | null | undefined);
  void api.ready.then(() => api.close());
}

void [pdValues, firstGrade, firstId, row, reasonText, points, where, share, csv, downgraded, labels, description,
  recordGrade, recordIssues, problems, auc, dropped, psi, centroids, demo, v, slim, worker, elements];
