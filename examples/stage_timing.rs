//! Where the time goes for one large file: read, run, write (`cargo run --release --example
//! stage_timing -- FILE`). A profiling aid beside `cargo bench --bench segment`.
use lendseg::batch::RunOptions;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: stage_timing FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let policy = lendseg::policy::builtin("enterprise").expect("built in");
    // LENDSEG_READS=n repeats the read stage and keeps the fastest.
    let reads: usize = std::env::var("LENDSEG_READS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut read = f64::INFINITY;
    let mut ds = None;
    for _ in 0..reads.max(1) {
        drop(ds.take());
        let t = Instant::now();
        ds = Some(lendseg::ingest::read_delimited(
            &bytes,
            &Default::default(),
            &policy.fields,
        ));
        read = read.min(t.elapsed().as_secs_f64());
    }
    let ds = ds.expect("one read");
    // LENDSEG_RUNS=n repeats the engine stage (for profiling it alone).
    let runs: usize = std::env::var("LENDSEG_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    // Seconds spent in each engine step (between two progress reports): the fastest of the runs,
    // which is the least disturbed by other processes on a shared machine.
    let mut steps = [f64::INFINITY; 8];
    let mut results = None;
    let mut drop_time = 0.0;
    let t = Instant::now();
    for _ in 0..runs {
        let started = Instant::now();
        let mut last = started;
        let mut this = [0.0f64; 8];
        let r = lendseg::batch::run_with_progress(
            &ds,
            &policy,
            &RunOptions::default(),
            &mut |p: lendseg::progress::Progress| {
                let now = Instant::now();
                this[p.done as usize] += (now - last).as_secs_f64();
                last = now;
            },
        );
        if std::env::var_os("LENDSEG_EACH").is_some() {
            println!(
                "  one run {:.1} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        for (s, t) in steps.iter_mut().zip(this) {
            *s = s.min(t);
        }
        let d = Instant::now();
        drop(results.replace(r));
        drop_time += d.elapsed().as_secs_f64();
    }
    let results = results.expect("one run");
    let run = t.elapsed().as_secs_f64() / runs as f64;
    let t = Instant::now();
    let csv = lendseg::output::to_csv(&results, Default::default());
    let write = t.elapsed().as_secs_f64();
    let mb = bytes.len() as f64 / 1e6;
    println!("{} rows, {:.1} MB", ds.n_rows, mb);
    println!("read  {read:.3} s  {:.1} MB/s", mb / read);
    println!("run   {run:.3} s  {:.0} rows/s", ds.n_rows as f64 / run);
    let per = |s: f64| s * 1000.0;
    let names = [
        "ratios",
        "industry+size",
        "scorecard",
        "rfm",
        "warnings",
        "tiers+el",
        "segment",
    ];
    for (i, name) in names.iter().enumerate() {
        println!("  {name:<14} {:>7.1} ms", per(steps[i + 1]));
    }
    println!(
        "  {:<14} {:>7.1} ms (fastest run of each step)",
        "sum",
        per(steps[1..].iter().sum())
    );
    println!(
        "  {:<14} {:>7.1} ms",
        "drop results",
        per(drop_time) / runs as f64
    );
    println!("write {write:.3} s  ({} bytes)", csv.len());
}
