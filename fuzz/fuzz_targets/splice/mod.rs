//! A real file damaged by the fuzzer: it reaches deeper into its reader
//! than random bytes do, without a seed corpus.

/// `original` spliced by the fuzzer: `splice` is two bytes of position (a
/// fraction of the length), two of how many bytes to remove, then the
/// bytes to put in their place.
pub fn spliced(original: &[u8], splice: &[u8]) -> Vec<u8> {
    let number = |at: usize| usize::from(u16::from_le_bytes([splice[at], splice[at + 1]]));
    if splice.len() < 4 {
        return original.to_vec();
    }
    let start = number(0) * original.len() / usize::from(u16::MAX);
    let removed = (number(2) % 64).min(original.len() - start);
    [&original[..start], &splice[4..], &original[start + removed..]].concat()
}
