// Native side of the scorecard benchmark: the release CLI, end to end.
//   node benches/learn/scorecard_cli.mjs [--bin target/release/lendseg] [--runs 5] [--synth-runs 3]
//        [--taiwan-train F] [--taiwan-test F] [--synth-train F] [--synth-test F] [--out FILE.json]
// Times `lendseg train FILE --target default --exclude … -o policy.json` as a whole process (wall
// clock: start-up, reading the file, fit, writing the policy) and records the in-process time the
// CLI prints on stderr as `fit X ms` (reading the CSV bytes, the fit and building the policy).
// Then `lendseg evaluate TEST --policy policy.json --target default --json` for test AUC/KS.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};
const bin = path.resolve(root, arg('bin', 'target/release/lendseg'));
const outPath = arg('out', null);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lendseg-learn-cli-'));
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const log = (s) => process.stderr.write(`${s}\n`);

const sets = [
  { key: 'taiwan', train: arg('taiwan-train', '/work/shared/data/taiwan_credit_train.csv'),
    test: arg('taiwan-test', '/work/shared/data/taiwan_credit_test.csv'), exclude: 'bad',
    runs: Number(arg('runs', '5')) },
  { key: 'synth', train: arg('synth-train', '/tmp/lendseg-learn/synth_100k.csv'),
    test: arg('synth-test', '/tmp/lendseg-learn/synth_test_50k.csv'), exclude: 'id',
    runs: Number(arg('synth-runs', '3')) },
];

const result = { bin, load_start: os.loadavg().map((x) => x.toFixed(2)).join(' ') };
try {
  for (const s of sets) {
    const policy = path.join(tmp, `${s.key}-policy.json`);
    const wall = [];
    const fit = [];
    let summary = '';
    for (let r = 0; r < s.runs; r++) {
      const t0 = process.hrtime.bigint();
      const p = spawnSync(bin, ['train', s.train, '--target', 'default', '--exclude', s.exclude, '-o', policy],
        { encoding: 'utf8' });
      wall.push(Number(process.hrtime.bigint() - t0) / 1e9);
      if (p.status !== 0) throw new Error(`lendseg train ${s.train} failed (${p.status}): ${p.stderr}`);
      const m = p.stderr.match(/; fit ([0-9.]+) ms/);
      if (!m) throw new Error(`no 'fit X ms' in: ${p.stderr}`);
      fit.push(Number(m[1]) / 1000);
      summary = p.stderr.trim().split('\n').at(-1);
      log(`lendseg CLI train ${s.key} run ${r + 1}/${s.runs}: ${(wall.at(-1) * 1000).toFixed(1)} ms wall, fit ${m[1]} ms`);
    }
    log(`  ${summary}`);
    const ev = JSON.parse(execFileSync(bin, ['evaluate', s.test, '--policy', policy, '--target', 'default', '--json'],
      { encoding: 'utf8', maxBuffer: 64 << 20 }));
    result[s.key] = {
      tool: 'lendseg CLI (release) train',
      wall_s: median(wall), wall_times: wall, fit_s: median(fit), fit_times: fit,
      selected: (summary.match(/selected ([^;]*);/) ?? [null, ''])[1].split(', '),
      test: { auc: ev.metrics.auc, gini: ev.metrics.gini, ks: ev.metrics.ks, n: ev.metrics.n },
    };
    log(`  test AUC ${ev.metrics.auc.toFixed(4)}, KS ${ev.metrics.ks.toFixed(4)}`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
const text = JSON.stringify(result, null, 1);
if (outPath) {
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  fs.writeFileSync(outPath, text);
}
console.log(text);
