//! Where the tables come from: files, folders and zip members, each matched to a table of
//! the mapping by its file name, read within the size limits.

use super::*;

/// A file handed to `import`, before parsing: its reported name, file name and bytes.
pub(super) struct Source {
    pub(super) name: String,
    pub(super) file_name: String,
    pub(super) bytes: Vec<u8>,
}

pub(super) fn is_zip(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// The table of `mapping` whose `file` names `file_name` (case ignored).
pub(super) fn table_for<'m>(mapping: &'m Mapping, file_name: &str) -> Option<&'m str> {
    mapping.tables.iter().find_map(|(name, spec)| {
        spec.file
            .items()
            .iter()
            .any(|f| f.eq_ignore_ascii_case(file_name))
            .then_some(name.as_str())
    })
}

/// Gathers the files: plain files, every file of a folder, and the members of zips whose name
/// a table of the mapping gives (other members are ignored: the CORDIS zips hold more files
/// than a mapping needs).
pub(super) fn gather(paths: &[PathBuf], mapping: &Mapping, problems: &mut Problems) -> Vec<Source> {
    let mut out = Vec::new();
    let io_problem = |problems: &mut Problems, name: &str, message: String| {
        problems.push(problem(
            name,
            Position::default(),
            None,
            ProblemKind::Io(message),
        ))
    };
    for path in paths {
        let name = path.display().to_string();
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
                Ok(rd) => rd.flatten().map(|e| e.path()).collect(),
                Err(e) => {
                    io_problem(problems, &name, e.to_string());
                    continue;
                }
            };
            entries.sort();
            let wanted: Vec<PathBuf> = entries
                .into_iter()
                .filter(|p| {
                    p.is_file()
                        && (is_zip(p)
                            || p.file_name()
                                .and_then(|n| n.to_str())
                                .is_some_and(|n| table_for(mapping, n).is_some()))
                })
                .collect();
            out.extend(gather(&wanted, mapping, problems));
            continue;
        }
        if is_zip(path) {
            read_zip(path, mapping, problems, &mut out);
            continue;
        }
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if table_for(mapping, &file_name).is_none() {
            let known: Vec<String> = mapping
                .tables
                .values()
                .flat_map(|t| t.file.items().into_iter().map(str::to_string))
                .collect();
            io_problem(
                problems,
                &name,
                format!(
                    "the mapping has no table in a file of this name (its files: {})",
                    known.join(", ")
                ),
            );
            continue;
        }
        match crate::io::read_file_capped(path, "a table read whole") {
            Ok(bytes) => out.push(Source {
                name,
                file_name,
                bytes,
            }),
            Err(e) => io_problem(problems, &name, e.to_string()),
        }
    }
    out
}

/// Largest zip member read (a bigger one is refused rather than filling memory): the largest
/// CORDIS table, H2020's `project.csv` with its objectives, is a few hundred MB.
pub(super) const MAX_MEMBER: u64 = 4 << 30;

pub(super) fn read_zip(
    path: &Path,
    mapping: &Mapping,
    problems: &mut Problems,
    out: &mut Vec<Source>,
) {
    let name = path.display().to_string();
    let fail = |problems: &mut Problems, what: &str, message: String| {
        problems.push(problem(
            what,
            Position::default(),
            None,
            ProblemKind::Io(message),
        ))
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(problems, &name, e.to_string()),
    };
    let mut archive = match zip::ZipArchive::new(std::io::BufReader::new(file)) {
        Ok(a) => a,
        Err(e) => return fail(problems, &name, format!("not a readable zip archive: {e}")),
    };
    let mut found = 0;
    for i in 0..archive.len() {
        let mut member = match archive.by_index(i) {
            Ok(m) => m,
            Err(e) => {
                fail(problems, &name, format!("member {}: {e}", i + 1));
                continue;
            }
        };
        if !member.is_file() {
            continue;
        }
        let inner = member.name().to_string();
        let file_name = inner.rsplit('/').next().unwrap_or(&inner).to_string();
        if table_for(mapping, &file_name).is_none() {
            continue;
        }
        found += 1;
        let shown = format!("{name}!{inner}");
        if member.size() > MAX_MEMBER {
            fail(
                problems,
                &shown,
                format!("member of {} bytes is too large", member.size()),
            );
            continue;
        }
        // The declared size may lie: reading stops past the cap either way.
        let mut bytes = Vec::with_capacity(member.size().min(1 << 26) as usize);
        match (&mut member).take(MAX_MEMBER + 1).read_to_end(&mut bytes) {
            Ok(n) if n as u64 > MAX_MEMBER => fail(
                problems,
                &shown,
                format!("member is larger than {MAX_MEMBER} bytes once decompressed"),
            ),
            Ok(_) => out.push(Source {
                name: shown,
                file_name,
                bytes,
            }),
            Err(e) => fail(problems, &shown, e.to_string()),
        }
    }
    if found == 0 {
        fail(
            problems,
            &name,
            "the archive holds no file that a table of the mapping names".into(),
        );
    }
}

/// Reads the files into the mapping's tables, by file name.
pub fn read_tables(
    paths: &[PathBuf],
    mapping: &Mapping,
) -> Result<BTreeMap<String, Table>, Problems> {
    let mut problems = Problems::new();
    let sources = gather(paths, mapping, &mut problems);
    let mut tables: BTreeMap<String, Table> = BTreeMap::new();
    for source in sources {
        let tname = table_for(mapping, &source.file_name).expect("gathered by table name");
        if let Some(first) = tables.get(tname) {
            problems.push(problem(
                &source.name,
                Position::default(),
                None,
                ProblemKind::Io(format!(
                    "table `{tname}` is already read from {}: give one file per table",
                    first.name
                )),
            ));
            continue;
        }
        let spec = &mapping.tables[tname];
        let delimiter = spec
            .delimiter
            .as_deref()
            .and_then(|d| crate::io::sniff::parse_delimiter(d).ok());
        let encoding = spec.encoding.as_deref().and_then(|e| e.parse().ok());
        match parse_table(
            &source.bytes,
            &source.name,
            &source.file_name,
            delimiter,
            encoding,
        ) {
            Ok(t) => {
                tables.insert(tname.to_string(), t);
            }
            Err(p) => {
                for x in p.list {
                    problems.push(x);
                }
                problems.more += p.more;
                // Counted as read, so it is not also reported missing.
                tables.insert(
                    tname.to_string(),
                    Table {
                        name: source.name,
                        file_name: source.file_name,
                        columns: Vec::new(),
                        rows: Vec::new(),
                        lines: Vec::new(),
                        delimiter: b',',
                    },
                );
            }
        }
    }
    for (tname, spec) in &mapping.tables {
        if !tables.contains_key(tname) {
            problems.push(problem(
                &paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
                Position::default(),
                None,
                ProblemKind::Io(format!(
                    "no file for table `{tname}` (expected {})",
                    spec.file.items().join(" or ")
                )),
            ));
        }
    }
    if problems.is_empty() {
        Ok(tables)
    } else {
        Err(problems)
    }
}
