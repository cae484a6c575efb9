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
}
