//! `regen`: the xtask's regen function end to end (read the specs, generate, compare with the
//! files on disk, write the changed ones), on a temporary copy of the workspace layout:
//!
//! - `noop`: nothing changed, so regen must write nothing (the `regen_noop` test asserts the
//!   files are untouched; here every run asserts the report says so);
//! - `one_description`: one description of the v3.1 spec changed, so exactly the files
//!   generated from that spec are rewritten.

#![forbid(unsafe_code)]

#[path = "support/tree.rs"]
mod tree;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use xtask::codegen::{self, Mode};

fn bench_regen(c: &mut Criterion) {
    let mut group = c.benchmark_group("regen");
    group.sampling_mode(SamplingMode::Flat);

    let noop = tree::Tree::up_to_date();
    group.bench_function("noop", |b| {
        b.iter(|| {
            let report = codegen::regen(black_box(noop.root()), Mode::Write)
                .unwrap_or_else(|e| panic!("regen failed: {e}"));
            assert!(report.stale.is_empty(), "a no-op regen wrote:\n{report}");
            report
        });
    });

    let changed = tree::Tree::up_to_date();
    let before = changed.change_one_description();
    let stale: Vec<&str> = before.iter().map(|o| o.path.as_str()).collect();
    group.bench_function("one_description", |b| {
        b.iter_batched(
            // Untimed: put back the files generated before the change, so they are stale again.
            || {
                for output in &before {
                    changed.write(&output.path, &output.contents);
                }
            },
            |()| {
                let report = codegen::regen(changed.root(), Mode::Write)
                    .unwrap_or_else(|e| panic!("regen failed: {e}"));
                assert_eq!(
                    report
                        .stale
                        .iter()
                        .map(|s| s.path.as_str())
                        .collect::<Vec<_>>(),
                    stale
                );
                report
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

fn config() -> Criterion {
    // A regen takes tens of milliseconds: 20 samples of equal length (flat sampling) over 5 s
    // keep the report short.
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_regen
}
criterion_main!(benches);
