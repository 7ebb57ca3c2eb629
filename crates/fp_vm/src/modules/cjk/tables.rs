//! Character-level mapping of the CJK double-byte character sets, on top of `encoding_rs`'s
//! tables (the WHATWG Encoding Standard's indexes): decoding one multi-byte unit and encoding
//! one character. The codecs (`codec.rs`) restrict the WHATWG sets to the ranges CPython's
//! codecs accept where the two differ (Big5 without HKSCS, GB2312 inside GBK, KS X 1001 inside
//! UHC, JIS X 0208 inside Shift_JIS); Johab's Hangul and its mapping of the KS X 1001 symbols
//! and hanja, and EUC-KR's 8-byte composed syllables, are computed here.

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

/// The NEC-selected IBM extension code (Shift_JIS rows 89-92, lead 0xED/0xEE) of `c`, which
/// CPython's cp932 prefers to the IBM extension code (lead 0xFA-0xFC) WHATWG's encoder gives.
pub fn cp932_nec_selected(c: char) -> Option<[u8; 2]> {
    static MAP: std::sync::OnceLock<std::collections::HashMap<char, [u8; 2]>> =
        std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        for b1 in [0xEDu8, 0xEE] {
            for b2 in (0x40u8..=0x7E).chain(0x80..=0xFC) {
                if let Some(s) = decode_unit(encoding_rs::SHIFT_JIS, &[b1, b2]) {
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

/// The Big5-HKSCS code of `c` among the cells WHATWG's Big5 encoder leaves out (it encodes
/// only the lead bytes from 0xA1): a reverse map of its decoder, built once.
pub fn hkscs_encode(c: char) -> Option<[u8; 2]> {
    static MAP: std::sync::OnceLock<std::collections::HashMap<char, [u8; 2]>> =
        std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        for b1 in 0x87u8..=0xFE {
            for b2 in (0x40u8..=0x7E).chain(0xA1..=0xFE) {
                if let Some(s) = decode_unit(encoding_rs::BIG5, &[b1, b2]) {
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

// ----- Hangul: Johab (KS X 1001 annex 3) and EUC-KR's composed syllables -----

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
    if let Some(c) = johab_jamo_decode(code) {
        return Some(c);
    }
    let i = JOHAB_INITIAL
        .iter()
        .position(|&v| v == (code >> 10) & 0x1f)?;
    let m = JOHAB_MEDIAL.iter().position(|&v| v == (code >> 5) & 0x1f)?;
    let f = JOHAB_FINAL.iter().position(|&v| v == code & 0x1f)?;
    char::from_u32(0xAC00 + ((i * 21 + m) * 28 + f) as u32)
}

/// Compatibility-jamo offsets (from U+3131) of the 19 initial consonants.
const CHO_JAMO: [u32; 19] = [
    0, 1, 3, 6, 7, 8, 16, 17, 18, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
];
/// Compatibility-jamo offsets of the 27 final consonants (jongseong 1..=27).
const JONG_JAMO: [u32; 27] = [
    0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 23, 25, 26, 27, 28,
    29,
];

/// `(initial, medial, final)` indices of a precomposed syllable.
pub fn hangul_parts(c: char) -> Option<(usize, usize, usize)> {
    let u = c as u32;
    if !(0xAC00..=0xD7A3).contains(&u) {
        return None;
    }
    let s = (u - 0xAC00) as usize;
    Some((s / (21 * 28), (s / 28) % 21, s % 28))
}

/// The syllable of `(initial, medial, final)` indices.
pub fn hangul_syllable(i: usize, m: usize, f: usize) -> Option<char> {
    if i >= 19 || m >= 21 || f >= 28 {
        return None;
    }
    char::from_u32(0xAC00 + ((i * 21 + m) * 28 + f) as u32)
}

/// The KS X 1001 row-4 cell (0xA1-based byte) of a jamo part: an initial, a medial, or a
/// final (0: the filler, 0xD4).
pub fn ksx_jamo_byte(kind: u8, idx: usize) -> Option<u8> {
    let off = match kind {
        b'i' => *CHO_JAMO.get(idx)?,
        b'm' => 30 + idx as u32,
        _ if idx == 0 => return Some(0xD4),
        _ => *JONG_JAMO.get(idx - 1)?,
    };
    Some(0xA1 + off as u8)
}

/// The index of a jamo part from its KS X 1001 row-4 byte (`kind` as in `ksx_jamo_byte`).
pub fn ksx_jamo_index(kind: u8, byte: u8) -> Option<usize> {
    if kind == b'f' && byte == 0xD4 {
        return Some(0);
    }
    let off = (byte as u32).checked_sub(0xA1)?;
    match kind {
        b'i' => CHO_JAMO.iter().position(|&o| o == off),
        b'm' => (30..51).contains(&off).then(|| (off - 30) as usize),
        _ => JONG_JAMO.iter().position(|&o| o == off).map(|p| p + 1),
    }
}

/// Johab's code of a compatibility jamo (U+3131..=U+3164): the initial, medial or final
/// with the other parts filled.
pub fn johab_jamo_encode(c: char) -> Option<[u8; 2]> {
    let u = c as u32;
    // (The filler U+3164 goes through KS X 1001, as CPython's codec does.)
    let (i, m, f) = match u {
        0x314F..=0x3163 => (1, JOHAB_MEDIAL[(u - 0x314F) as usize], 1),
        0x3131..=0x314E => {
            let off = u - 0x3131;
            if let Some(p) = CHO_JAMO.iter().position(|&o| o == off) {
                (JOHAB_INITIAL[p], 2, 1)
            } else {
                let p = JONG_JAMO.iter().position(|&o| o == off)?;
                (1, 2, JOHAB_FINAL[p + 1])
            }
        }
        _ => return None,
    };
    Some((0x8000 | (i << 10) | (m << 5) | f).to_be_bytes())
}

/// The compatibility jamo of a Johab code with filled parts.
fn johab_jamo_decode(code: u16) -> Option<char> {
    let (i, m, f) = ((code >> 10) & 0x1f, (code >> 5) & 0x1f, code & 0x1f);
    let u = match (i, m, f) {
        (1, 2, 1) => 0x3164,
        (_, 2, 1) => 0x3131 + CHO_JAMO[JOHAB_INITIAL.iter().position(|&v| v == i)?],
        (1, _, 1) => 0x314F + JOHAB_MEDIAL.iter().position(|&v| v == m)? as u32,
        (1, 2, _) => {
            let p = JOHAB_FINAL.iter().position(|&v| v == f)?;
            0x3131 + *JONG_JAMO.get(p.checked_sub(1)?)?
        }
        _ => return None,
    };
    char::from_u32(u)
}

/// Johab bytes of a KS X 1001 symbol (rows 1-12) or hanja (rows 42-93), given as the two
/// 7-bit row/cell bytes.
pub fn johab_from_ksx(c1: u8, c2: u8) -> Option<[u8; 2]> {
    let t1: u32 = match c1 {
        0x21..=0x2C => (c1 - 0x21) as u32 + 0x1B2,
        0x4A..=0x7D => (c1 - 0x21) as u32 + 0x197,
        _ => return None,
    };
    let t2 = if t1 & 1 == 1 { 0x5E } else { 0 } + (c2 as u32).checked_sub(0x21)?;
    let b2 = if t2 < 0x4E { t2 + 0x31 } else { t2 + 0x43 };
    Some([(t1 >> 1) as u8, b2 as u8])
}

/// The KS X 1001 row/cell bytes (7-bit) of Johab symbol or hanja bytes.
pub fn johab_to_ksx(j1: u8, j2: u8) -> Option<(u8, u8)> {
    let t2 = match j2 {
        0x31..=0x7E => j2 - 0x31,
        0x91..=0xFE => j2 - 0x43,
        _ => return None,
    } as u32;
    let (t1, c2) = if t2 >= 0x5E {
        (j1 as u32 * 2 + 1, t2 - 0x5E + 0x21)
    } else {
        (j1 as u32 * 2, t2 + 0x21)
    };
    let c1 = match t1 {
        0x1B2..=0x1BD => t1 - 0x1B2 + 0x21,
        0x1C0..=0x1F3 => t1 - 0x197 + 0x21,
        _ => return None,
    };
    (0x21..=0x7E).contains(&c2).then_some((c1 as u8, c2 as u8))
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
