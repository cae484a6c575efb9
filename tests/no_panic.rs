//! No input makes a reader panic: arbitrary text and mutations of valid files, through every
//! reader, end in an ecosystem or a list of problems. (Property tests, proptest.)

use helixgraph::io;
use proptest::prelude::*;

const VALID_TOML: &str = include_str!("data/good/mini.toml");
const VALID_JSON: &str = include_str!("data/good/mini.json");

/// A valid file with one byte range replaced by arbitrary text.
fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    (0..base.len(), 0..12usize, ".{0,12}").prop_map(move |(at, len, insert)| {
        let mut start = at;
        while !base.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + len).min(base.len());
        while !base.is_char_boundary(end) {
            end += 1;
        }
        format!("{}{}{}", &base[..start], insert, &base[end..])
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn toml_reader_never_panics(text in mutated(VALID_TOML)) {
        let _ = io::read_toml_str(&text, "fuzz.toml");
    }

    #[test]
    fn json_reader_never_panics(text in mutated(VALID_JSON)) {
        let _ = io::read_json_str(&text, "fuzz.json");
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = io::read_toml_str(&text, "fuzz.toml");
        let _ = io::read_json_str(&text, "fuzz.json");
    }

    #[test]
    fn csv_reader_never_panics(
        actors in proptest::collection::vec(any::<u8>(), 0..120),
        involvements in "[a-z0-9,\"\n ]{0,120}",
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut actor_file = b"id,name,sector,kind\n".to_vec();
        actor_file.extend(actors);
        std::fs::write(dir.path().join("actors.csv"), actor_file).unwrap();
        std::fs::write(dir.path().join("projects.csv"), "id,name,dimension\np,P,living\n").unwrap();
        std::fs::write(dir.path().join("involvements.csv"), format!("actor,project,role\n{involvements}")).unwrap();
        let _ = io::read_csv_dir(dir.path());
    }

    /// Issue 11 inputs: extra involvement and tie columns, dimension lists, a meta.toml, any
    /// line ends, read with `--weight-from`. Besides not panicking, every problem's line is a
    /// line of its file (counted as `io::source_line` counts them).
    #[test]
    fn rich_csv_folders_never_panic_and_stay_in_their_lines(
        projects in "[a-z;,\"\r\n ]{0,60}",
        involvements in "[a-z0-9.,\"\r\n -]{0,120}",
        meta in "[a-z=\"\\[\\]\r\n ]{0,40}",
        crlf in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let dir = tempfile::tempdir().unwrap();
        let files = [
            ("actors.csv", format!("id,name,sector,kind{end}a,A,civil,x{end}b,B,academia,y{end}")),
            ("projects.csv", format!("id,name,dimension{end}p,P,living;people{end}{projects}")),
            ("involvements.csv", format!("actor,project,role,amount,date{end}a,p,partner,2,x{end}{involvements}")),
            ("ties.csv", format!("from,to,kind,since{end}a,b,funds,2019{end}")),
            ("meta.toml", format!("[meta]{end}{meta}")),
        ];
        for (name, text) in &files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let options = io::ReadOptions { weight_from: Some("amount".into()), ..Default::default() };
        if let Err(problems) = io::load_with(dir.path(), None, &options) {
            for p in &problems.list {
                let Some(line) = p.position.line else { continue };
                let name = std::path::Path::new(&p.file).file_name().unwrap().to_str().unwrap();
                let text = &files.iter().find(|f| f.0 == name).unwrap().1;
                prop_assert!(io::source_line(text, line).is_some(), "{p} outside {text:?}");
            }
        }
    }

    #[test]
    fn edge_lists_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = io::read_edge_list(&bytes[..], "fuzz.txt");
    }
}
