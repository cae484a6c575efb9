//! A small seeded random number generator with a fixed, documented stream.
//!
//! SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number
//! generators", OOPSLA 2014). It is written out here rather than taken from a
//! crate so that sampled results are identical across crate versions: the
//! stream is defined by the ten lines below and never changes.

const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// SplitMix64 generator. `next_u64` adds the golden-ratio gamma to the state
/// and returns the mixed state.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator whose state starts at `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The generator of stream `index` under `seed`: state
    /// `mix(seed ^ mix(index · gamma + 1))`. Used to give every sample of a
    /// sampled kernel its own generator, so results do not depend on which
    /// thread draws which sample.
    pub fn stream(seed: u64, index: u64) -> Self {
        SplitMix64::new(mix(seed ^ mix(index.wrapping_mul(GAMMA).wrapping_add(1))))
    }

    /// Next 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GAMMA);
        mix(self.state)
    }

    /// An integer in `0..bound` (multiply-shift; bias below `bound / 2^64`).
    /// `bound` must be positive.
    #[inline]
    pub fn below(&mut self, bound: u64) -> u64 {
        ((self.next_u64() as u128 * bound as u128) >> 64) as u64
    }

    /// A float in `[0, 1)` with 53 random bits.
    #[inline]
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_stream() {
        // First outputs of SplitMix64 seeded with 0, as published with the
        // reference implementation (Vigna, prng.di.unimi.it/splitmix64.c).
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }
}
