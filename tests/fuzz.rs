//! Byte-level mutation fuzzing of every reader (issue 12), on stable Rust.
//!
//! Readers: TOML, JSON, CSV folder, edge list, GraphML, GEXF and `import --mapping cordis`
//! (the members of a CORDIS download) by byte edits; `.xlsx` and `.ods` by cell edits
//! (`fuzz/sheets.rs`: a quarter of the cases, each a workbook written from edited cells of the
//! CSV seeds; problems must sit at a row and column of a sheet that was written, accepted
//! counts equal the non-blank rows). Each byte case takes a seed of
//! `tests/fuzz/seeds/<reader>/` (a folder's members are mutated one at a time), applies stacked
//! byte edits drawn from a SplitMix64 stream keyed by the run seed and the case number
//! (`fuzz/mutate.rs`), and reads the result through the library (`io::load_with`,
//! `io::read_edge_list`, `io::import::import`).
//! The oracle, per input:
//! - no panic (`catch_unwind` around the reader);
//! - refused: every problem names its file, and where it has a place the line is a line of
//!   that file (as `io::source_line` counts them) and columns are 1-based (within the line for
//!   TOML, JSON and the XML graph files);
//! - accepted: the record counts equal an independent strict reference (`fuzz/reference.rs`);
//!   a reference that refuses what the reader accepted, or another count, is a silent loss.
//!
//! A sample also goes through the built binary (`check`, `metrics --edges`, `import`), which
//! must exit 0 or 2, never 101 or by a signal.
//!
//! Every input that fails is written to `tests/fuzz/corpus/<reader>/` (named by its hash) and
//! every corpus entry is replayed on each run. `HELIXGRAPH_FUZZ_CASES` sets the cases per reader
//! of the short run (default 1,000); `HELIXGRAPH_FUZZ_SEED` the run seed. The long run:
//! `cargo test --release --test fuzz -- --ignored --nocapture` (100,000 cases per reader,
//! 25,000 per workbook reader).

#[path = "fuzz/mutate.rs"]
mod mutate;
#[path = "fuzz/reference.rs"]
mod reference;
#[path = "fuzz/sheets.rs"]
mod sheets;

use helixgraph::io;
use helixgraph::model::Problems;
use mutate::{mutate, SplitMix64};
use reference::Counts;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    Toml,
    Json,
    Csv,
    Edges,
    Graphml,
    Gexf,
    Xlsx,
    Ods,
    Import,
}

impl Reader {
    const ALL: [Reader; 9] = [
        Reader::Toml,
        Reader::Json,
        Reader::Csv,
        Reader::Edges,
        Reader::Graphml,
        Reader::Gexf,
        Reader::Xlsx,
        Reader::Ods,
        Reader::Import,
    ];

    fn name(self) -> &'static str {
        match self {
            Reader::Toml => "toml",
            Reader::Json => "json",
            Reader::Csv => "csv",
            Reader::Edges => "edges",
            Reader::Graphml => "graphml",
            Reader::Gexf => "gexf",
            Reader::Xlsx => "xlsx",
            Reader::Ods => "ods",
            Reader::Import => "import",
        }
    }

    /// The name a single-file input is written under.
    fn file_name(self) -> &'static str {
        match self {
            Reader::Toml => "fuzz.toml",
            Reader::Json => "fuzz.json",
            Reader::Csv => "",
            Reader::Edges => "edges.txt",
            Reader::Graphml => "fuzz.graphml",
            Reader::Gexf => "fuzz.gexf",
            Reader::Xlsx => "fuzz.xlsx",
            Reader::Ods => "fuzz.ods",
            Reader::Import => "",
        }
    }

    /// The members of a folder input (mutated one at a time); empty for a single file.
    fn members(self) -> &'static [&'static str] {
        match self {
            Reader::Csv => &MEMBERS,
            Reader::Import => &CORDIS_MEMBERS,
            _ => &[],
        }
    }
}

/// The CSV folder members a case may hold.
const MEMBERS: [&str; 5] = [
    "actors.csv",
    "projects.csv",
    "involvements.csv",
    "ties.csv",
    "meta.toml",
];

/// The tables of a CORDIS download the `cordis` preset reads.
const CORDIS_MEMBERS: [&str; 2] = ["organization.csv", "project.csv"];

/// One input: a file, or the members of a CSV folder.
#[derive(Clone, Debug)]
struct Input {
    files: Vec<(String, Vec<u8>)>,
    /// Read with `--encoding latin1` (a third of the CSV cases; corpus folders named
    /// `*-latin1`), so the transcoding path meets mutated input too.
    latin1: bool,
}

impl Input {
    fn hash(&self) -> String {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        for (name, bytes) in &self.files {
            h.update(name.as_bytes());
            h.update([0]);
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        }
        h.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz")
}

/// The inputs of `seeds/<reader>/` or `corpus/<reader>/`: files, or folders for CSV.
fn inputs_in(dir: &Path, reader: Reader) -> Vec<(String, Input)> {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(d) => d.map(|e| e.unwrap().path()).collect(),
        Err(_) => return Vec::new(),
    };
    entries.sort();
    let mut inputs = Vec::new();
    for path in entries {
        let label = path.display().to_string();
        if !reader.members().is_empty() {
            if !path.is_dir() {
                continue;
            }
            let files = reader
                .members()
                .iter()
                .filter_map(|m| std::fs::read(path.join(m)).ok().map(|b| (m.to_string(), b)))
                .collect();
            let latin1 = label.ends_with("-latin1");
            inputs.push((label, Input { files, latin1 }));
        } else if path.is_file() && path.file_name() != Some(".gitkeep".as_ref()) {
            let bytes = std::fs::read(&path).unwrap();
            let files = vec![(reader.file_name().to_string(), bytes)];
            inputs.push((
                label,
                Input {
                    files,
                    latin1: false,
                },
            ));
        }
    }
    inputs
}

/// A scratch place a worker writes each case into.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Self {
        Scratch {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Writes the input; returns the path to read (the file, or the CSV folder).
    fn write(&self, reader: Reader, input: &Input) -> PathBuf {
        let root = self.dir.path();
        if !reader.members().is_empty() {
            let folder = root.join("eco");
            std::fs::create_dir_all(&folder).unwrap();
            for m in reader.members() {
                let _ = std::fs::remove_file(folder.join(m));
            }
            for (name, bytes) in &input.files {
                std::fs::write(folder.join(name), bytes).unwrap();
            }
            folder
        } else {
            let path = root.join(reader.file_name());
            std::fs::write(&path, &input.files[0].1).unwrap();
            path
        }
    }
}

/// What the library made of an input.
enum Read {
    Accepted(Counts),
    Edges(usize, usize),
    Refused(Problems),
}

fn options(input: &Input) -> io::ReadOptions {
    io::ReadOptions {
        encoding: input.latin1.then_some(io::sniff::Encoding::Latin1),
        ..Default::default()
    }
}

fn read(reader: Reader, path: &Path, input: &Input) -> Read {
    match reader {
        Reader::Edges => match io::read_edge_list(&input.files[0].1[..], "edges.txt") {
            Ok(list) => Read::Edges(list.edges.len(), list.names.len()),
            Err(p) => Read::Refused(p),
        },
        Reader::Import => {
            let (mapping, _) = io::import::load_mapping("cordis").expect("the preset parses");
            match io::import::import(&[path.to_path_buf()], &mapping) {
                Ok((eco, _)) => Read::Accepted(Counts {
                    actors: eco.actors.len(),
                    projects: eco.projects.len(),
                    involvements: eco.involvements.len(),
                    ties: eco.ties.len(),
                }),
                Err(p) => Read::Refused(p),
            }
        }
        _ => match io::load_with(path, None, &options(input)) {
            Ok(eco) => Read::Accepted(Counts {
                actors: eco.actors.len(),
                projects: eco.projects.len(),
                involvements: eco.involvements.len(),
                ties: eco.ties.len(),
            }),
            Err(p) => Read::Refused(p),
        },
    }
}

/// The reference counts of an input the reader accepted.
fn reference_counts(reader: Reader, input: &Input) -> Result<Counts, String> {
    let text = |bytes: &[u8]| {
        std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|e| format!("accepted text that is not UTF-8: {e}"))
    };
    match reader {
        Reader::Toml => reference::toml_counts(&text(&input.files[0].1)?),
        Reader::Json => reference::json_counts(&text(&input.files[0].1)?),
        Reader::Csv => {
            let rows = |name: &str| -> Result<usize, String> {
                match input.files.iter().find(|(n, _)| n == name) {
                    Some((_, bytes)) => {
                        reference::csv_rows(bytes, input.latin1).map_err(|e| format!("{name}: {e}"))
                    }
                    None => Ok(0),
                }
            };
            Ok(Counts {
                actors: rows("actors.csv")?,
                projects: rows("projects.csv")?,
                involvements: rows("involvements.csv")?,
                ties: rows("ties.csv")?,
            })
        }
        Reader::Graphml => reference::graph_counts(&input.files[0].1, false),
        Reader::Gexf => reference::graph_counts(&input.files[0].1, true),
        Reader::Import => {
            let member = |name: &str| {
                input
                    .files
                    .iter()
                    .find(|(n, _)| n == name)
                    .map_or(&[][..], |(_, b)| &b[..])
            };
            reference::cordis_counts(member("organization.csv"), member("project.csv"))
        }
        Reader::Edges => unreachable!("edge lists are counted apart"),
        Reader::Xlsx | Reader::Ods => unreachable!("workbooks are counted from their cells"),
    }
}

/// The text whose lines and columns a problem counts, decoded as the reader decodes it: a
/// UTF-16 byte-order mark is taken where `marks` (a CSV file, or any file when an encoding is
/// named), a UTF-8 one skipped, Latin-1 when `latin1`, else UTF-8 (lossy: one U+FFFD per bad
/// byte).
fn as_read(bytes: &[u8], marks: bool, latin1: bool) -> String {
    let utf16 = |rest: &[u8], le: bool| {
        let units = rest.chunks(2).map(|p| match p {
            [a, b] if le => u16::from_le_bytes([*a, *b]),
            [a, b] => u16::from_be_bytes([*a, *b]),
            _ => 0xfffd,
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{fffd}'))
            .collect()
    };
    match bytes {
        [0xff, 0xfe, rest @ ..] if marks => utf16(rest, true),
        [0xfe, 0xff, rest @ ..] if marks => utf16(rest, false),
        [0xef, 0xbb, 0xbf, ..] => String::from_utf8_lossy(bytes).into_owned(),
        _ if latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Checks every problem's file and place; `Err` says what is wrong.
fn check_places(
    reader: Reader,
    path: &Path,
    input: &Input,
    problems: &Problems,
) -> Result<(), String> {
    if problems.list.is_empty() {
        return Err("refused with no problem listed".into());
    }
    for p in &problems.list {
        let rendered = p.to_string();
        let file_name = Path::new(&p.file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if file_name.is_empty() || !rendered.contains(&file_name) {
            return Err(format!("problem does not name its file: {rendered}"));
        }
        // The member (or single file) the problem is in, if it is one of the input's.
        let member = match reader {
            Reader::Csv | Reader::Import => input.files.iter().find(|(n, _)| *n == file_name),
            Reader::Edges => Some(&input.files[0]),
            _ => (Path::new(&p.file) == path).then_some(&input.files[0]),
        };
        match (p.position.line, p.position.column) {
            (None, None) => {}
            (None, Some(_)) => return Err(format!("a column without a line: {rendered}")),
            (Some(line), column) => {
                let Some((_, bytes)) = member else {
                    return Err(format!("a line in no input file: {rendered}"));
                };
                let marks = file_name.ends_with(".csv") || input.latin1;
                let text = as_read(bytes, marks, input.latin1);
                let Some(source) = (line >= 1).then(|| io::source_line(&text, line)).flatten()
                else {
                    return Err(format!("line {line} is not a line of the file: {rendered}"));
                };
                if let Some(col) = column {
                    if col == 0 {
                        return Err(format!("column 0: {rendered}"));
                    }
                    let char_columns = matches!(
                        reader,
                        Reader::Toml | Reader::Json | Reader::Graphml | Reader::Gexf
                    ) || file_name.ends_with(".toml");
                    if char_columns && col as usize > source.chars().count() + 1 {
                        return Err(format!(
                            "column {col} past the end of line {line} ({source:?}): {rendered}"
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Reads one input through the library and applies the oracle; `Ok(true)` when accepted.
fn check_one(reader: Reader, scratch: &Scratch, input: &Input) -> Result<bool, String> {
    let path = scratch.write(reader, input);
    let outcome = catch_unwind(AssertUnwindSafe(|| read(reader, &path, input)));
    let outcome = match outcome {
        Ok(o) => o,
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            return Err(format!("panic: {message}"));
        }
    };
    match outcome {
        Read::Refused(problems) => check_places(reader, &path, input, &problems).map(|()| false),
        Read::Edges(edges, nodes) => match reference::edge_counts(&input.files[0].1) {
            Ok(want) if want == (edges, nodes) => Ok(true),
            Ok(want) => Err(format!(
                "count mismatch: read {edges} edges, {nodes} nodes; reference {want:?}"
            )),
            Err(e) => Err(format!("accepted, but the reference refuses: {e}")),
        },
        Read::Accepted(got) => match reference_counts(reader, input) {
            Ok(want) if want == got => Ok(true),
            Ok(want) => Err(format!("count mismatch: read {got:?}, reference {want:?}")),
            Err(e) => Err(format!("accepted, but the reference refuses: {e}")),
        },
    }
}

/// Runs the built binary on the written input: exit 0 or 2, never 101 or a signal.
fn check_binary(reader: Reader, scratch: &Scratch, input: &Input) -> Result<(), String> {
    let path = scratch.write(reader, input);
    if reader == Reader::Import {
        let out = scratch.dir.path().join("imported.toml");
        let _ = std::fs::remove_file(&out);
        let run = Command::new(env!("CARGO_BIN_EXE_helixgraph"))
            .args(["import", "-q", "--mapping", "cordis"])
            .arg(&path)
            .arg("-o")
            .arg(&out)
            .output()
            .map_err(|e| e.to_string())?;
        return match run.status.code() {
            Some(0) | Some(2) => Ok(()),
            code => Err(format!(
                "binary exit {code:?} (None: a signal): {}",
                String::from_utf8_lossy(&run.stderr)
            )),
        };
    }
    run_binary(reader, &path, input.latin1)
}

/// Runs the built binary on `path`: exit 0 or 2, never 101 or a signal.
fn run_binary(reader: Reader, path: &Path, latin1: bool) -> Result<(), String> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_helixgraph"));
    match reader {
        Reader::Edges => cmd.arg("metrics").arg("--edges").arg(path),
        _ => cmd.arg("check").arg(path),
    };
    if latin1 {
        cmd.args(["--encoding", "latin1"]);
    }
    let out = cmd.output().map_err(|e| e.to_string())?;
    match out.status.code() {
        Some(0) | Some(2) => Ok(()),
        code => Err(format!(
            "binary exit {code:?} (None: a signal): {}",
            String::from_utf8_lossy(&out.stderr)
        )),
    }
}

/// What a run found.
#[derive(Default, Debug)]
struct Tally {
    cases: u64,
    accepted: u64,
    binary_runs: u64,
    panics: u64,
    mismatches: u64,
    misplaced: u64,
    bad_exits: u64,
    failures: Vec<String>,
}

impl Tally {
    fn record(&mut self, label: &str, result: Result<(), String>, saved: Option<&Path>) {
        if let Err(e) = result {
            if e.starts_with("panic") {
                self.panics += 1;
            } else if e.starts_with("binary") {
                self.bad_exits += 1;
            } else if e.contains("refuses") || e.contains("mismatch") {
                self.mismatches += 1;
            } else {
                self.misplaced += 1;
            }
            let at = saved
                .map(|p| format!(" (saved as {})", p.display()))
                .unwrap_or_default();
            self.failures.push(format!("{label}{at}: {e}"));
        }
    }
}

/// Writes a failing input into the corpus, named by its hash; returns where.
fn save(reader: Reader, input: &Input) -> PathBuf {
    let dir = fuzz_dir().join("corpus").join(reader.name());
    let hash = input.hash();
    if !reader.members().is_empty() {
        let folder = dir.join(if input.latin1 {
            format!("{hash}-latin1")
        } else {
            hash
        });
        std::fs::create_dir_all(&folder).unwrap();
        for (name, bytes) in &input.files {
            std::fs::write(folder.join(name), bytes).unwrap();
        }
        folder
    } else {
        std::fs::create_dir_all(&dir).unwrap();
        let ext = Path::new(reader.file_name()).extension().unwrap();
        let path = dir.join(format!("{hash}.{}", ext.to_string_lossy()));
        std::fs::write(&path, &input.files[0].1).unwrap();
        path
    }
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// Fuzzes one reader: seeds and corpus replayed, then `cases` mutated inputs on `threads`
/// workers (case `i` is the same input whatever the thread count), every `binary_every`-th
/// through the binary too.
fn fuzz(reader: Reader, seed: u64, cases: u64, threads: usize, binary_every: u64) -> Tally {
    let seeds = inputs_in(&fuzz_dir().join("seeds").join(reader.name()), reader);
    assert!(!seeds.is_empty(), "no seeds for {}", reader.name());
    let corpus = inputs_in(&fuzz_dir().join("corpus").join(reader.name()), reader);
    let tally = Mutex::new(Tally::default());
    let scratch = Scratch::new();
    // Seeds are valid: the accepted path of the oracle is exercised on each.
    for (label, input) in &seeds {
        let result = match check_one(reader, &scratch, input) {
            Ok(true) => Ok(()),
            Ok(false) => Err("a seed is refused".to_string()),
            Err(e) => Err(e),
        };
        tally.lock().unwrap().record(label, result, None);
    }
    for (label, input) in &corpus {
        let result =
            check_one(reader, &scratch, input).and_then(|_| check_binary(reader, &scratch, input));
        tally.lock().unwrap().record(label, result, None);
    }
    let donors: Vec<&[u8]> = seeds
        .iter()
        .flat_map(|(_, i)| i.files.iter().map(|(_, b)| b.as_slice()))
        .collect();
    std::thread::scope(|s| {
        for t in 0..threads as u64 {
            let (seeds, donors, tally) = (&seeds, &donors, &tally);
            s.spawn(move || {
                let scratch = Scratch::new();
                let mut local = Tally::default();
                let mut i = t;
                while i < cases {
                    let key = seed ^ ((reader as u64 + 1) << 56) ^ i;
                    let mut rng = SplitMix64::new(key);
                    let mut input = seeds[rng.below(seeds.len())].1.clone();
                    input.latin1 = reader == Reader::Csv && i % 3 == 1;
                    let member = rng.below(input.files.len());
                    mutate(&mut rng, &mut input.files[member].1, donors);
                    let mut result = check_one(reader, &scratch, &input).map(|accepted| {
                        local.accepted += u64::from(accepted);
                    });
                    local.cases += 1;
                    if result.is_ok() && binary_every > 0 && i % binary_every == 0 {
                        local.binary_runs += 1;
                        result = check_binary(reader, &scratch, &input);
                    }
                    let saved = result.is_err().then(|| save(reader, &input));
                    let label = format!("{} case {i} (seed {seed:#x})", reader.name());
                    local.record(&label, result, saved.as_deref());
                    i += threads as u64;
                }
                let mut all = tally.lock().unwrap();
                all.cases += local.cases;
                all.accepted += local.accepted;
                all.binary_runs += local.binary_runs;
                all.panics += local.panics;
                all.mismatches += local.mismatches;
                all.misplaced += local.misplaced;
                all.bad_exits += local.bad_exits;
                all.failures.extend(local.failures);
            });
        }
    });
    tally.into_inner().unwrap()
}

/// Writes a workbook of `book`'s cells, reads it through the library and applies the oracle:
/// no panic; refused, every problem names the workbook and, where it has a row, a sheet that
/// was written with the row and column inside it; accepted, each sheet's records equal
/// [`sheets::Book::records`]. `Ok(true)` when accepted.
fn check_sheet(reader: Reader, dir: &Path, book: &sheets::Book) -> Result<bool, String> {
    let bytes = match reader {
        Reader::Xlsx => book
            .xlsx()
            .map_err(|e| format!("the writer refuses: {e}"))?,
        _ => book.ods(),
    };
    let path = dir.join(reader.file_name());
    std::fs::write(&path, bytes).unwrap();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        io::load_with(&path, None, &io::ReadOptions::default())
    }))
    .map_err(|_| "panic in the workbook reader".to_string())?;
    match outcome {
        Ok(eco) => {
            let got = Counts {
                actors: eco.actors.len(),
                projects: eco.projects.len(),
                involvements: eco.involvements.len(),
                ties: eco.ties.len(),
            };
            let want = Counts {
                actors: book.records("actors"),
                projects: book.records("projects"),
                involvements: book.records("involvements"),
                ties: book.records("ties"),
            };
            if got == want {
                Ok(true)
            } else {
                Err(format!("count mismatch: read {got:?}, cells {want:?}"))
            }
        }
        Err(problems) => {
            if problems.list.is_empty() {
                return Err("refused with no problem listed".into());
            }
            for p in &problems.list {
                let rendered = p.to_string();
                if !rendered.contains(reader.file_name()) {
                    return Err(format!("problem does not name its file: {rendered}"));
                }
                let (line, column) = (p.position.line, p.position.column);
                let Some((_, sheet)) = p.sheet() else {
                    if line.is_some() {
                        return Err(format!("a row outside any sheet: {rendered}"));
                    }
                    continue;
                };
                let Some((rows, width)) = book.extent(sheet) else {
                    if line.is_some() {
                        return Err(format!("a row of a sheet never written: {rendered}"));
                    }
                    continue;
                };
                if let Some(line) = line {
                    if line == 0 || line as usize > rows {
                        return Err(format!("row {line} of {rows}: {rendered}"));
                    }
                }
                match column {
                    Some(c) if line.is_none() => {
                        return Err(format!("column {c} without a row: {rendered}"))
                    }
                    Some(c) if c == 0 || c as usize > width => {
                        return Err(format!("column {c} of {width}: {rendered}"))
                    }
                    _ => {}
                }
            }
            Ok(false)
        }
    }
}

/// Fuzzes a workbook reader at the cell level (`fuzz/sheets.rs`): the seeds are the CSV seed
/// folders written as workbooks; failing books are kept as `corpus/<reader>/<hash>.json` (the
/// cells, written again on replay).
fn fuzz_sheets(reader: Reader, seed: u64, cases: u64, threads: usize, binary_every: u64) -> Tally {
    let csv_seeds = fuzz_dir().join("seeds").join("csv");
    let seeds: Vec<sheets::Book> = ["mini", "rich-crlf", "quoted-bom"]
        .iter()
        .map(|s| sheets::Book::from_csv_folder(&csv_seeds.join(s)).expect("a CSV seed"))
        .collect();
    let corpus_dir = fuzz_dir().join("corpus").join(reader.name());
    let mut corpus: Vec<(String, sheets::Book)> = std::fs::read_dir(&corpus_dir)
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension() == Some("json".as_ref()))
        .map(|p| {
            let book = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
            (p.display().to_string(), book)
        })
        .collect();
    corpus.sort_by(|a, b| a.0.cmp(&b.0));
    let tally = Mutex::new(Tally::default());
    let scratch = Scratch::new();
    for (i, book) in seeds.iter().enumerate() {
        let result = match check_sheet(reader, scratch.dir.path(), book) {
            Ok(true) => Ok(()),
            Ok(false) => Err("a seed is refused".to_string()),
            Err(e) => Err(e),
        };
        tally
            .lock()
            .unwrap()
            .record(&format!("{} seed {i}", reader.name()), result, None);
    }
    for (label, book) in &corpus {
        let result = check_sheet(reader, scratch.dir.path(), book)
            .and_then(|_| run_binary(reader, &scratch.dir.path().join(reader.file_name()), false));
        tally.lock().unwrap().record(label, result, None);
    }
    std::thread::scope(|s| {
        for t in 0..threads as u64 {
            let (seeds, tally, corpus_dir) = (&seeds, &tally, &corpus_dir);
            s.spawn(move || {
                let scratch = Scratch::new();
                let mut local = Tally::default();
                let mut i = t;
                while i < cases {
                    let key = seed ^ ((reader as u64 + 1) << 56) ^ i;
                    let mut rng = SplitMix64::new(key);
                    let mut book = seeds[rng.below(seeds.len())].clone();
                    sheets::mutate(&mut rng, &mut book);
                    let mut result = check_sheet(reader, scratch.dir.path(), &book)
                        .map(|accepted| local.accepted += u64::from(accepted));
                    local.cases += 1;
                    if result.is_ok() && binary_every > 0 && i % binary_every == 0 {
                        local.binary_runs += 1;
                        let path = scratch.dir.path().join(reader.file_name());
                        result = run_binary(reader, &path, false);
                    }
                    let saved = result.is_err().then(|| {
                        let json = serde_json::to_vec_pretty(&book).unwrap();
                        let hash: String = {
                            use sha2::Digest;
                            sha2::Sha256::digest(&json)[..8]
                                .iter()
                                .map(|b| format!("{b:02x}"))
                                .collect()
                        };
                        std::fs::create_dir_all(corpus_dir).unwrap();
                        let path = corpus_dir.join(format!("{hash}.json"));
                        std::fs::write(&path, json).unwrap();
                        path
                    });
                    let label = format!("{} case {i} (seed {seed:#x})", reader.name());
                    local.record(&label, result, saved.as_deref());
                    i += threads as u64;
                }
                let mut all = tally.lock().unwrap();
                all.cases += local.cases;
                all.accepted += local.accepted;
                all.binary_runs += local.binary_runs;
                all.panics += local.panics;
                all.mismatches += local.mismatches;
                all.misplaced += local.misplaced;
                all.bad_exits += local.bad_exits;
                all.failures.extend(local.failures);
            });
        }
    });
    tally.into_inner().unwrap()
}

fn run_all(default_cases: u64, default_seed: u64, binary_every: u64) {
    let cases = env_u64("HELIXGRAPH_FUZZ_CASES").unwrap_or(default_cases);
    let seed = env_u64("HELIXGRAPH_FUZZ_SEED").unwrap_or(default_seed);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut failures = Vec::new();
    for reader in Reader::ALL {
        let start = Instant::now();
        let t = match reader {
            // Each workbook case writes and unzips a whole workbook: a quarter of the cases.
            Reader::Xlsx | Reader::Ods => {
                fuzz_sheets(reader, seed, cases.div_ceil(4), threads, binary_every / 5)
            }
            _ => fuzz(reader, seed, cases, threads, binary_every),
        };
        println!(
            "fuzz {:5}: {} cases ({} accepted), {} through the binary; {} panics, {} bad exits, {} count mismatches, {} misplaced problems; {:.1} s",
            reader.name(),
            t.cases,
            t.accepted,
            t.binary_runs,
            t.panics,
            t.bad_exits,
            t.mismatches,
            t.misplaced,
            start.elapsed().as_secs_f64()
        );
        failures.extend(t.failures);
    }
    assert!(
        failures.is_empty(),
        "{} failing input(s):\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The short budget every `cargo test` runs (a few seconds in debug).
#[test]
fn fuzz_every_reader_short() {
    run_all(1000, 0x1e11_c0de, 50);
}

/// The long budget, run before each release:
/// `cargo test --release --test fuzz -- --ignored --nocapture`.
#[test]
#[ignore]
fn fuzz_every_reader_long() {
    run_all(100_000, 0x5eed_2026, 500);
}
