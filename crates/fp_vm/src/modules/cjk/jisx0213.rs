//! JIS X 0213:2004, the character set of euc_jis_2004, shift_jis_2004 and iso2022_jp_2004:
//! JIS X 0208 extended to 11,233 characters in two planes of 94 × 94 cells, 25 of which stand
//! for a letter followed by a combining mark (so an encoder must look one character ahead).
//!
//! The table (`jisx0213.bin`) is written by `tools/gen_jisx0213.py` from the C library's
//! converter; its format is described there.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

static DATA: &[u8] = include_bytes!("jisx0213.bin");

const GRID: usize = 2 * 94 * 94;
const PAIR_BASE: u32 = 0x110000;

/// What one cell stands for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Cell {
    One(char),
    /// A letter and a combining mark.
    Two(char, char),
}

fn word(i: usize) -> u32 {
    let b = DATA.get(i * 4..i * 4 + 4).unwrap_or(&[0; 4]);
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// The cell at `plane` (1 or 2), `row` and `col` (1..=94), when assigned.
pub fn decode(plane: u8, row: u8, col: u8) -> Option<Cell> {
    if !(1..=2).contains(&plane) || !(1..=94).contains(&row) || !(1..=94).contains(&col) {
        return None;
    }
    let i = (plane as usize - 1) * 94 * 94 + (row as usize - 1) * 94 + (col as usize - 1);
    match word(i) {
        0 => None,
        w if w < PAIR_BASE => char::from_u32(w).map(Cell::One),
        w => {
            let p = GRID + 2 * (w - PAIR_BASE) as usize;
            let (a, b) = (char::from_u32(word(p))?, char::from_u32(word(p + 1))?);
            Some(Cell::Two(a, b))
        }
    }
}

/// A cell's position: plane (1 or 2), row and column (1..=94).
pub type Pos = (u8, u8, u8);

struct Reverse {
    single: HashMap<char, Pos>,
    pairs: HashMap<(char, char), Pos>,
    /// The letters that start a pair (every character an encoder writes asks).
    starts: HashSet<char>,
}

fn reverse() -> &'static Reverse {
    static R: OnceLock<Reverse> = OnceLock::new();
    R.get_or_init(|| {
        let mut r = Reverse {
            single: HashMap::new(),
            pairs: HashMap::new(),
            starts: HashSet::new(),
        };
        // Plane 1 first: a character in both planes is written with its plane-1 cell.
        for plane in 1..=2u8 {
            for row in 1..=94u8 {
                for col in 1..=94u8 {
                    match decode(plane, row, col) {
                        Some(Cell::One(c)) => {
                            r.single.entry(c).or_insert((plane, row, col));
                        }
                        Some(Cell::Two(a, b)) => {
                            r.pairs.entry((a, b)).or_insert((plane, row, col));
                            r.starts.insert(a);
                        }
                        None => {}
                    }
                }
            }
        }
        r
    })
}

/// The cell of `c`.
pub fn encode(c: char) -> Option<Pos> {
    reverse().single.get(&c).copied()
}

/// The cell of the letter `a` followed by the combining mark `b`.
pub fn encode_pair(a: char, b: char) -> Option<Pos> {
    reverse().pairs.get(&(a, b)).copied()
}

/// Whether `c` may be the first of a pair (an encoder then waits for the next character).
pub fn starts_pair(c: char) -> bool {
    reverse().starts.contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table holds the standard's 11,233 characters and its 25 pairs, and reads back.
    #[test]
    fn table_shape_and_round_trip() {
        let mut n = 0;
        let mut pairs = 0;
        for plane in 1..=2 {
            for row in 1..=94 {
                for col in 1..=94 {
                    match decode(plane, row, col) {
                        Some(Cell::One(_)) => n += 1,
                        Some(Cell::Two(a, b)) => {
                            n += 1;
                            pairs += 1;
                            assert_eq!(encode_pair(a, b), Some((plane, row, col)));
                            assert!(starts_pair(a));
                        }
                        None => {}
                    }
                }
            }
        }
        assert_eq!((n, pairs), (11233, 25));
        // æ̀ (1-11-36) and æ alone (1-9-60).
        assert_eq!(encode_pair('\u{E6}', '\u{300}'), Some((1, 11, 36)));
        assert_eq!(encode('\u{E6}'), Some((1, 9, 60)));
    }
}
