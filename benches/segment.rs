//! Speed of the segmentation engine, native (`cargo bench --bench segment`).
//!
//! On 1,000,000 demo rows (`demo_data::generate`, seed 1, the enterprise policy):
//! - `parsed/batch_run`: `batch::run` over an already-parsed `Dataset` — rows/s;
//! - `csv/read_delimited`: bytes → `Dataset` only (decode, sniff, map headers, typed columns) — MB/s;
//! - `csv/segment_bytes`: bytes → full results, the path every front-end takes — MB/s and rows/s.
//!
//! Few samples (10) because one iteration is a million rows. Besides criterion's own report, a
//! summary (median of the timed calls; results are dropped inside the timing) is printed at the end and, when
//! `LENDSEG_BENCH_JSON` names a file, written there as JSON for `scripts/bench.sh`.
//! `LENDSEG_BENCH_ROWS` overrides the row count (for a quick check). Measures only; asserts nothing
//! about speed.

use criterion::{Criterion, SamplingMode, Throughput};
use lendseg::batch::{self, RunOptions};
use lendseg::demo_data::{self, DemoOptions};
use lendseg::ingest::{self, ReadOptions};
use lendseg::policy;
use std::cell::RefCell;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Per-call wall times (seconds) seen while measuring one benchmark, warm-up included, and the
/// process CPU time and wall time they took in all.
#[derive(Default)]
struct Samples {
    per_call: RefCell<Vec<f64>>,
    cpu_wall: RefCell<(f64, f64)>,
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return f64::NAN;
    }
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

/// User + system CPU time of this process (Linux `/proc/self/stat`, 100 ticks/s), to tell how much
/// of the wall time other processes took: on a shared machine the ratio drops below 1.
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat[stat.rfind(')')? + 2..].split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Time `iters` calls of `f`, record the mean per call in `samples`.
fn timed<O>(iters: u64, samples: &Samples, mut f: impl FnMut() -> O) -> Duration {
    let cpu0 = cpu_secs();
    let start = Instant::now();
    for _ in 0..iters {
        black_box(f());
    }
    let d = start.elapsed();
    samples
        .per_call
        .borrow_mut()
        .push(d.as_secs_f64() / iters as f64);
    if let (Some(a), Some(b)) = (cpu0, cpu_secs()) {
        let mut cw = samples.cpu_wall.borrow_mut();
        cw.0 += b - a;
        cw.1 += d.as_secs_f64();
    }
    d
}

/// CPU time over wall time for the calls in `samples` (NaN where /proc is unavailable).
fn cpu_over_wall(samples: &Samples) -> f64 {
    let (cpu, wall) = *samples.cpu_wall.borrow();
    if wall > 0.0 { cpu / wall } else { f64::NAN }
}

fn main() {
    let rows: usize = std::env::var("LENDSEG_BENCH_ROWS")
        .ok()
        .and_then(|s| s.replace('_', "").parse().ok())
        .unwrap_or(1_000_000);

    let t = Instant::now();
    let csv = demo_data::generate(&DemoOptions {
        rows,
        seed: 1,
        ..Default::default()
    });
    let bytes = csv.into_bytes();
    let mb = bytes.len() as f64 / 1e6;
    eprintln!(
        "generated {rows} demo rows, {mb:.1} MB, in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    let policy = policy::builtin("enterprise").expect("built-in policy");
    let read = ReadOptions::default();
    let run = RunOptions::default();

    let t = Instant::now();
    let dataset = ingest::read_delimited(&bytes, &read, &policy.fields);
    eprintln!(
        "parsed once in {:.2} s: {} rows, {} columns, {} read issues",
        t.elapsed().as_secs_f64(),
        dataset.n_rows,
        dataset.columns.len(),
        dataset.issues.len()
    );
    assert_eq!(dataset.n_rows, rows, "every demo row is read");

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();

    let s_run = Samples::default();
    let s_read = Samples::default();
    let s_all = Samples::default();

    {
        let mut g = c.benchmark_group("parsed");
        g.sampling_mode(SamplingMode::Flat);
        g.throughput(Throughput::Elements(rows as u64));
        g.bench_function(format!("batch_run/{rows}_rows"), |b| {
            b.iter_custom(|iters| timed(iters, &s_run, || batch::run(&dataset, &policy, &run)))
        });
        g.finish();
    }
    {
        let mut g = c.benchmark_group("csv");
        g.sampling_mode(SamplingMode::Flat);
        g.throughput(Throughput::BytesDecimal(bytes.len() as u64));
        g.bench_function(format!("read_delimited/{rows}_rows"), |b| {
            b.iter_custom(|iters| {
                timed(iters, &s_read, || {
                    ingest::read_delimited(&bytes, &read, &policy.fields)
                })
            })
        });
        g.bench_function(format!("segment_bytes/{rows}_rows"), |b| {
            b.iter_custom(|iters| {
                timed(iters, &s_all, || {
                    lendseg::segment_bytes(&bytes, &policy, &read, &run)
                })
            })
        });
        g.finish();
    }
    c.final_summary();

    let (run_s, read_s, all_s) = (
        median(&s_run.per_call.borrow()),
        median(&s_read.per_call.borrow()),
        median(&s_all.per_call.borrow()),
    );
    let (cw_run, cw_read, cw_all) = (
        cpu_over_wall(&s_run),
        cpu_over_wall(&s_read),
        cpu_over_wall(&s_all),
    );
    let cw_total = {
        let (c, w) = [&s_run, &s_read, &s_all]
            .iter()
            .fold((0.0, 0.0), |(c, w), s| {
                let (c1, w1) = *s.cpu_wall.borrow();
                (c + c1, w + w1)
            });
        if w > 0.0 { c / w } else { f64::NAN }
    };
    let rows_f = rows as f64;
    println!();
    println!(
        "native summary ({rows} rows, {mb:.1} MB; median per call; cpu/wall < 1: other processes took CPU)"
    );
    println!(
        "  batch::run (parsed data)   {run_s:7.3} s  {:>12.0} rows/s                     cpu/wall {cw_run:.2}",
        rows_f / run_s
    );
    println!(
        "  read_delimited (bytes→ds)  {read_s:7.3} s  {:>7.1} MB/s  {:>12.0} rows/s  cpu/wall {cw_read:.2}",
        mb / read_s,
        rows_f / read_s
    );
    println!(
        "  segment_bytes (bytes→all)  {all_s:7.3} s  {:>7.1} MB/s  {:>12.0} rows/s  cpu/wall {cw_all:.2}",
        mb / all_s,
        rows_f / all_s
    );
    println!(
        "  share of segment_bytes: read {:.0}%, run {:.0}%",
        100.0 * read_s / all_s,
        100.0 * run_s / all_s
    );

    if let Ok(path) = std::env::var("LENDSEG_BENCH_JSON") {
        let json = serde_json::json!({
            "rows": rows,
            "bytes": bytes.len(),
            "batch_run_s": run_s,
            "batch_run_rows_per_s": rows_f / run_s,
            "read_delimited_s": read_s,
            "read_delimited_mb_per_s": mb / read_s,
            "segment_bytes_s": all_s,
            "segment_bytes_mb_per_s": mb / all_s,
            "segment_bytes_rows_per_s": rows_f / all_s,
            "cpu_over_wall": if cw_total.is_finite() { Some(cw_total) } else { None },
        });
        if let Some(dir) = std::path::Path::new(&path).parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        std::fs::write(&path, serde_json::to_string_pretty(&json).expect("json"))
            .expect("write LENDSEG_BENCH_JSON");
        eprintln!("wrote {path}");
    }
}
