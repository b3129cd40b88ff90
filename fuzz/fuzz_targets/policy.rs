//! Policy documents: arbitrary text through `policy::parse` and `policy::validate`. A policy
//! that validates must round-trip through JSON exactly and run over a small demo portfolio
//! (every row one segment, scores the sum of points, profile and stress without panics): a
//! validated policy is promised to be safe to run.
#![no_main]

mod common;

use lendseg::demo_data::{DemoOptions, HeaderLang, generate};
use lendseg::policy;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn demo() -> &'static [String; 2] {
    static D: OnceLock<[String; 2]> = OnceLock::new();
    D.get_or_init(|| {
        [HeaderLang::En, HeaderLang::Zh].map(|headers| {
            generate(&DemoOptions {
                rows: 24,
                seed: 7,
                headers,
                ..DemoOptions::default()
            })
        })
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(p) = policy::parse(text) else {
        return;
    };
    if !policy::validate(&p).is_empty() {
        return;
    }
    let json = p.to_json();
    let back = policy::parse(&json).expect("a policy's own JSON parses");
    assert_eq!(back, p);
    for csv in demo() {
        common::full_run(csv.as_bytes(), &p, &Default::default());
    }
});
