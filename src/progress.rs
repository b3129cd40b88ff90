//! Progress of a long run (a big file read, then classified), reported to a caller-supplied
//! callback so the page can show a bar with an ETA. The core stays pure: it only calls a
//! closure; the wasm binding turns that into a JS function call (a few hundred per file, never
//! one per row).

/// Which part of the work a report is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading the file: `done`/`total` count bytes of the (decoded) text.
    Read,
    /// Classifying the rows: `done`/`total` count the engine's steps (each step covers every row).
    Classify,
}

impl Stage {
    pub fn key(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Classify => "classify",
        }
    }
}

/// One report: `done` of `total` units of `stage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
    /// Rows read so far (reading), or the rows being classified (classifying): what a progress
    /// bar shows as "rows done".
    pub rows: u64,
}

/// How many rows the reader reads between two reports.
pub const ROWS_PER_REPORT: u32 = 65_536;

/// The callback type the core takes.
pub type OnProgress<'a> = &'a mut dyn FnMut(Progress);

/// A callback that ignores every report.
pub fn ignore(_: Progress) {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::RunOptions;
    use crate::ingest::ReadOptions;

    #[test]
    fn a_big_file_reports_reading_in_order_then_every_engine_step() {
        let rows = 3 * ROWS_PER_REPORT as usize;
        let mut csv = String::from("id,industry,employees\n");
        for i in 0..rows {
            csv.push_str(&format!("c{i},C13,{}\n", i % 500));
        }
        let policy = crate::policy::builtin("enterprise").unwrap();
        let mut seen = Vec::new();
        let (ds, results) = crate::segment_bytes_with_progress(
            csv.as_bytes(),
            &policy,
            &ReadOptions::default(),
            &RunOptions::default(),
            &mut |p| seen.push(p),
        );
        assert_eq!(ds.n_rows, rows);
        assert_eq!(results.len(), rows);
        let reads: Vec<_> = seen.iter().filter(|p| p.stage == Stage::Read).collect();
        let steps: Vec<_> = seen.iter().filter(|p| p.stage == Stage::Classify).collect();
        assert!(reads.len() >= 3, "{reads:?}");
        assert!(reads.windows(2).all(|w| w[0].done < w[1].done));
        let last = reads.last().unwrap();
        assert_eq!(
            (last.done, last.total),
            (csv.len() as u64, csv.len() as u64)
        );
        // Reading comes first, then the engine's steps 0..=total in order.
        let first_step = seen
            .iter()
            .position(|p| p.stage == Stage::Classify)
            .unwrap();
        assert!(seen[..first_step].iter().all(|p| p.stage == Stage::Read));
        let done: Vec<u64> = steps.iter().map(|p| p.done).collect();
        assert_eq!(done, (0..=steps[0].total).collect::<Vec<_>>());
    }

    #[test]
    fn without_a_callback_the_results_are_the_same() {
        let csv = "id,industry,employees,revenue\nA,C13,20,3000000\nB,I65,200,90000000\n";
        let policy = crate::policy::builtin("enterprise").unwrap();
        let (read, run) = (ReadOptions::default(), RunOptions::default());
        let (_, plain) = crate::segment_bytes(csv.as_bytes(), &policy, &read, &run);
        let (_, reported) =
            crate::segment_bytes_with_progress(csv.as_bytes(), &policy, &read, &run, &mut |_| {});
        assert_eq!(
            crate::output::to_jsonl(&plain),
            crate::output::to_jsonl(&reported)
        );
    }
}
