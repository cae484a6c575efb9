//! Rendering DOT to SVG or PNG with Graphviz's `dot` program.

use std::io::Write;
use std::process::{Command, Stdio};

/// An image format Graphviz renders to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// Scalable vector graphics.
    Svg,
    /// Portable network graphics.
    Png,
}

impl ImageFormat {
    /// The file extension and `-T` name.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
        }
    }
}

/// Why rendering failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The Graphviz program is not on the PATH.
    #[error("Graphviz's `{program}` program is not installed or not on the PATH; install Graphviz (for example `apt-get install graphviz`) or leave out --render")]
    NotInstalled {
        /// The program looked for.
        program: String,
    },
    /// Graphviz ran and failed.
    #[error("`{program}` failed ({status}): {stderr}")]
    Failed {
        /// The program run.
        program: String,
        /// Its exit status.
        status: String,
        /// What it printed on stderr.
        stderr: String,
    },
    /// Talking to the program failed.
    #[error("running `{program}`: {source}")]
    Io {
        /// The program run.
        program: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Renders DOT text with `program` (`dot`, `sfdp`, ...) to an image, returned as bytes.
pub fn render(dot: &str, format: ImageFormat, program: &str) -> Result<Vec<u8>, RenderError> {
    let io_err = |source| RenderError::Io {
        program: program.to_string(),
        source,
    };
    let mut child = match Command::new(program)
        .arg(format!("-T{}", format.as_str()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(RenderError::NotInstalled {
                program: program.to_string(),
            })
        }
        Err(e) => return Err(io_err(e)),
    };
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = dot.to_string();
    // Feed stdin from a thread so a large output cannot deadlock the pipes.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().map_err(io_err)?;
    let fed = writer.join().unwrap_or(Ok(()));
    if !output.status.success() {
        return Err(RenderError::Failed {
            program: program.to_string(),
            status: output.status.to_string(),
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    fed.map_err(io_err)?;
    Ok(output.stdout)
}

/// Whether `program` can be started (for tests that need Graphviz).
pub fn is_installed(program: &str) -> bool {
    Command::new(program)
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}
