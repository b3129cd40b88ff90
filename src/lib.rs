//! lendseg: customer segmentation and credit scoring for lending. This crate is the pure core
//! (no wasm or JS types outside `wasm`): ingest → dataset → classifiers → result columns → output.
//! See ARCHITECTURE.md for the data flow and where a change goes.

pub mod batch;
pub mod dataset;
pub mod demo_data;
pub mod fields;
pub mod industry;
pub mod ingest;
pub mod output;
pub mod record;
pub mod rng;
pub mod sme_size;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// Read a file's bytes and classify every row: the one entry point the CLI, Node and the browser
/// share.
pub fn segment_bytes(
    bytes: &[u8],
    opts: &ingest::ReadOptions,
) -> (dataset::Dataset, batch::Results) {
    let dataset = ingest::read_delimited(bytes, opts, &fields::builtin_fields());
    let results = batch::run(&dataset);
    (dataset, results)
}
