//! Graph representations used by the metric kernels.
mod csr;
pub use csr::*;
