//! Load throughput of the CSV folder reader, in rows per second, against two plain `csv`-crate
//! baselines that only parse the same four files:
//! - `csv-bytes`: `read_byte_record`, no UTF-8 check (the floor of any CSV reader);
//! - `csv-strings`: `read_record` into a `StringRecord` (UTF-8 checked, as the reader must).
//!
//! `helixgraph` is `read_csv_dir`: parse, intern ids, parse vocabularies and numbers, resolve
//! references, look for duplicates, build the `Ecosystem`. The ratio to the baselines is the
//! cost of validation and building.
//!
//! The folder is a `synth` ecosystem (belgium-2017 profile, seed 1), written once to a
//! temporary folder: 50,000 actors and 10,000 projects by default (about 310,000 rows), or
//! `HELIXGRAPH_LOAD_ACTORS` / `HELIXGRAPH_LOAD_PROJECTS`.
//! Run: `cargo bench --bench load`.

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use helixgraph::io::{read_csv_dir, write_csv_dir, CSV_FILES};
use helixgraph::synth::{generate, SynthOptions};

fn size(var: &str, default: u64) -> u64 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Data rows (headers excluded) of every file, with the byte-record baseline's parse.
fn parse_bytes(dir: &Path) -> u64 {
    let mut rows = 0;
    let mut record = csv::ByteRecord::new();
    for file in CSV_FILES {
        let mut reader = csv::Reader::from_path(dir.join(file)).expect("open");
        while reader.read_byte_record(&mut record).expect("parse") {
            rows += 1;
        }
    }
    rows
}

/// The same with UTF-8 checked string records.
fn parse_strings(dir: &Path) -> u64 {
    let mut rows = 0;
    let mut record = csv::StringRecord::new();
    for file in CSV_FILES {
        let mut reader = csv::Reader::from_path(dir.join(file)).expect("open");
        while reader.read_record(&mut record).expect("parse") {
            rows += 1;
        }
    }
    rows
}

fn bench(c: &mut Criterion) {
    let options = SynthOptions {
        actors: size("HELIXGRAPH_LOAD_ACTORS", 50_000),
        projects: size("HELIXGRAPH_LOAD_PROJECTS", 10_000),
        ..SynthOptions::default()
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    let eco = generate(&options);
    write_csv_dir(&eco, dir.path()).expect("write the folder");
    drop(eco);
    let rows = parse_bytes(dir.path());
    let bytes: u64 = CSV_FILES
        .iter()
        .map(|f| std::fs::metadata(dir.path().join(f)).map_or(0, |m| m.len()))
        .sum();
    eprintln!(
        "load bench: {} actors, {} projects: {rows} rows, {:.1} MB",
        options.actors,
        options.projects,
        bytes as f64 / 1e6
    );

    let mut grp = c.benchmark_group(format!("load-{rows}-rows"));
    grp.throughput(Throughput::Elements(rows))
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    grp.bench_function("csv-bytes", |b| b.iter(|| parse_bytes(dir.path())));
    grp.bench_function("csv-strings", |b| b.iter(|| parse_strings(dir.path())));
    grp.bench_function("helixgraph", |b| {
        b.iter(|| read_csv_dir(dir.path()).expect("a valid folder"))
    });
    grp.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
