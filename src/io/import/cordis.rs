//! The built-in CORDIS mapping (`--mapping cordis`): the European Commission's bulk downloads
//! of Horizon 2020 and Horizon Europe projects, as a mapping file embedded in the binary, so
//! users can read it (docs/IMPORT.md prints it) and copy it to adapt it.

/// The mapping file's text (`src/io/import/cordis.toml`).
pub const CORDIS_MAPPING: &str = include_str!("cordis.toml");
