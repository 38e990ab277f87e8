//! `generate`: load + generate + format of each API version's client module, and everything
//! `cargo xtask regen` generates for both together (modules, mocks and index, a thread per
//! version), in process and from spec bytes already in memory (no file system).
//!
//! Target: both versions together in ≤ 20 ms median on the 2-core CI machine.
//! `scripts/bench-report` turns the medians into `bench/REPORT.md`.

#![forbid(unsafe_code)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use xtask::codegen;
use xtask::layout::workspace_root;
use xtask::specs::{self, SpecFile};

/// Load + generate + format of one spec: what regen does per version, minus the file system.
fn generate_one(spec: &SpecFile) -> usize {
    let loaded =
        composio_link_generator::load(&spec.path, &spec.bytes).unwrap_or_else(|e| panic!("{e}"));
    let generated = composio_link_generator::generate(&loaded).unwrap_or_else(|e| panic!("{e}"));
    generated.source.len()
}

fn bench_generate(c: &mut Criterion) {
    // Each spec is read once, before timing starts.
    let root = workspace_root();
    let versions = specs::versions(&root).unwrap_or_else(|e| panic!("{e}"));
    let specs: Vec<SpecFile> = versions
        .iter()
        .map(|version| specs::read(&root, version).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let mut group = c.benchmark_group("generate");
    group.sampling_mode(SamplingMode::Flat);
    for spec in &specs {
        // Each generated module is a few thousand lines; an empty output would mean the bench
        // times an error path.
        assert!(
            generate_one(spec) > 10_000,
            "{}: output too small",
            spec.path
        );
        let name = spec
            .path
            .trim_start_matches("spec/")
            .trim_end_matches(".yaml");
        group.bench_function(name, |b| b.iter(|| generate_one(black_box(spec))));
    }
    group.bench_function("all", |b| {
        b.iter(|| {
            codegen::generate_files(black_box(&versions), black_box(&specs))
                .unwrap_or_else(|e| panic!("{e}"))
                .len()
        });
    });
    group.finish();
}

fn config() -> Criterion {
    // A generation takes tens of milliseconds: 20 samples of equal length (flat sampling) over
    // 5 s give a stable median and keep the whole report within a few minutes on 2 cores.
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_generate
}
criterion_main!(benches);
