//! The seeded random stream of the generator and the integer-exact draws built on it.
//!
//! Stability: the bits come from ChaCha8 (`rand_chacha`, whose stream is specified by the
//! algorithm and portable across platforms); its 256-bit key is expanded from the user's seed by
//! SplitMix64 written out here, and each part of the output (actors; each chunk of projects) reads
//! its own ChaCha stream number, so the result does not depend on the number of threads. Every
//! draw below uses integer arithmetic or IEEE-754 operations that are exactly rounded (`+ - * /`
//! and `sqrt`), never `ln`, `exp` or `powf`, whose last bit may differ between math libraries.

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// SplitMix64 (Steele, Lea & Flood 2014): one step, the standard constants.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The 32-byte ChaCha key for a seed: four SplitMix64 outputs, little-endian.
pub(crate) fn key(seed: u64) -> [u8; 32] {
    let mut state = seed;
    let mut key = [0u8; 32];
    for chunk in key.chunks_exact_mut(8) {
        chunk.copy_from_slice(&splitmix64(&mut state).to_le_bytes());
    }
    key
}

/// A ChaCha8 stream with the draws the generator needs.
pub(crate) struct Rng(ChaCha8Rng);

impl Rng {
    /// Stream `stream` of the generator keyed by `seed`.
    pub(crate) fn new(seed: u64, stream: u64) -> Rng {
        let mut inner = ChaCha8Rng::from_seed(key(seed));
        inner.set_stream(stream);
        Rng(inner)
    }

    /// 64 uniform bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in `0..n` without bias (Lemire 2019, multiply and reject). `n` must be positive.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }

    /// Uniform in `[0, 1)` with 53 random bits (exact conversion).
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in `(0, 1]` with 53 random bits (exact conversion).
    pub(crate) fn unit_open0(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `num / den` exactly.
    pub(crate) fn chance(&mut self, num: u64, den: u64) -> bool {
        self.below(den) < num
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_the_reference_values() {
        // Reference outputs of SplitMix64 seeded with 1234567 (from the published C code).
        let mut s = 1234567u64;
        let got: Vec<u64> = (0..3).map(|_| splitmix64(&mut s)).collect();
        assert_eq!(
            got,
            vec![
                6457827717110365317,
                3203168211198807973,
                9817491932198370423
            ]
        );
    }

    #[test]
    fn the_stream_is_pinned() {
        // If this changes, `synth` output changed for every seed: a breaking change to document.
        let mut r = Rng::new(1, 0);
        let first: Vec<u64> = (0..2).map(|_| r.next_u64()).collect();
        let mut again = Rng::new(1, 0);
        assert_eq!(first[0], again.next_u64());
        let mut other = Rng::new(1, 1);
        assert_ne!(first[0], other.next_u64(), "streams differ");
        let mut seed2 = Rng::new(2, 0);
        assert_ne!(first[0], seed2.next_u64(), "seeds differ");
        assert_eq!(first, PINNED.to_vec());
    }

    /// The first two outputs for seed 1, stream 0, as computed by an independent Python
    /// implementation of ChaCha (8 rounds, 64-bit block counter in words 12–13, stream in words
    /// 14–15) keyed with the SplitMix64 expansion above: the stream is plain ChaCha8.
    const PINNED: [u64; 2] = [17254111457321727320, 9958508360252413363];

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut r = Rng::new(7, 0);
        let mut seen = [0u32; 7];
        for _ in 0..7000 {
            seen[r.below(7) as usize] += 1;
        }
        assert!(seen.iter().all(|&c| c > 800 && c < 1200), "{seen:?}");
        for _ in 0..1000 {
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            let v = r.unit_open0();
            assert!(v > 0.0 && v <= 1.0);
        }
    }
}
