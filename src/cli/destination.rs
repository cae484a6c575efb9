//! Where a command that writes an ecosystem (`synth`, `import`) may write a CSV folder: a new
//! or empty folder, or one holding only a helixgraph CSV folder's files, never a file or a
//! folder of other data.

use super::error::CliError;
use helixgraph::io::{CSV_FILES, META_FILE};
use std::path::Path;

/// Refuses a CSV folder destination that would mix the output with other data.
pub fn check_csv_folder(path: &Path) -> Result<(), CliError> {
    let shown = path.display();
    if path.exists() && !path.is_dir() {
        return Err(CliError::Usage(format!(
            "{shown} exists and is not a folder; a CSV output is a folder (use a name ending in \
             .toml or .json for one file)"
        )));
    }
    if !path.is_dir() {
        return Ok(());
    }
    let entries = std::fs::read_dir(path).map_err(|e| CliError::output(shown.to_string(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| CliError::output(shown.to_string(), e))?;
        let name = entry.file_name();
        let ours = name
            .to_str()
            .is_some_and(|n| CSV_FILES.contains(&n) || n == META_FILE)
            && entry.file_type().is_ok_and(|t| t.is_file());
        if !ours {
            return Err(CliError::Usage(format!(
                "refusing to write into {shown}: it holds {name:?}, which is not part of a \
                 helixgraph CSV folder ({}); choose a new or empty folder",
                CSV_FILES.join(", ")
            )));
        }
    }
    Ok(())
}
