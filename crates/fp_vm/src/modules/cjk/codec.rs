//! The CJK codecs themselves: one step of decoding (a character, an escape sequence, or an
//! error) and the encoding of one character, for each codec, with the codec's state (the
//! ISO-2022 designations and shifts, HZ's mode) in one integer so that incremental codecs can
//! keep it between calls. `mod.rs` drives these over whole inputs with the error handlers.

use super::jisx0213;
use super::tables::{
    cp932_nec_selected, decode_unit, encode_char, hangul_parts, hangul_syllable, hkscs_encode,
    jis0212_encode, johab_decode, johab_encode, johab_from_ksx, johab_jamo_encode, johab_to_ksx,
    ksx_jamo_byte, ksx_jamo_index,
};
use encoding_rs::{BIG5, EUC_JP, EUC_KR, GB18030, GBK, ISO_8859_7, SHIFT_JIS};

/// The ISO-2022-JP family members: which character sets each may designate.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Jp {
    /// Plain ISO-2022-JP.
    Base,
    Jp1,
    Jp2,
    Jp2004,
    Jp3,
    Ext,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Big5,
    Cp950,
    Big5Hkscs,
    Gb2312,
    Gbk,
    Gb18030,
    Hz,
    EucKr,
    Cp949,
    Johab,
    ShiftJis,
    Cp932,
    /// shift_jis_2004 and shift_jisx0213.
    ShiftJis2004,
    EucJp,
    /// euc_jis_2004 (JIS X 0213, and JIS X 0212 in the 0x8F rows JIS X 0213's plane 2 leaves
    /// out).
    EucJis2004,
    /// euc_jisx0213 and shift_jisx0213: the same with JIS X 0213:2000's repertoire
    /// (`jisx0213_2000`).
    EucJisx0213,
    ShiftJisx0213,
    Iso2022Jp(Jp),
    Iso2022Kr,
}

/// Every codec: its name (as `getcodec` takes it), the C module CPython defines it in, and
/// its kind.
pub const CODECS: &[(&str, &str, Kind)] = &[
    ("gb2312", "_codecs_cn", Kind::Gb2312),
    ("gbk", "_codecs_cn", Kind::Gbk),
    ("gb18030", "_codecs_cn", Kind::Gb18030),
    ("hz", "_codecs_cn", Kind::Hz),
    ("big5", "_codecs_tw", Kind::Big5),
    ("cp950", "_codecs_tw", Kind::Cp950),
    ("big5hkscs", "_codecs_hk", Kind::Big5Hkscs),
    ("shift_jis", "_codecs_jp", Kind::ShiftJis),
    ("cp932", "_codecs_jp", Kind::Cp932),
    ("euc_jp", "_codecs_jp", Kind::EucJp),
    ("shift_jis_2004", "_codecs_jp", Kind::ShiftJis2004),
    ("shift_jisx0213", "_codecs_jp", Kind::ShiftJisx0213),
    ("euc_jis_2004", "_codecs_jp", Kind::EucJis2004),
    ("euc_jisx0213", "_codecs_jp", Kind::EucJisx0213),
    ("euc_kr", "_codecs_kr", Kind::EucKr),
    ("cp949", "_codecs_kr", Kind::Cp949),
    ("johab", "_codecs_kr", Kind::Johab),
    ("iso2022_kr", "_codecs_iso2022", Kind::Iso2022Kr),
    ("iso2022_jp", "_codecs_iso2022", Kind::Iso2022Jp(Jp::Base)),
    ("iso2022_jp_1", "_codecs_iso2022", Kind::Iso2022Jp(Jp::Jp1)),
    ("iso2022_jp_2", "_codecs_iso2022", Kind::Iso2022Jp(Jp::Jp2)),
    (
        "iso2022_jp_2004",
        "_codecs_iso2022",
        Kind::Iso2022Jp(Jp::Jp2004),
    ),
    ("iso2022_jp_3", "_codecs_iso2022", Kind::Iso2022Jp(Jp::Jp3)),
    (
        "iso2022_jp_ext",
        "_codecs_iso2022",
        Kind::Iso2022Jp(Jp::Ext),
    ),
];

pub fn kind_of(name: &str) -> Option<Kind> {
    CODECS.iter().find(|c| c.0 == name).map(|c| c.2)
}

/// One decoding step at the start of the remaining input.
pub enum Step {
    /// Text (possibly empty, for an escape sequence) and the bytes it took.
    Text(String, usize),
    /// An illegal sequence of this many bytes.
    Illegal(usize),
    /// The input ends inside a sequence.
    Incomplete,
}

fn one(c: char, n: usize) -> Step {
    Step::Text(c.to_string(), n)
}

/// A two-byte unit of `enc`, when the lead byte passed the codec's own check.
fn two(enc: &'static encoding_rs::Encoding, d: &[u8], trail_ok: bool) -> Step {
    if d.len() < 2 {
        return Step::Incomplete;
    }
    if !trail_ok {
        return Step::Illegal(1);
    }
    match decode_unit(enc, &d[..2]) {
        Some(s) => Step::Text(s, 2),
        None => Step::Illegal(1),
    }
}

fn is_gr94(b: u8) -> bool {
    (0xA1..=0xFE).contains(&b)
}

/// Lead bytes of the JIS X 0208 rows in Shift_JIS (rows 1-8 and 16-84).
fn sjis_0208_lead(b: u8) -> bool {
    matches!(b, 0x81..=0x84 | 0x88..=0x9F | 0xE0..=0xEA)
}

/// JIS X 0208 cells that CPython's JIS codecs map to the standard's characters where the WHATWG
/// index (Microsoft's choice) has others: (WHATWG, CPython).
const JIS_STANDARD: [(char, char); 6] = [
    ('\u{FF5E}', '\u{301C}'),
    ('\u{2225}', '\u{2016}'),
    ('\u{FF0D}', '\u{2212}'),
    ('\u{FFE0}', '\u{A2}'),
    ('\u{FFE1}', '\u{A3}'),
    ('\u{FFE2}', '\u{AC}'),
];

/// A decoded JIS X 0208 character as CPython's shift_jis/euc_jp/iso2022_jp give it.
fn jis_standard_text(s: String) -> String {
    match JIS_STANDARD
        .iter()
        .find(|p| s.starts_with(p.0) && s.len() == p.0.len_utf8())
    {
        Some(p) => p.1.to_string(),
        None => s,
    }
}

/// The character to look up in the WHATWG JIS X 0208 tables for `c` (None: CPython's JIS
/// codecs do not have it).
fn jis_lookup_char(c: char) -> Option<char> {
    if JIS_STANDARD.iter().any(|p| p.0 == c) {
        return None;
    }
    Some(JIS_STANDARD.iter().find(|p| p.1 == c).map_or(c, |p| p.0))
}

/// GBK cells that WHATWG's table (GB18030) fills and CPython's gbk leaves undefined.
fn gbk_undefined(b: u8, t: u8) -> bool {
    matches!(
        (b, t),
        (0xA2, 0xE3)
            | (0xA3, 0xA0)
            | (0xA6, 0xD9..=0xDF | 0xEC | 0xED | 0xF3)
            | (0xA8, 0xBC | 0xBF)
            | (0xA9, 0x89..=0x95)
            | (0xFE, 0x50..=0xA0)
    )
}

/// GB2312 cells that GBK added (small roman numerals, vertical forms, pinyin letters).
fn gb2312_undefined(b: u8, t: u8) -> bool {
    matches!(
        (b, t),
        (0xA2, 0xA1..=0xAA) | (0xA6, 0xE0..=0xF5) | (0xA8, 0xBB..=0xC0)
    )
}

fn is_pua(s: &str) -> bool {
    s.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c))
}

/// A decoded unit without the Private Use Area code points GBK's WHATWG table gives its
/// user-defined cells (CPython's gbk/gb2312 leave those undefined).
fn no_pua(step: Step) -> Step {
    match step {
        Step::Text(s, _) if is_pua(&s) => Step::Illegal(1),
        other => other,
    }
}

/// Big5 cells where the standard mapping (CPython's big5) differs from WHATWG's: (bytes,
/// character); WHATWG has other characters there.
const BIG5_STANDARD: [([u8; 2], char); 9] = [
    ([0xA1, 0x45], '\u{2022}'),
    ([0xA1, 0x4E], '\u{FF64}'),
    ([0xA1, 0xE3], '\u{223C}'),
    ([0xA1, 0xF2], '\u{2641}'),
    ([0xA1, 0xF3], '\u{2609}'),
    ([0xA2, 0x41], '\u{FF0F}'),
    ([0xA2, 0x42], '\u{FF3C}'),
    ([0xA2, 0x46], '\u{A2}'),
    ([0xA2, 0x47], '\u{A3}'),
];

/// Whether WHATWG's Big5 encoder result `b` is a cell CPython's big5 (`plain`) or
/// big5hkscs leaves out or maps differently.
fn big5_left_out(b: &[u8], plain: bool) -> bool {
    let (b1, b2) = (b[0], b.get(1).copied().unwrap_or(0));
    if BIG5_STANDARD.iter().any(|e| e.0 == [b1, b2]) || (b1 == 0xA3 && b2 >= 0xC0) {
        return true;
    }
    plain
        && (!(0xA1..=0xF9).contains(&b1)
            || (b1 == 0xF9 && b2 >= 0xD6)
            || b1 == 0xC8
            || (b1 == 0xC7 && b2 >= 0xFD))
}

/// State bits: the ISO-2022 G0 set (low byte), the ISO-2022-KR shift and designation, HZ's
/// GB mode.
const G0_MASK: u64 = 0xFF;
const KR_SHIFTED: u64 = 0x100;
const KR_DESIGNATED: u64 = 0x200;
const HZ_GB: u64 = 1;
/// ISO-2022-JP-2's G2 set (for single shifts, `ESC N`): none, ISO 8859-1 or ISO 8859-7.
const G2_MASK: u64 = 0xC00;
const G2_LATIN1: u64 = 0x400;
const G2_GREEK: u64 = 0x800;

/// ISO-2022 graphic sets (values of the G0 state byte).
const ASCII: u64 = 0;
const JIS0208: u64 = 1;
const ROMAN: u64 = 2;
const KATAKANA: u64 = 3;
const JIS0212: u64 = 4;
const GB2312: u64 = 5;
const KSC5601: u64 = 6;
/// JIS X 0213 plane 1, designated as by ISO-2022-JP-2004 (`ESC $ ( Q`) or -3 (`ESC $ ( O`):
/// decoded as JIS X 0208 plus the euro sign (the only JIS X 0213 addition ferropy maps).
const JIS0213_Q: u64 = 7;
const JIS0213_O: u64 = 8;

/// The 2004 codec a JIS X 0213:2000 codec works as, and whether it is one.
fn jis_edition(kind: Kind) -> (Kind, bool) {
    match kind {
        Kind::EucJisx0213 => (Kind::EucJis2004, true),
        Kind::ShiftJisx0213 => (Kind::ShiftJis2004, true),
        k => (k, false),
    }
}

/// JIS X 0213:2000 where it differs from the 2004 edition: the ten cells 2004 added are
/// empty, and 2-93-27 is U+9B1D (2004: U+9B1C). Some(cell) for such a position.
fn jisx0213_2000(pos: jisx0213::Pos) -> Option<Option<jisx0213::Cell>> {
    match pos {
        (1, 14, 1) | (1, 15, 94) | (1, 47, 52) | (1, 47, 94) | (1, 84, 7) | (1, 94, 90..=94) => {
            Some(None)
        }
        (2, 93, 27) => Some(Some(jisx0213::Cell::One('\u{9B1D}'))),
        _ => None,
    }
}

/// A JIS X 0213 cell in the 2004 edition, or the 2000 one when `y2000`.
fn jisx0213_cell(pos: jisx0213::Pos, y2000: bool) -> Option<jisx0213::Cell> {
    match jisx0213_2000(pos).filter(|_| y2000) {
        Some(cell) => cell,
        None => jisx0213::decode(pos.0, pos.1, pos.2),
    }
}

/// The JIS X 0213 cell of `c` in the 2004 edition, or the 2000 one when `y2000`.
fn jisx0213_pos(c: char, y2000: bool) -> Option<jisx0213::Pos> {
    if y2000 && c == '\u{9B1D}' {
        return Some((2, 93, 27));
    }
    jisx0213::encode(c).filter(|&pos| !(y2000 && jisx0213_2000(pos).is_some()))
}

pub fn decode_step(kind: Kind, d: &[u8], state: &mut u64) -> Step {
    let (kind, y2000) = jis_edition(kind);
    let b = d[0];
    match kind {
        Kind::Hz => return hz_decode(d, state),
        Kind::Iso2022Jp(v) => return iso2022_decode(Some(v), d, state),
        Kind::Iso2022Kr => return iso2022_decode(None, d, state),
        _ => {}
    }
    if b < 0x80 {
        if kind == Kind::ShiftJis2004 {
            match b {
                0x5C => return one('\u{A5}', 1),
                0x7E => return one('\u{203E}', 1),
                _ => {}
            }
        }
        return one(b as char, 1);
    }
    // CPython's double-byte decoders ask for a second byte before judging the first.
    let lone_is_incomplete = matches!(
        kind,
        Kind::Big5
            | Kind::Cp950
            | Kind::Big5Hkscs
            | Kind::Gb2312
            | Kind::Gbk
            | Kind::Gb18030
            | Kind::EucKr
            | Kind::Cp949
            | Kind::Johab
            | Kind::EucJp
            | Kind::EucJis2004
    );
    if lone_is_incomplete && d.len() == 1 {
        return Step::Incomplete;
    }
    let t = d.get(1).copied().unwrap_or(0);
    // Where CPython's tables differ from the WHATWG ones on common characters.
    match (kind, b, t) {
        (Kind::Big5 | Kind::Big5Hkscs, 0xA2, 0x44) => return one('\u{A5}', 2),
        (Kind::Big5 | Kind::Big5Hkscs, 0xA1, 0xC2) => return one('\u{203E}', 2),
        (Kind::ShiftJis2004, 0x81, 0x5F) => return one('\\', 2),
        (Kind::ShiftJis2004, 0x81, 0xB0) => return one('~', 2),
        _ => {}
    }
    match kind {
        Kind::Big5 | Kind::Cp950 => {
            if !(0xA1..=0xF9).contains(&b) {
                return Step::Illegal(1);
            }
            // Cells plain Big5 leaves empty (CPython's big5): the control pictures and euro
            // of row A3, the ETEN additions at the end of row F9.
            if kind == Kind::Big5
                && let Some(&(_, c)) = BIG5_STANDARD.iter().find(|e| e.0 == [b, t])
            {
                return one(c, 2);
            }
            if kind == Kind::Cp950 && [b, t] == [0xF9, 0xFE] {
                return one('\u{2593}', 2);
            }
            let empty = (b == 0xA3 && t >= 0xC0 && !(kind == Kind::Cp950 && t == 0xE1))
                || (kind == Kind::Big5 && b == 0xF9 && t >= 0xD6)
                || (kind == Kind::Big5 && (b == 0xC8 || b == 0xC7 && t >= 0xFD));
            two(BIG5, d, !empty)
        }
        Kind::Big5Hkscs => {
            if !(0x87..=0xFE).contains(&b) {
                return Step::Illegal(1);
            }
            if let Some(&(_, c)) = BIG5_STANDARD.iter().find(|e| e.0 == [b, t]) {
                return one(c, 2);
            }
            two(BIG5, d, !(b == 0xA3 && t >= 0xC0))
        }
        Kind::Gb2312 => {
            if !(0xA1..=0xF7).contains(&b) {
                return Step::Illegal(1);
            }
            match (b, t) {
                (0xA1, 0xA4) => return one('\u{30FB}', 2),
                (0xA1, 0xAA) => return one('\u{2015}', 2),
                _ => {}
            }
            no_pua(two(
                GBK,
                d,
                is_gr94(t) && !gbk_undefined(b, t) && !gb2312_undefined(b, t),
            ))
        }
        Kind::Gbk => {
            if !(0x81..=0xFE).contains(&b) {
                return Step::Illegal(1);
            }
            no_pua(two(GBK, d, !gbk_undefined(b, t)))
        }
        Kind::Gb18030 => {
            if !(0x81..=0xFE).contains(&b) {
                return Step::Illegal(1);
            }
            if d.len() >= 2 && (0x30..=0x39).contains(&t) {
                if d.len() < 4 {
                    return Step::Incomplete;
                }
                return match decode_unit(GB18030, &d[..4]) {
                    Some(s) => Step::Text(s, 4),
                    None => Step::Illegal(1),
                };
            }
            two(GB18030, d, true)
        }
        Kind::EucKr => {
            if !is_gr94(b) {
                return Step::Illegal(1);
            }
            // The Hangul filler starts KS X 1001's 8-byte composed syllable: filler, initial,
            // medial, final (or filler), each as a row-4 jamo.
            if b == 0xA4 && t == 0xD4 {
                if d.len() < 8 {
                    return Step::Incomplete;
                }
                let part = |k: u8, at: usize| {
                    if d[at] != 0xA4 {
                        return None;
                    }
                    ksx_jamo_index(k, d[at + 1])
                };
                return match (part(b'i', 2), part(b'm', 4), part(b'f', 6)) {
                    (Some(i), Some(m), Some(f)) => match hangul_syllable(i, m, f) {
                        Some(c) => one(c, 8),
                        None => Step::Illegal(1),
                    },
                    _ => Step::Illegal(1),
                };
            }
            two(EUC_KR, d, is_gr94(t))
        }
        Kind::Cp949 => {
            if !(0x81..=0xFE).contains(&b) {
                return Step::Illegal(1);
            }
            two(EUC_KR, d, true)
        }
        Kind::Johab => {
            if d.len() < 2 {
                return if (0x84..=0xF9).contains(&b) {
                    Step::Incomplete
                } else {
                    Step::Illegal(1)
                };
            }
            if let Some(c) = johab_decode(b, t) {
                return one(c, 2);
            }
            match johab_to_ksx(b, t) {
                Some((c1, c2)) => two(EUC_KR, &[c1 | 0x80, c2 | 0x80], true),
                None => Step::Illegal(1),
            }
        }
        Kind::ShiftJis2004 => {
            if (0xA1..=0xDF).contains(&b) {
                return one(char::from_u32(0xFF61 + (b - 0xA1) as u32).unwrap_or('?'), 1);
            }
            if !matches!(b, 0x81..=0x9F | 0xE0..=0xFC) {
                return Step::Illegal(1);
            }
            if d.len() < 2 {
                return Step::Incomplete;
            }
            match sjis_x0213_cell(b, t) {
                Some((1, row, col)) => jis_plane1_decode(row, col, 2, y2000),
                Some(pos) => match jisx0213_cell(pos, y2000) {
                    Some(cell) => cell_text(cell, 2),
                    None => Step::Illegal(1),
                },
                None => Step::Illegal(1),
            }
        }
        Kind::ShiftJis => {
            if (0xA1..=0xDF).contains(&b) {
                return one(char::from_u32(0xFF61 + (b - 0xA1) as u32).unwrap_or('?'), 1);
            }
            if !sjis_0208_lead(b) {
                return Step::Illegal(1);
            }
            match two(SHIFT_JIS, d, true) {
                Step::Text(s, n) => Step::Text(jis_standard_text(s), n),
                other => other,
            }
        }
        Kind::Cp932 => match b {
            0x80 => one('\u{80}', 1),
            0xA0 => one('\u{F8F0}', 1),
            0xFD..=0xFF => one(char::from_u32(0xF8F1 + (b - 0xFD) as u32).unwrap_or('?'), 1),
            0xA1..=0xDF => one(char::from_u32(0xFF61 + (b - 0xA1) as u32).unwrap_or('?'), 1),
            _ => two(SHIFT_JIS, d, true),
        },
        Kind::EucJis2004 => match b {
            0x8E => two(EUC_JP, d, (0xA1..=0xDF).contains(&t)),
            0x8F => {
                if d.len() < 3 {
                    return Step::Incomplete;
                }
                if !is_gr94(d[1]) || !is_gr94(d[2]) {
                    return Step::Illegal(1);
                }
                // Plane 2, else (in the rows plane 2 leaves out) JIS X 0212.
                match jisx0213_cell((2, d[1] - 0xA0, d[2] - 0xA0), y2000) {
                    Some(cell) => cell_text(cell, 3),
                    None => match jis0212_decode(&d[..3]) {
                        Some(s) => Step::Text(s, 3),
                        None => Step::Illegal(1),
                    },
                }
            }
            _ if is_gr94(b) => {
                if !is_gr94(t) {
                    return Step::Illegal(1);
                }
                jis_plane1_decode(b - 0xA0, t - 0xA0, 2, y2000)
            }
            _ => Step::Illegal(1),
        },
        Kind::EucJp => match b {
            0x8E => two(EUC_JP, d, (0xA1..=0xDF).contains(&t)),
            0x8F => {
                if d.len() < 3 {
                    return Step::Incomplete;
                }
                match jis0212_decode(&d[..3]) {
                    Some(s) => Step::Text(s, 3),
                    None => Step::Illegal(1),
                }
            }
            // Rows 13 (NEC) and 89-92 (IBM) are Microsoft's, not JIS X 0208's.
            0xAD | 0xF9..=0xFC => Step::Illegal(1),
            _ if is_gr94(b) => match two(EUC_JP, d, is_gr94(t)) {
                Step::Text(s, n) => Step::Text(jis_standard_text(s), n),
                other => other,
            },
            _ => Step::Illegal(1),
        },
        // Normalized away by `jis_edition` above.
        Kind::Hz
        | Kind::Iso2022Jp(_)
        | Kind::Iso2022Kr
        | Kind::EucJisx0213
        | Kind::ShiftJisx0213 => Step::Illegal(1),
    }
}

/// A JIS X 0212 character in EUC (0x8F and two bytes). JIS X 0212's 0x2237 is TILDE, which
/// the WHATWG index maps to its fullwidth form.
fn jis0212_decode(d: &[u8]) -> Option<String> {
    if d == [0x8F, 0xA2, 0xB7] {
        return Some("~".into());
    }
    decode_unit(EUC_JP, d)
}

/// The text of a JIS X 0213 cell, which took `n` bytes.
fn cell_text(cell: jisx0213::Cell, n: usize) -> Step {
    match cell {
        jisx0213::Cell::One(c) => one(c, n),
        jisx0213::Cell::Two(a, b) => Step::Text([a, b].iter().collect(), n),
    }
}

/// Whether JIS X 0213's plane 2 has `row` (1, 3-5, 8, 12-15, 78-94).
fn plane2_row(row: u8) -> bool {
    matches!(row, 1 | 3..=5 | 8 | 12..=15 | 78..=94)
}

/// Whether JIS X 0208 assigns characters in `row` (1-8 and 16-84).
fn jis0208_row(row: u8) -> bool {
    matches!(row, 1..=8 | 16..=84)
}

/// A JIS X 0213 plane-1 cell (`n` bytes): the cells JIS X 0208 has decode as the JIS X 0208
/// codecs do, the others from JIS X 0213's table.
fn jis_plane1_decode(row: u8, col: u8, n: usize, y2000: bool) -> Step {
    if jis0208_row(row)
        && let Some(s) = decode_unit(EUC_JP, &[row + 0xA0, col + 0xA0])
    {
        return Step::Text(jis_standard_text(s), n);
    }
    match jisx0213_cell((1, row, col), y2000) {
        Some(cell) => cell_text(cell, n),
        None => Step::Illegal(1),
    }
}

/// The JIS X 0213 encoding of `c` in `kind` (EUC-JIS-2004, Shift_JIS-2004): JIS X 0208's
/// cell where it has one (as the JIS X 0208 codecs encode), else JIS X 0213's.
fn jis2004_encode(kind: Kind, c: char, y2000: bool) -> Option<Vec<u8>> {
    let pos = jis_lookup_char(c)
        .and_then(|j| gr94_pair(EUC_JP, j))
        .filter(|b| jis0208_row(b[0] - 0xA0))
        .map(|b| (1, b[0] - 0xA0, b[1] - 0xA0))
        .or_else(|| {
            // Not through a cell that decodes as JIS X 0208's character instead.
            jisx0213_pos(c, y2000).filter(|&(p, r, col)| {
                !(p == 1
                    && jis0208_row(r)
                    && decode_unit(EUC_JP, &[r + 0xA0, col + 0xA0]).is_some())
            })
        })?;
    jisx0213_bytes(kind, pos)
}

/// `c` in a double-byte set whose both bytes must be in 0xA1..=0xFE (GB2312 in GBK, KS X 1001
/// in UHC, JIS X 0208 in EUC-JP).
fn gr94_pair(enc: &'static encoding_rs::Encoding, c: char) -> Option<[u8; 2]> {
    match encode_char(enc, c)?.as_slice() {
        &[a, b] if is_gr94(a) && is_gr94(b) => Some([a, b]),
        _ => None,
    }
}

/// Appends the bytes of `c` (and any escape or shift sequence it needs) to `out`; false when
/// the codec cannot encode `c` (nothing is appended then).
pub fn encode_step(kind: Kind, c: char, state: &mut u64, out: &mut Vec<u8>) -> bool {
    let (kind, y2000) = jis_edition(kind);
    match kind {
        Kind::Hz => return hz_encode(c, state, out),
        Kind::Iso2022Jp(v) => return iso2022_jp_encode(v, c, state, out),
        Kind::Iso2022Kr => return iso2022_kr_encode(c, state, out),
        _ => {}
    }
    let u = c as u32;
    if u < 0x80 {
        match (kind, c) {
            (Kind::ShiftJis2004, '\\') => out.extend_from_slice(&[0x81, 0x5F]),
            (Kind::ShiftJis2004, '~') => out.extend_from_slice(&[0x81, 0xB0]),
            _ => out.push(u as u8),
        }
        return true;
    }
    if matches!(kind, Kind::Big5 | Kind::Cp950 | Kind::Big5Hkscs) {
        match c {
            '\u{A5}' => {
                out.extend_from_slice(&[0xA2, 0x44]);
                return true;
            }
            '\u{203E}' => {
                out.extend_from_slice(&[0xA1, 0xC2]);
                return true;
            }
            _ => {}
        }
    }
    let bytes: Option<Vec<u8>> = match kind {
        Kind::Big5 => {
            if let Some(e) = BIG5_STANDARD.iter().find(|e| e.1 == c) {
                Some(e.0.to_vec())
            } else if c == '\u{20AC}' {
                None
            } else {
                encode_char(BIG5, c).filter(|b| !big5_left_out(b, true))
            }
        }
        Kind::Cp950 => match c {
            '\u{2593}' => Some(vec![0xF9, 0xFE]),
            _ => encode_char(BIG5, c).filter(|b| {
                !(b[0] == 0xA3 && b[1] >= 0xC0 && b[1] != 0xE1) && b.as_slice() != [0xF9, 0xFE]
            }),
        },
        Kind::Big5Hkscs => {
            if let Some(e) = BIG5_STANDARD.iter().find(|e| e.1 == c) {
                Some(e.0.to_vec())
            } else if c == '\u{20AC}' {
                None
            } else {
                encode_char(BIG5, c)
                    .or_else(|| hkscs_encode(c).map(|b| b.to_vec()))
                    .filter(|b| !big5_left_out(b, false))
            }
        }
        Kind::Gb2312 => match c {
            '\u{30FB}' => Some(vec![0xA1, 0xA4]),
            '\u{2015}' => Some(vec![0xA1, 0xAA]),
            '\u{B7}' | '\u{2014}' => None,
            _ => gr94_pair(GBK, c)
                .filter(|b| {
                    b[0] <= 0xF7
                        && !gbk_undefined(b[0], b[1])
                        && !gb2312_undefined(b[0], b[1])
                        && !is_pua(&c.to_string())
                })
                .map(|b| b.to_vec()),
        },
        Kind::Gbk => encode_char(GBK, c)
            .filter(|b| b.len() == 2 && !gbk_undefined(b[0], b[1]) && !is_pua(&c.to_string())),
        Kind::Gb18030 => encode_char(GB18030, c),
        Kind::EucKr => gr94_pair(EUC_KR, c).map(|b| b.to_vec()).or_else(|| {
            // A syllable outside KS X 1001's 2,350: the 8-byte composed form.
            let (i, m, f) = hangul_parts(c)?;
            let mut v = vec![0xA4, 0xD4];
            for (k, idx) in [(b'i', i), (b'm', m), (b'f', f)] {
                v.extend_from_slice(&[0xA4, ksx_jamo_byte(k, idx)?]);
            }
            Some(v)
        }),
        Kind::Cp949 => encode_char(EUC_KR, c),
        Kind::Johab => johab_encode(c)
            .or_else(|| johab_jamo_encode(c))
            .or_else(|| {
                let [a, b] = gr94_pair(EUC_KR, c)?;
                johab_from_ksx(a & 0x7F, b & 0x7F)
            })
            .map(|b| b.to_vec()),
        Kind::ShiftJis2004 => match c {
            '\u{A5}' => Some(vec![0x5C]),
            '\u{203E}' => Some(vec![0x7E]),
            '\u{FF61}'..='\u{FF9F}' => Some(vec![(c as u32 - 0xFF61 + 0xA1) as u8]),
            // 0x815F and 0x81B0 decode as ASCII's backslash and tilde.
            _ => jis2004_encode(kind, c, y2000)
                .filter(|b| b[..] != [0x81, 0x5F] && b[..] != [0x81, 0xB0]),
        },
        Kind::ShiftJis => match c {
            '\u{A5}' => Some(vec![0x5C]),
            '\u{203E}' => Some(vec![0x7E]),
            _ => jis_lookup_char(c)
                .and_then(|j| encode_char(SHIFT_JIS, j))
                .filter(|b| b.len() == 1 && b[0] >= 0xA1 || b.len() == 2 && sjis_0208_lead(b[0])),
        },
        Kind::Cp932 => match c {
            '\u{A5}' | '\u{203E}' => None,
            '\u{80}' => Some(vec![0x80]),
            '\u{F8F0}' => Some(vec![0xA0]),
            '\u{F8F1}' => Some(vec![0xFD]),
            '\u{F8F2}' => Some(vec![0xFE]),
            '\u{F8F3}' => Some(vec![0xFF]),
            // The user-defined area (rows 95-114) holds the Private Use Area from U+E000.
            '\u{E000}'..='\u{E757}' => {
                let k = c as u32 - 0xE000;
                let (lead, cell) = (0xF0 + k / 188, k % 188);
                let trail = if cell < 0x3F {
                    cell + 0x40
                } else {
                    cell + 0x41
                };
                Some(vec![lead as u8, trail as u8])
            }
            _ => match encode_char(SHIFT_JIS, c) {
                Some(b) if b.len() == 2 && (0xFA..=0xFC).contains(&b[0]) => {
                    Some(cp932_nec_selected(c).map_or(b, |nec| nec.to_vec()))
                }
                other => other,
            },
        },
        Kind::EucJp => match c {
            '\u{A5}' => Some(vec![0x5C]),
            '\u{203E}' => Some(vec![0x7E]),
            _ => jis_lookup_char(c).and_then(|j| {
                encode_char(EUC_JP, j)
                    .filter(|b| !matches!(b[0], 0xAD | 0xF9..=0xFC))
                    .or_else(|| jis0212_encode(c).map(|[a, b]| vec![0x8F, a | 0x80, b | 0x80]))
            }),
        },
        Kind::EucJis2004 => match c {
            '\u{A5}' | '\u{203E}' => None,
            '\u{FF61}'..='\u{FF9F}' => Some(vec![0x8E, (c as u32 - 0xFF61 + 0xA1) as u8]),
            // What the 2004 edition added is not in the 2000 one, nor written with JIS X 0212.
            _ if y2000 && jisx0213::encode(c).is_some_and(|p| jisx0213_2000(p).is_some()) => None,
            // JIS X 0212 in the 0x8F rows plane 2 leaves out, as they decode.
            _ => jis2004_encode(kind, c, y2000).or_else(|| {
                jis0212_encode(c)
                    .filter(|[a, _]| !plane2_row(a.saturating_sub(0x20)))
                    .map(|[a, b]| vec![0x8F, a | 0x80, b | 0x80])
            }),
        },
        Kind::Hz
        | Kind::Iso2022Jp(_)
        | Kind::Iso2022Kr
        | Kind::EucJisx0213
        | Kind::ShiftJisx0213 => None,
    };
    match bytes {
        Some(b) => {
            out.extend_from_slice(&b);
            true
        }
        None => false,
    }
}

/// The code of a letter with a combining mark, for the codecs that have such codes
/// (Big5-HKSCS, EUC-JIS-2004 and Shift_JIS-2004): Some(bytes) when `c` and `next` make one, and whether `c`
/// may start one (so an incremental encoder waits for the next character).
pub fn encode_pair(kind: Kind, c: char, next: Option<char>) -> (Option<Vec<u8>>, bool) {
    let (kind, _) = jis_edition(kind);
    match kind {
        Kind::Big5Hkscs => {
            let (code, starts) = hkscs_pair(c, next);
            (code.map(|b| b.to_vec()), starts)
        }
        Kind::EucJis2004 | Kind::ShiftJis2004 => {
            if !jisx0213::starts_pair(c) {
                return (None, false);
            }
            let code = next
                .and_then(|n| jisx0213::encode_pair(c, n))
                .and_then(|pos| jisx0213_bytes(kind, pos));
            (code, true)
        }
        _ => (None, false),
    }
}

/// The bytes of the JIS X 0213 cell `pos` in `kind`'s encoding (EUC-JIS-2004,
/// Shift_JIS-2004), when it can write it.
fn jisx0213_bytes(kind: Kind, pos: jisx0213::Pos) -> Option<Vec<u8>> {
    let (plane, row, col) = pos;
    match kind {
        Kind::EucJis2004 if plane == 2 => Some(vec![0x8F, row + 0xA0, col + 0xA0]),
        Kind::EucJis2004 => Some(vec![row + 0xA0, col + 0xA0]),
        Kind::ShiftJis2004 => sjis_x0213(plane, row, col).map(|b| b.to_vec()),
        _ => None,
    }
}

/// Shift_JIS-2004's two bytes for a JIS X 0213 cell: plane 1 as Shift_JIS lays out rows,
/// plane 2's rows in the leads 0xF0-0xFC.
fn sjis_x0213(plane: u8, row: u8, col: u8) -> Option<[u8; 2]> {
    let (lead, odd) = if plane == 1 {
        let lead = if row <= 62 {
            (row + 1) / 2 + 0x80
        } else {
            (row + 1) / 2 + 0xC0
        };
        (lead, row % 2 == 1)
    } else {
        match row {
            1 | 8 => (0xF0, row == 1),
            3 | 4 => (0xF1, row == 3),
            5 | 12 => (0xF2, row == 5),
            13 | 14 => (0xF3, row == 13),
            15 => (0xF4, true),
            78 => (0xF4, false),
            79..=94 => (0xF5 + (row - 79) / 2, (row - 79) % 2 == 0),
            _ => return None,
        }
    };
    let trail = if odd {
        col + 0x3F + (col >= 64) as u8
    } else {
        col + 0x9E
    };
    Some([lead, trail])
}

/// The JIS X 0213 cell of a Shift_JIS-2004 two-byte code (the inverse of `sjis_x0213`).
fn sjis_x0213_cell(lead: u8, trail: u8) -> Option<jisx0213::Pos> {
    let (first, col) = match trail {
        0x40..=0x7E => (true, trail - 0x3F),
        0x80..=0x9E => (true, trail - 0x40),
        0x9F..=0xFC => (false, trail - 0x9E),
        _ => return None,
    };
    let (plane, row) = match lead {
        0x81..=0x9F => (1, (lead - 0x81) * 2 + 1 + !first as u8),
        0xE0..=0xEF => (1, (lead - 0xE0) * 2 + 63 + !first as u8),
        0xF0 => (2, if first { 1 } else { 8 }),
        0xF1 => (2, if first { 3 } else { 4 }),
        0xF2 => (2, if first { 5 } else { 12 }),
        0xF3 => (2, if first { 13 } else { 14 }),
        0xF4 => (2, if first { 15 } else { 78 }),
        0xF5..=0xFC => (2, (lead - 0xF5) * 2 + 79 + !first as u8),
        _ => return None,
    };
    Some((plane, row, col))
}

fn hkscs_pair(c: char, next: Option<char>) -> (Option<[u8; 2]>, bool) {
    let starts = c == '\u{CA}' || c == '\u{EA}';
    let code = match (c, next) {
        ('\u{CA}', Some('\u{304}')) => Some([0x88, 0x62]),
        ('\u{CA}', Some('\u{30C}')) => Some([0x88, 0x64]),
        ('\u{EA}', Some('\u{304}')) => Some([0x88, 0xA3]),
        ('\u{EA}', Some('\u{30C}')) => Some([0x88, 0xA5]),
        _ => None,
    };
    (code, starts)
}

/// What a stateful encoder writes at the end of its input (back to ASCII).
pub fn encode_flush(kind: Kind, state: &mut u64, out: &mut Vec<u8>) {
    match kind {
        Kind::Hz if *state & HZ_GB != 0 => {
            out.extend_from_slice(b"~}");
            *state &= !HZ_GB;
        }
        Kind::Iso2022Jp(_) if *state & G0_MASK != ASCII => {
            out.extend_from_slice(b"\x1b(B");
            *state &= !G0_MASK;
        }
        Kind::Iso2022Kr if *state & KR_SHIFTED != 0 => {
            out.push(0x0F);
            *state &= !KR_SHIFTED;
        }
        _ => {}
    }
}

// ----- HZ (RFC 1843) -----

fn hz_decode(d: &[u8], state: &mut u64) -> Step {
    let b = d[0];
    if b == b'~' {
        let Some(&n) = d.get(1) else {
            return Step::Incomplete;
        };
        let gb = *state & HZ_GB != 0;
        return match n {
            b'~' if !gb => one('~', 2),
            b'{' if !gb => {
                *state |= HZ_GB;
                Step::Text(String::new(), 2)
            }
            b'}' if gb => {
                *state &= !HZ_GB;
                Step::Text(String::new(), 2)
            }
            b'\n' if !gb => Step::Text(String::new(), 2),
            _ => Step::Illegal(1),
        };
    }
    if b >= 0x80 {
        return Step::Illegal(1);
    }
    if *state & HZ_GB == 0 || b == b'\n' || b == b'\r' {
        return one(b as char, 1);
    }
    let Some(&t) = d.get(1) else {
        return Step::Incomplete;
    };
    if !(0x21..=0x7E).contains(&b) || !(0x21..=0x7E).contains(&t) {
        return Step::Illegal(1);
    }
    match decode_unit(GBK, &[b | 0x80, t | 0x80]) {
        Some(s) if b < 0x78 => Step::Text(s, 2),
        _ => Step::Illegal(1),
    }
}

fn hz_encode(c: char, state: &mut u64, out: &mut Vec<u8>) -> bool {
    let u = c as u32;
    if u < 0x80 {
        if *state & HZ_GB != 0 {
            out.extend_from_slice(b"~}");
            *state &= !HZ_GB;
        }
        out.push(u as u8);
        if c == '~' {
            out.push(b'~');
        }
        return true;
    }
    let Some([a, b]) = gr94_pair(GBK, c).filter(|b| b[0] <= 0xF7) else {
        return false;
    };
    if *state & HZ_GB == 0 {
        out.extend_from_slice(b"~{");
        *state |= HZ_GB;
    }
    out.extend_from_slice(&[a & 0x7F, b & 0x7F]);
    true
}

// ----- ISO-2022 -----

/// What an ESC at the start of `d` begins.
enum Escape {
    /// A designation of this set (or `KR_DESIGNATED`, `G2_*`), taking this many bytes.
    Set(u64, usize),
    /// A designation sequence the codec does not support, of this many bytes.
    Bad(usize),
    /// Not an escape sequence: the ESC is an ordinary character.
    Literal,
    Incomplete,
}

/// Classifies the escape sequence at the start of `d` (CPython's ISO-2022 rules: an ESC not
/// followed by an intermediate byte stands for itself).
fn iso2022_escape(jp: Option<Jp>, d: &[u8]) -> Escape {
    let Some(&i1) = d.get(1) else {
        return Escape::Incomplete;
    };
    if !matches!(i1, b'(' | b')' | b'$' | b'.') {
        return Escape::Literal;
    }
    // The sequence runs to its final byte (a capital letter or '@'), at most 16 bytes.
    let Some(fin) = d
        .iter()
        .take(16)
        .skip(1)
        .position(|&c| c.is_ascii_uppercase() || c == b'@')
    else {
        return if d.len() < 16 {
            Escape::Incomplete
        } else {
            Escape::Bad(1)
        };
    };
    let len = fin + 2;
    match iso2022_designation(jp, &d[..len]) {
        Some(set) => Escape::Set(set, len),
        None => Escape::Bad(len),
    }
}

/// The set a complete designation sequence designates, if the codec supports it.
fn iso2022_designation(jp: Option<Jp>, d: &[u8]) -> Option<u64> {
    const SEQS: &[(&[u8], u64)] = &[
        (b"\x1b(B", ASCII),
        (b"\x1b(J", ROMAN),
        (b"\x1b(I", KATAKANA),
        (b"\x1b$@", JIS0208),
        (b"\x1b$B", JIS0208),
        (b"\x1b$A", GB2312),
        (b"\x1b$(C", KSC5601),
        (b"\x1b$(D", JIS0212),
        (b"\x1b$(O", JIS0213_O),
        (b"\x1b$(Q", JIS0213_Q),
        (b"\x1b$)C", KR_DESIGNATED),
        (b"\x1b.A", G2_LATIN1),
        (b"\x1b.F", G2_GREEK),
    ];
    for &(seq, set) in SEQS {
        if d != seq {
            continue;
        }
        let allowed = match (jp, set) {
            (None, s) => s == KR_DESIGNATED,
            (Some(_), KR_DESIGNATED) => false,
            (Some(_), ASCII) | (Some(_), JIS0208) => true,
            (Some(v), JIS0213_Q) | (Some(v), JIS0213_O) => matches!(v, Jp::Jp2004 | Jp::Jp3),
            (Some(v), ROMAN) => !matches!(v, Jp::Jp2004 | Jp::Jp3),
            (Some(v), KATAKANA) => v == Jp::Ext,
            (Some(v), JIS0212) => matches!(v, Jp::Jp1 | Jp::Jp2 | Jp::Ext),
            (Some(v), GB2312) | (Some(v), KSC5601) | (Some(v), G2_LATIN1) | (Some(v), G2_GREEK) => {
                v == Jp::Jp2
            }
            _ => false,
        };
        return allowed.then_some(set);
    }
    None
}

fn iso2022_decode(jp: Option<Jp>, d: &[u8], state: &mut u64) -> Step {
    let b = d[0];
    if b == 0x1B && d.get(1) == Some(&b'N') && jp == Some(Jp::Jp2) {
        // Single shift 2: one character of the G2 set (with none designated, CPython skips
        // the shift itself).
        let Some(&c) = d.get(2) else {
            return Step::Incomplete;
        };
        if *state & G2_MASK == 0 {
            return Step::Text(String::new(), 2);
        }
        if !(0x20..0x80).contains(&c) {
            return Step::Illegal(1);
        }
        return match *state & G2_MASK {
            G2_LATIN1 => one(char::from(c | 0x80), 3),
            G2_GREEK => match decode_unit(ISO_8859_7, &[c | 0x80]) {
                Some(s) => Step::Text(s, 3),
                None => Step::Illegal(1),
            },
            _ => Step::Illegal(1),
        };
    }
    if b == 0x1B {
        return match iso2022_escape(jp, d) {
            Escape::Set(KR_DESIGNATED, n) => {
                *state |= KR_DESIGNATED;
                Step::Text(String::new(), n)
            }
            Escape::Set(g2 @ (G2_LATIN1 | G2_GREEK), n) => {
                *state = (*state & !G2_MASK) | g2;
                Step::Text(String::new(), n)
            }
            Escape::Set(set, n) => {
                *state = (*state & !G0_MASK) | set;
                Step::Text(String::new(), n)
            }
            Escape::Bad(n) => Step::Illegal(n),
            Escape::Literal => one('\u{1b}', 1),
            Escape::Incomplete => Step::Incomplete,
        };
    }
    if jp.is_none() && (b == 0x0E || b == 0x0F) {
        if b == 0x0F {
            *state &= !KR_SHIFTED;
        } else if *state & KR_DESIGNATED != 0 {
            *state |= KR_SHIFTED;
        } else {
            return Step::Illegal(1);
        }
        return Step::Text(String::new(), 1);
    }
    if b >= 0x80 {
        return Step::Illegal(1);
    }
    let set = if jp.is_none() {
        if *state & KR_SHIFTED != 0 {
            KSC5601
        } else {
            ASCII
        }
    } else {
        *state & G0_MASK
    };
    if b == b'\n' || b == b'\r' || b < 0x21 || b == 0x7F {
        return one(b as char, 1);
    }
    match set {
        ASCII => one(b as char, 1),
        ROMAN => match b {
            0x5C => one('\u{A5}', 1),
            0x7E => one('\u{203E}', 1),
            _ => one(b as char, 1),
        },
        KATAKANA if b <= 0x5F => one(char::from_u32(0xFF61 + (b - 0x21) as u32).unwrap_or('?'), 1),
        KATAKANA => Step::Illegal(1),
        _ => {
            let Some(&t) = d.get(1) else {
                return Step::Incomplete;
            };
            if !(0x21..=0x7E).contains(&t) {
                return Step::Illegal(1);
            }
            if matches!(set, JIS0213_Q | JIS0213_O) && (b, t) == (0x29, 0x21) {
                return one('\u{20AC}', 2);
            }
            let (b1, b2) = (b | 0x80, t | 0x80);
            let s = match set {
                JIS0213_Q | JIS0213_O => decode_unit(EUC_JP, &[b1, b2]),
                JIS0208 => decode_unit(EUC_JP, &[b1, b2]),
                JIS0212 => decode_unit(EUC_JP, &[0x8F, b1, b2]),
                GB2312 => decode_unit(GBK, &[b1, b2]),
                _ => decode_unit(EUC_KR, &[b1, b2]),
            };
            match s {
                Some(s) => Step::Text(s, 2),
                None => Step::Illegal(1),
            }
        }
    }
}

/// Switches G0 to `set` (writing its escape sequence) if it is not already designated.
fn designate(set: u64, state: &mut u64, out: &mut Vec<u8>) {
    if *state & G0_MASK == set {
        return;
    }
    let seq: &[u8] = match set {
        ASCII => b"\x1b(B",
        ROMAN => b"\x1b(J",
        KATAKANA => b"\x1b(I",
        JIS0208 => b"\x1b$B",
        GB2312 => b"\x1b$A",
        JIS0212 => b"\x1b$(D",
        JIS0213_Q => b"\x1b$(Q",
        JIS0213_O => b"\x1b$(O",
        _ => b"\x1b$(C",
    };
    out.extend_from_slice(seq);
    *state = (*state & !G0_MASK) | set;
}

fn iso2022_jp_encode(v: Jp, c: char, state: &mut u64, out: &mut Vec<u8>) -> bool {
    let u = c as u32;
    if u < 0x80 {
        designate(ASCII, state, out);
        out.push(u as u8);
        return true;
    }
    let roman = !matches!(v, Jp::Jp2004 | Jp::Jp3);
    if roman && (c == '\u{A5}' || c == '\u{203E}') {
        designate(ROMAN, state, out);
        out.push(if c == '\u{A5}' { 0x5C } else { 0x7E });
        return true;
    }
    if let Some([a, b]) = gr94_pair(EUC_JP, c) {
        designate(JIS0208, state, out);
        out.extend_from_slice(&[a & 0x7F, b & 0x7F]);
        return true;
    }
    if matches!(v, Jp::Jp1 | Jp::Jp2 | Jp::Ext)
        && let Some([a, b]) = jis0212_encode(c)
    {
        designate(JIS0212, state, out);
        out.extend_from_slice(&[a, b]);
        return true;
    }
    if c == '\u{20AC}' && matches!(v, Jp::Jp2004 | Jp::Jp3) {
        designate(if v == Jp::Jp3 { JIS0213_O } else { JIS0213_Q }, state, out);
        out.extend_from_slice(b")!");
        return true;
    }
    if v == Jp::Jp2 {
        for (set, enc) in [(KSC5601, EUC_KR), (GB2312, GBK)] {
            if let Some([a, b]) = gr94_pair(enc, c) {
                designate(set, state, out);
                out.extend_from_slice(&[a & 0x7F, b & 0x7F]);
                return true;
            }
        }
    }
    if v == Jp::Ext && (0xFF61..=0xFF9F).contains(&u) {
        designate(KATAKANA, state, out);
        out.push((u - 0xFF61 + 0x21) as u8);
        return true;
    }
    false
}

fn iso2022_kr_encode(c: char, state: &mut u64, out: &mut Vec<u8>) -> bool {
    let u = c as u32;
    if u < 0x80 {
        if *state & KR_SHIFTED != 0 {
            out.push(0x0F);
            *state &= !KR_SHIFTED;
        }
        out.push(u as u8);
        return true;
    }
    let Some([a, b]) = gr94_pair(EUC_KR, c) else {
        return false;
    };
    if *state & KR_DESIGNATED == 0 {
        out.extend_from_slice(b"\x1b$)C");
        *state |= KR_DESIGNATED;
    }
    if *state & KR_SHIFTED == 0 {
        out.push(0x0E);
        *state |= KR_SHIFTED;
    }
    out.extend_from_slice(&[a & 0x7F, b & 0x7F]);
    true
}
