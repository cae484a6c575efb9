//! Shared helpers for the metric tests: one float comparison for all of them.
#![allow(dead_code)]

/// Relative tolerance for closed-form measures.
pub const EXACT: f64 = 1e-9;
/// Relative tolerance for iterative measures (power iterations).
pub const ITERATIVE: f64 = 1e-6;
/// Absolute floor: differences below this pass (values that should be 0).
pub const ABS_FLOOR: f64 = 1e-12;

/// Whether `got` matches `want`: both NaN, or `|got − want| ≤ rel · max(|got|,
/// |want|)`, or `|got − want| ≤ ABS_FLOOR`.
pub fn close(got: f64, want: f64, rel: f64) -> bool {
    if got.is_nan() || want.is_nan() {
        return got.is_nan() && want.is_nan();
    }
    let diff = (got - want).abs();
    diff <= ABS_FLOOR || diff <= rel * got.abs().max(want.abs())
}

/// Panics with the first mismatching index when the slices differ.
pub fn assert_all_close(what: &str, got: &[f64], want: &[f64], rel: f64) {
    assert_eq!(
        got.len(),
        want.len(),
        "{what}: length {} vs {}",
        got.len(),
        want.len()
    );
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(
            close(g, w, rel),
            "{what}[{i}]: got {g:e}, want {w:e} (rel tol {rel:e})\n got: {got:?}\nwant: {want:?}"
        );
    }
}

/// Panics when two scalars differ.
pub fn assert_close(what: &str, got: f64, want: f64, rel: f64) {
    assert!(
        close(got, want, rel),
        "{what}: got {got:e}, want {want:e} (rel tol {rel:e})"
    );
}

/// Bit-identical comparison (for thread-count determinism).
pub fn assert_bits_eq(what: &str, a: &[f64], b: &[f64]) {
    assert_eq!(a.len(), b.len(), "{what}: length");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert_eq!(x.to_bits(), y.to_bits(), "{what}[{i}]: {x:e} vs {y:e}");
    }
}
