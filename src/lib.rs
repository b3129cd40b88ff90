//! lendseg: customer segmentation and credit scoring for lending. This crate is the pure core
//! (no wasm or JS types outside `wasm`): ingest → dataset → classifiers → result columns → output.
//! See ARCHITECTURE.md for the data flow and where a change goes.

pub mod batch;
pub mod cluster;
pub mod condition;
pub mod dataset;
pub mod demo_data;
pub mod detmath;
pub mod fields;
pub mod frame;
pub mod industry;
pub mod ingest;
pub mod output;
pub mod policy;
pub mod profile;
pub mod progress;
pub mod ratios;
pub mod record;
pub mod repeats;
pub mod results;
pub mod rfm;
pub mod rng;
pub mod scorecard;
pub mod sme_size;
pub mod stream;
pub mod stress;
pub mod text;
pub mod text_column;
pub mod train;
pub mod warnings;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// Read a file's bytes and run a policy over every row: the one entry point the CLI, Node and the
/// browser share.
pub fn segment_bytes(
    bytes: &[u8],
    policy: &policy::Policy,
    read: &ingest::ReadOptions,
    run: &batch::RunOptions,
) -> (dataset::Dataset, results::Results) {
    segment_bytes_with_progress(bytes, policy, read, run, &mut progress::ignore)
}

/// [`segment_bytes`], reporting progress (reading, then classifying) to `on_progress`.
pub fn segment_bytes_with_progress(
    bytes: &[u8],
    policy: &policy::Policy,
    read: &ingest::ReadOptions,
    run: &batch::RunOptions,
    on_progress: progress::OnProgress,
) -> (dataset::Dataset, results::Results) {
    let dataset = ingest::read_any_with_progress(bytes, read, &policy.fields, on_progress);
    let results = batch::run_with_progress(&dataset, policy, run, on_progress);
    (dataset, results)
}
