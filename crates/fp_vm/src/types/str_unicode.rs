//! Unicode character properties and case conversions as CPython 3.11 defines them for `str`
//! (lookups into the generated `unicode_db` tables, with ASCII fast paths): the `is*`
//! predicates, `upper`/`lower` (with the final-sigma rule), `title`, `capitalize`,
//! `swapcase` and `casefold`.

use crate::types::unicode_db as db;

fn in_ranges(table: &[(u32, u32)], c: char) -> bool {
    let u = crate::types::str::code_point(c);
    table
        .binary_search_by(|&(a, b)| {
            if b < u {
                std::cmp::Ordering::Less
            } else if a > u {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn mapping(table: &'static [(u32, &'static str)], c: char) -> Option<&'static str> {
    let u = crate::types::str::code_point(c);
    table
        .binary_search_by_key(&u, |&(k, _)| k)
        .ok()
        .map(|i| table[i].1)
}

/// The two-letter general category of `c` ("Lu", "Nd", "Cn"...).
pub fn category(c: char) -> &'static str {
    let u = crate::types::str::code_point(c);
    let i = db::CATEGORY_RANGES.partition_point(|&(start, _)| start <= u);
    let idx = if i == 0 {
        0
    } else {
        db::CATEGORY_RANGES[i - 1].1
    };
    db::CATEGORY_NAMES
        .get(idx as usize)
        .copied()
        .unwrap_or("Cn")
}

pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(category(c), "Lu" | "Ll" | "Lt" | "Lm" | "Lo")
}

pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(db::DECIMAL, c)
}

pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(db::DIGIT, c)
}

pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(db::NUMERIC, c)
}

pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    is_alpha(c) || is_numeric(c)
}

/// Whitespace for `isspace`, `split()` and `strip()`.
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f'
        );
    }
    in_ranges(db::SPACE, c)
}

pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    in_ranges(db::LOWER, c)
}

pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    in_ranges(db::UPPER, c)
}

pub fn is_title(c: char) -> bool {
    !c.is_ascii() && category(c) == "Lt"
}

pub fn is_cased(c: char) -> bool {
    is_lower(c) || is_upper(c) || is_title(c)
}

/// The Case_Ignorable property (for the final-sigma rule).
pub fn is_case_ignorable(c: char) -> bool {
    if matches!(
        c,
        '\'' | '.'
            | ':'
            | '^'
            | '`'
            | '\u{a8}'
            | '\u{ad}'
            | '\u{af}'
            | '\u{b4}'
            | '\u{b7}'
            | '\u{b8}'
            | '\u{387}'
            | '\u{55f}'
            | '\u{5f4}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{2024}'
            | '\u{2027}'
            | '\u{fe13}'
            | '\u{fe52}'
            | '\u{fe55}'
            | '\u{ff07}'
            | '\u{ff0e}'
            | '\u{ff1a}'
    ) {
        return true;
    }
    !c.is_ascii() && matches!(category(c), "Mn" | "Me" | "Cf" | "Lm" | "Sk")
}

/// Whether `repr()` shows `c` as is (not Cc, Cf, Cs, Co, Cn, Zl, Zp, or Zs other than space).
pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    !matches!(
        category(c),
        "Cc" | "Cf" | "Cs" | "Co" | "Cn" | "Zl" | "Zp" | "Zs"
    )
}

pub fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    in_ranges(db::XID_START, c)
}

pub fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_ranges(db::XID_CONTINUE, c)
}

pub fn is_identifier(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c) if is_xid_start(c) => it.all(is_xid_continue),
        _ => false,
    }
}

// ----- case mappings -----

pub fn push_upper(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else if let Some(m) = mapping(db::UPPER_MAP, c) {
        out.push_str(m);
    } else {
        out.push(c);
    }
}

fn push_lower_plain(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if let Some(m) = mapping(db::LOWER_MAP, c) {
        out.push_str(m);
    } else {
        out.push(c);
    }
}

pub fn push_title(out: &mut String, c: char) {
    match mapping(db::TITLE_EXCEPTIONS, c) {
        Some(m) => out.push_str(m),
        None => push_upper(out, c),
    }
}

/// Whether the capital sigma at `chars[i]` ends a word (lower-cases to 'ς').
fn final_sigma(chars: &[char], i: usize) -> bool {
    let mut j = i;
    let mut preceded = false;
    while j > 0 {
        j -= 1;
        let c = chars[j];
        if !is_case_ignorable(c) {
            preceded = is_cased(c);
            break;
        }
    }
    if !preceded {
        return false;
    }
    for &c in &chars[i + 1..] {
        if !is_case_ignorable(c) {
            return !is_cased(c);
        }
    }
    true
}

/// Lower-cases `chars[i]` into `out`, applying the final-sigma rule.
fn push_lower_at(out: &mut String, chars: &[char], i: usize) {
    let c = chars[i];
    if c == '\u{3a3}' {
        out.push(if final_sigma(chars, i) {
            '\u{3c2}'
        } else {
            '\u{3c3}'
        });
    } else {
        push_lower_plain(out, c);
    }
}

pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_upper(&mut out, c);
    }
    out
}

pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    if !s.contains('\u{3a3}') {
        for c in s.chars() {
            push_lower_plain(&mut out, c);
        }
        return out;
    }
    let chars: Vec<char> = s.chars().collect();
    for i in 0..chars.len() {
        push_lower_at(&mut out, &chars, i);
    }
    out
}

pub fn casefold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match mapping(db::FOLD_EXCEPTIONS, c) {
            Some(m) => out.push_str(m),
            None => push_lower_plain(&mut out, c),
        }
    }
    out
}

pub fn swapcase(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if is_upper(c) {
            push_lower_at(&mut out, &chars, i);
        } else if is_lower(c) {
            push_upper(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

pub fn title(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if prev_cased {
            push_lower_at(&mut out, &chars, i);
        } else {
            push_title(&mut out, c);
        }
        prev_cased = is_cased(c);
    }
    out
}

pub fn capitalize(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if i == 0 {
            push_title(&mut out, c);
        } else {
            push_lower_at(&mut out, &chars, i);
        }
    }
    out
}

pub fn is_lower_str(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_upper(c) || is_title(c) {
            return false;
        }
        if !cased && is_lower(c) {
            cased = true;
        }
    }
    cased
}

pub fn is_upper_str(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_lower(c) || is_title(c) {
            return false;
        }
        if !cased && is_upper(c) {
            cased = true;
        }
    }
    cased
}

pub fn is_title_str(s: &str) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.chars() {
        if is_upper(c) || is_title(c) {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if is_lower(c) {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_and_predicates() {
        assert_eq!(category('A'), "Lu");
        assert_eq!(category('\u{378}'), "Cn");
        assert_eq!(category('½'), "No");
        assert!(is_numeric('½') && !is_digit('½'));
        assert!(is_digit('²') && !is_decimal('²'));
        assert!(is_decimal('٣'));
        assert!(is_numeric('一') && !is_alpha('Ⅻ'));
        assert!(is_space('\x1c') && is_space('\u{3000}') && !is_space('\u{200b}'));
        assert!(is_identifier("_x1") && !is_identifier("1x") && is_identifier("日本"));
        assert!(!is_printable('\u{200b}') && is_printable('é') && !is_printable('\u{a0}'));
    }

    #[test]
    fn case_rules() {
        assert_eq!(upper("straße"), "STRASSE");
        assert_eq!(lower("ΑΣ Β"), "ας β");
        assert_eq!(lower("ΣΑΣ"), "σας");
        assert_eq!(title("ΣΑΣ"), "Σας");
        assert_eq!(title("they're bill's"), "They'Re Bill'S");
        assert_eq!(title("ǆ"), "ǅ");
        assert_eq!(capitalize("ﬁ"), "Fi");
        assert_eq!(casefold("Straße"), "strasse");
        assert_eq!(swapcase("ǅ"), "ǅ");
        assert_eq!(lower("İ"), "i\u{307}");
        assert!(is_title_str("Hello World") && !is_title_str("hello World"));
    }
}
