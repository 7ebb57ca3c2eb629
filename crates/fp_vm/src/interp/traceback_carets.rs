//! The position line a traceback prints under a source line (PEP 657), by the rules of
//! CPython 3.11's native printer (`tb_displayline` in Python/traceback.c), which is what
//! uncaught exceptions, `sys.excepthook` and unraisable reports use:
//!
//! - only when the instruction has a position;
//! - an expression on one line: its segment is parsed on its own; a binary operation gets `~`
//!   under the operands and `^` under the operator, a subscript `~` under the value and `^`
//!   under the brackets and the index; anything else `^` throughout;
//! - an expression spanning lines: `^` from its start to the last non-blank of the first line;
//! - nothing when plain `^` would cover the whole line (after its indentation).
//!
//! Columns are UTF-8 byte offsets converted to characters as CPython does (including its
//! quirks: the multi-line end is searched with a character count used as a byte index, and a
//! `)` right before an operator counts as part of a two-character operator), and the marks are
//! drawn by display width (3.11.7 counts wide East Asian characters as two columns).

use fp_bytecode::Location;
use fp_compiler::ruff_python_ast as ast;
use fp_compiler::ruff_text_size::Ranged;

/// The whitespace CPython strips from the front of a shown line (and skips around operators).
pub fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\x0c'
}

/// CPython's `_PyPegen_byte_offset_to_character_offset`: the number of characters that the
/// first `col` bytes of `line` decode to (invalid or cut sequences count as replacement
/// characters); a column past the end counts the terminating NUL as one more.
fn char_offset(line: &str, col: usize) -> usize {
    let bytes = line.as_bytes();
    let (cut, extra) = if col > bytes.len() {
        (bytes.len(), 1)
    } else {
        (col, 0)
    };
    String::from_utf8_lossy(&bytes[..cut]).chars().count() + extra
}

/// The `(left_end, right_start)` byte offsets inside `segment` of the part drawn with `^`
/// while the rest is drawn with `~`, when the segment is a binary operation or a subscript.
fn anchors(segment: &str) -> Option<(usize, usize)> {
    let tree = fp_compiler::parse_checked(segment, fp_compiler::Mode::Exec).ok()?;
    let ast::Mod::Module(m) = tree else {
        return None;
    };
    let [ast::Stmt::Expr(stmt)] = m.body.as_slice() else {
        return None;
    };
    let bytes = segment.as_bytes();
    match stmt.value.as_ref() {
        ast::Expr::BinOp(b) => {
            let from = b.left.range().end().to_usize();
            let to = b.right.range().start().to_usize();
            let blank_at = |i: usize| bytes.get(i).is_none_or(|&c| is_blank(c as char));
            // The operator: the first non-blank byte after the left operand that is not a `)`
            // closing it, two bytes when the next one is not blank (so `)/(` marks `/(`, as
            // CPython 3.11 does).
            let mut found = None;
            for i in from..to {
                if blank_at(i) {
                    continue;
                }
                let end = if i + 1 < to && !blank_at(i + 1) {
                    i + 2
                } else {
                    i + 1
                };
                found = Some((i, end));
                if i + 1 < to && bytes.get(i) == Some(&b')') {
                    continue;
                }
                break;
            }
            found
        }
        ast::Expr::Subscript(s) => {
            // From the `[` after the value to just past the `]` after the index.
            let mut left = s.value.range().end().to_usize();
            let mut right = s.slice.range().end().to_usize() + 1;
            while left < bytes.len() && bytes[left] != b'[' {
                left += 1;
            }
            while right < bytes.len() && bytes[right] != b']' {
                right += 1;
            }
            if right < bytes.len() {
                right += 1;
            }
            Some((left, right))
        }
        _ => None,
    }
}

/// The caret line (with its leading spaces and no newline) for `loc` under `line`, the whole
/// source line without its newline, whose first `indent` characters are the stripped
/// indentation; `None` when CPython 3.11 prints none.
pub fn caret_line(line: &str, indent: usize, loc: Location) -> Option<String> {
    if loc.line == 0 || loc.end_line == 0 {
        return None;
    }
    let chars: Vec<char> = line.chars().collect();
    let start = char_offset(line, loc.col as usize);
    let mut end = char_offset(line, loc.end_col as usize);
    let mut marks: Option<(usize, usize)> = None;
    if loc.line == loc.end_line {
        let segment: String = chars
            .get(start.min(chars.len())..end.min(chars.len()).max(start.min(chars.len())))
            .map(|s| s.iter().collect())
            .unwrap_or_default();
        marks = anchors(&segment).map(|(l, r)| {
            (
                char_offset(&segment, l) + start,
                char_offset(&segment, r) + start,
            )
        });
    } else {
        // CPython walks back from the character count over the UTF-8 bytes.
        let bytes = line.as_bytes();
        end = (0..chars.len())
            .rev()
            .find(|&i| !bytes.get(i).is_some_and(|&c| is_blank(c as char)))
            .map_or(0, |i| i + 1);
    }
    let stripped_len = chars.len() as i64 - indent as i64;
    if end as i64 - start as i64 == stripped_len && marks.is_none() {
        return None;
    }
    // The marks are placed by display width: a wide (East Asian) character takes two columns.
    let width = |k: usize| -> i64 {
        let prefix = &chars[..k.min(chars.len())];
        if prefix.iter().all(char::is_ascii) {
            k as i64
        } else {
            prefix
                .iter()
                .map(|&c| {
                    if crate::modules::unicodedata::is_wide(c) {
                        2
                    } else {
                        1
                    }
                })
                .sum()
        }
    };
    let (start, end) = (width(start), width(end));
    let marks = marks.map(|(l, r)| (width(l), width(r)));
    let (primary, secondary) = if marks.is_some() {
        ('~', '^')
    } else {
        ('^', '^')
    };
    // Columns are 1-based here: the source line is shown after 4 spaces with its indentation
    // removed, so column `indent + 1` of the line sits under the 5th character.
    let mut out = String::new();
    let mut col = indent as i64 - 4;
    loop {
        col += 1;
        if col > end {
            break;
        }
        let c = if col <= start {
            ' '
        } else if marks.is_some_and(|(l, r)| l < col && col <= r) {
            secondary
        } else {
            primary
        };
        out.push(c);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(col: u32, end_col: u32) -> Location {
        Location {
            line: 1,
            end_line: 1,
            col,
            end_col,
        }
    }

    #[test]
    fn binop_and_subscript() {
        let l = "x = 1; y = 1/0";
        assert_eq!(caret_line(l, 0, loc(11, 14)).unwrap(), "               ~^~");
        assert_eq!(caret_line("(1)/(0)", 0, loc(0, 7)).unwrap(), "    ~~~^^~~");
        assert_eq!(caret_line("d[\"k\"]", 0, loc(0, 6)).unwrap(), "    ~^^^^^");
    }

    #[test]
    fn whole_line_and_unicode() {
        assert_eq!(caret_line("len(1)", 0, loc(0, 6)), None);
        assert_eq!(
            caret_line("  x = len(1)", 2, loc(6, 12)).unwrap(),
            "        ^^^^^^"
        );
        let l = "x = \"é\" + 1";
        assert_eq!(caret_line(l, 0, loc(4, 12)).unwrap(), "        ~~~~^~~");
        let l = "x = '日本' + 1";
        assert_eq!(caret_line(l, 0, loc(4, 16)).unwrap(), "        ~~~~~~~^~~");
        assert_eq!(
            caret_line("((1)) + None", 0, loc(0, 12)).unwrap(),
            "    ~~~~~~^~~~~~"
        );
    }
}
