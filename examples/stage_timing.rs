//! Where the time goes for one large file: read, run, write (`cargo run --release --example
//! stage_timing -- FILE`). A profiling aid beside `cargo bench --bench segment`.
use lendseg::batch::RunOptions;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: stage_timing FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let policy = lendseg::policy::builtin("enterprise").expect("built in");
    let t = Instant::now();
    let ds = lendseg::ingest::read_delimited(&bytes, &Default::default(), &policy.fields);
    let read = t.elapsed().as_secs_f64();
    // LENDSEG_RUNS=n repeats the engine stage (for profiling it alone).
    let runs: usize = std::env::var("LENDSEG_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let t = Instant::now();
    let mut results = lendseg::batch::run(&ds, &policy, &RunOptions::default());
    for _ in 1..runs {
        results = lendseg::batch::run(&ds, &policy, &RunOptions::default());
    }
    let run = t.elapsed().as_secs_f64() / runs as f64;
    let t = Instant::now();
    let csv = lendseg::output::to_csv(&results, Default::default());
    let write = t.elapsed().as_secs_f64();
    let mb = bytes.len() as f64 / 1e6;
    println!("{} rows, {:.1} MB", ds.n_rows, mb);
    println!("read  {read:.3} s  {:.1} MB/s", mb / read);
    println!("run   {run:.3} s  {:.0} rows/s", ds.n_rows as f64 / run);
    println!("write {write:.3} s  ({} bytes)", csv.len());
}
