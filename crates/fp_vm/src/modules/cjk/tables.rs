//! Character-level mapping of the CJK double-byte character sets, on top of `encoding_rs`'s
//! tables (the WHATWG Encoding Standard's indexes): decoding one multi-byte unit and encoding
//! one character. The codecs (`codec.rs`) restrict the WHATWG sets to the ranges CPython's
//! codecs accept where the two differ (Big5 without HKSCS, GB2312 inside GBK, KS X 1001 inside
//! UHC, JIS X 0208 inside Shift_JIS), and Johab's Hangul syllables are computed here (no
//! table needed).

use encoding_rs::{EncoderResult, Encoding};

/// The text of one complete multi-byte unit of `enc`, or None when it is not mapped.
pub fn decode_unit(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    let s = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
    if s.is_empty() {
        return None;
    }
    Some(s.into_owned())
}

/// The bytes of character `c` in `enc`, or None when `enc` cannot encode it.
pub fn encode_char(enc: &'static Encoding, c: char) -> Option<Vec<u8>> {
    let mut buf = [0u8; 4];
    let s: &str = c.encode_utf8(&mut buf);
    let mut encoder = enc.new_encoder();
    let mut out = vec![0u8; 16];
    let (res, read, written) = encoder.encode_from_utf8_without_replacement(s, &mut out, true);
    match res {
        EncoderResult::InputEmpty if read == s.len() && written > 0 => {
            out.truncate(written);
            Some(out)
        }
        _ => None,
    }
}

/// The JIS X 0212 code (two bytes 0x21..=0x7E) of `c`. encoding_rs decodes JIS X 0212 (in
/// EUC-JP, as 0x8F + two bytes) but never encodes it, so the reverse map is built once from
/// its decoder.
pub fn jis0212_encode(c: char) -> Option<[u8; 2]> {
    static MAP: std::sync::OnceLock<std::collections::HashMap<char, [u8; 2]>> =
        std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        for b1 in 0x21u8..=0x7E {
            for b2 in 0x21u8..=0x7E {
                if let Some(s) = decode_unit(encoding_rs::EUC_JP, &[0x8F, b1 | 0x80, b2 | 0x80]) {
                    let mut it = s.chars();
                    if let (Some(ch), None) = (it.next(), it.next()) {
                        m.entry(ch).or_insert([b1, b2]);
                    }
                }
            }
        }
        m
    });
    map.get(&c).copied()
}

// ----- Johab (KS X 1001 annex 3): Hangul syllables only -----

/// Johab's 5-bit initial-consonant values, by choseong index.
const JOHAB_INITIAL: [u16; 19] = [
    2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
];
/// Johab's 5-bit vowel values, by jungseong index.
const JOHAB_MEDIAL: [u16; 21] = [
    3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 18, 19, 20, 21, 22, 23, 26, 27, 28, 29,
];
/// Johab's 5-bit final-consonant values, by jongseong index (0: none).
const JOHAB_FINAL: [u16; 28] = [
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27,
    28, 29,
];

/// The Johab code of a precomposed Hangul syllable.
pub fn johab_encode(c: char) -> Option<[u8; 2]> {
    let u = c as u32;
    if !(0xAC00..=0xD7A3).contains(&u) {
        return None;
    }
    let s = u - 0xAC00;
    let (i, m, f) = (s / (21 * 28), (s / 28) % 21, s % 28);
    let code = 0x8000
        | (JOHAB_INITIAL[i as usize] << 10)
        | (JOHAB_MEDIAL[m as usize] << 5)
        | JOHAB_FINAL[f as usize];
    Some(code.to_be_bytes())
}

/// The syllable of a Johab Hangul code (complete syllables only).
pub fn johab_decode(b1: u8, b2: u8) -> Option<char> {
    let code = u16::from_be_bytes([b1, b2]);
    if code & 0x8000 == 0 {
        return None;
    }
    let i = JOHAB_INITIAL
        .iter()
        .position(|&v| v == (code >> 10) & 0x1f)?;
    let m = JOHAB_MEDIAL.iter().position(|&v| v == (code >> 5) & 0x1f)?;
    let f = JOHAB_FINAL.iter().position(|&v| v == code & 0x1f)?;
    char::from_u32(0xAC00 + ((i * 21 + m) * 28 + f) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn johab_round_trip() {
        for c in ['가', '힣', '한', '글'] {
            let b = johab_encode(c).unwrap();
            assert_eq!(johab_decode(b[0], b[1]), Some(c));
        }
        // CPython: '가'.encode('johab') == b'\x88a'
        assert_eq!(johab_encode('가'), Some([0x88, 0x61]));
    }

    #[test]
    fn big5_unit() {
        assert_eq!(
            decode_unit(encoding_rs::BIG5, &[0xa4, 0xa4]).as_deref(),
            Some("中")
        );
        assert_eq!(encode_char(encoding_rs::BIG5, '中'), Some(vec![0xa4, 0xa4]));
        assert_eq!(encode_char(encoding_rs::BIG5, '€'), Some(vec![0xa3, 0xe1]));
    }
}
