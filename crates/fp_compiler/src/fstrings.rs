//! CPython 3.11's f-string rules. The parser reads f-strings with the newer PEP 701 grammar,
//! where an f-string ends at its matching quote only outside replacement fields; in 3.11 an
//! f-string is a plain string token (it ends at the first matching quote) whose fields are
//! then scanned with extra restrictions (no backslash or `#` in a field, no empty field, at
//! most two levels of nesting). This module rescans every f-string the 3.11 way and reports
//! the first violation with CPython's message.

use fp_bytecode::CompileError;
use ruff_python_ast::StringFlags;
use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::errors::{LineTable, syntax_error};

/// The f-strings as CPython 3.11 tokenizes them (each one string token), and the first one it
/// rejects, with the error and the f-string's start.
pub struct Scan {
    pub spans: Vec<(TextSize, TextSize)>,
    pub error: Option<(TextSize, CompileError)>,
}

impl Scan {
    /// Whether `at` is inside an f-string (where the newer grammar's tokens do not exist in 3.11).
    pub fn covers(&self, at: TextSize) -> bool {
        self.spans.iter().any(|&(s, e)| s <= at && at <= e)
    }
}

pub fn scan(tokens: &Tokens, lt: &LineTable) -> Scan {
    let mut spans = Vec::new();
    let error = check(tokens, lt, &mut spans);
    Scan { spans, error }
}

fn check(
    tokens: &Tokens,
    lt: &LineTable,
    spans: &mut Vec<(TextSize, TextSize)>,
) -> Option<(TextSize, CompileError)> {
    let src = lt.source().as_bytes();
    for tok in tokens.iter() {
        if tok.kind() != TokenKind::FStringStart {
            continue;
        }
        let flags = tok.string_flags()?;
        let raw = flags.prefix().is_raw();
        let triple = flags.is_triple_quoted();
        let quote = src
            .get(u32::from(tok.end()) as usize - 1)
            .copied()
            .unwrap_or(b'"');
        let content_start = u32::from(tok.end()) as usize;
        // Where the 3.11 tokenizer ends this string.
        let mut i = content_start;
        let end = loop {
            let Some(&b) = src.get(i) else {
                let (line, _) = lt.line_col(tok.start());
                let msg = if triple {
                    let eof_line = lt
                        .line_col(TextSize::from(src.len().saturating_sub(1) as u32))
                        .0;
                    format!(
                        "unterminated triple-quoted string literal (detected at line {eof_line})"
                    )
                } else {
                    format!("unterminated string literal (detected at line {line})")
                };
                return Some((tok.start(), syntax_error(lt, msg, tok.range())));
            };
            if b == b'\\' {
                i += 2;
                continue;
            }
            if !triple && (b == b'\n' || b == b'\r') {
                let (line, _) = lt.line_col(tok.start());
                let msg = format!("unterminated string literal (detected at line {line})");
                return Some((tok.start(), syntax_error(lt, msg, tok.range())));
            }
            if b == quote {
                if !triple {
                    break i;
                }
                if src.get(i + 1) == Some(&quote) && src.get(i + 2) == Some(&quote) {
                    break i;
                }
            }
            i += 1;
        };
        spans.push((tok.start(), TextSize::from(end as u32)));
        let content = &src[content_start..end];
        let mut pos = 0;
        if let Err(msg) = parse(content, &mut pos, raw, 0) {
            // CPython reports at the token read after the string (its lookahead).
            let after = TextSize::from((end + if triple { 3 } else { 1 }) as u32);
            let at = tokens
                .iter()
                .find(|t| t.start() >= after && !t.kind().is_trivia())
                .map(|t| TextRange::empty(t.start()))
                .unwrap_or(TextRange::empty(after));
            return Some((tok.start(), syntax_error(lt, msg, at)));
        }
    }
    None
}

/// CPython's `fstring_parse`: literal text and fields up to the end (or, in a format spec, up
/// to the closing `}`).
fn parse(s: &[u8], pos: &mut usize, raw: bool, level: u32) -> Result<(), String> {
    loop {
        find_literal(s, pos, raw, level)?;
        if *pos >= s.len() || s[*pos] == b'}' {
            return Ok(());
        }
        // At a '{' that starts a field.
        find_expr(s, pos, level)?;
    }
}

/// CPython's `fstring_find_literal`: stops at a field's `{`, or at `}` ending a format spec.
fn find_literal(s: &[u8], pos: &mut usize, raw: bool, level: u32) -> Result<(), String> {
    while *pos < s.len() {
        let mut ch = s[*pos];
        *pos += 1;
        if !raw && ch == b'\\' && *pos < s.len() {
            ch = s[*pos];
            *pos += 1;
            if ch == b'N' {
                if *pos < s.len() && s[*pos] == b'{' {
                    *pos += 1;
                    while *pos < s.len() {
                        let c = s[*pos];
                        *pos += 1;
                        if c == b'}' {
                            break;
                        }
                    }
                }
                continue;
            }
        }
        if ch == b'{' || ch == b'}' {
            if level == 0 {
                if *pos < s.len() && s[*pos] == ch {
                    *pos += 1;
                    continue;
                }
                if ch == b'}' {
                    return Err("f-string: single '}' is not allowed".into());
                }
            }
            *pos -= 1;
            return Ok(());
        }
    }
    Ok(())
}

/// CPython's `fstring_find_expr`, from the `{` of a field to just past its `}`.
fn find_expr(s: &[u8], pos: &mut usize, level: u32) -> Result<(), String> {
    if level >= 2 {
        return Err("f-string: expressions nested too deeply".into());
    }
    *pos += 1;
    let expr_start = *pos;
    let mut quote: u8 = 0;
    let mut triple = false;
    let mut stack: Vec<u8> = Vec::new();
    while *pos < s.len() {
        let ch = s[*pos];
        if ch == b'\\' {
            return Err("f-string expression part cannot include a backslash".into());
        }
        if quote != 0 {
            if ch == quote {
                if triple {
                    if *pos + 2 < s.len() && s[*pos + 1] == ch && s[*pos + 2] == ch {
                        *pos += 3;
                        quote = 0;
                        continue;
                    }
                } else {
                    quote = 0;
                }
            }
            *pos += 1;
            continue;
        }
        match ch {
            b'\'' | b'"' => {
                if *pos + 2 < s.len() && s[*pos + 1] == ch && s[*pos + 2] == ch {
                    triple = true;
                    *pos += 2;
                } else {
                    triple = false;
                }
                quote = ch;
            }
            b'[' | b'{' | b'(' => {
                if stack.len() >= 200 {
                    return Err("f-string: too many nested parenthesis".into());
                }
                stack.push(ch);
            }
            b'#' => return Err("f-string expression part cannot include '#'".into()),
            b'!' | b':' | b'}' | b'=' | b'>' | b'<' if stack.is_empty() => {
                if let Some(&next) = s.get(*pos + 1)
                    && next == b'='
                    && matches!(ch, b'!' | b'=' | b'<' | b'>')
                {
                    *pos += 2;
                    continue;
                }
                if ch == b'>' || ch == b'<' {
                    *pos += 1;
                    continue;
                }
                break;
            }
            b']' | b'}' | b')' => {
                let Some(open) = stack.pop() else {
                    return Err(format!("f-string: unmatched '{}'", ch as char));
                };
                let ok = matches!((open, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                if !ok {
                    return Err(format!(
                        "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                        ch as char, open as char
                    ));
                }
            }
            _ => {}
        }
        *pos += 1;
    }
    if quote != 0 {
        return Err("f-string: unterminated string".into());
    }
    if let Some(open) = stack.last() {
        return Err(format!("f-string: unmatched '{}'", *open as char));
    }
    if *pos >= s.len() {
        return Err("f-string: expecting '}'".into());
    }
    let expr = &s[expr_start..*pos];
    if expr
        .iter()
        .all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
    {
        let c = s[*pos];
        if matches!(c, b'!' | b':' | b'=') {
            return Err(format!(
                "f-string: expression required before '{}'",
                c as char
            ));
        }
        return Err("f-string: empty expression not allowed".into());
    }
    if s[*pos] == b'=' {
        *pos += 1;
        while *pos < s.len() && s[*pos].is_ascii_whitespace() {
            *pos += 1;
        }
        if *pos >= s.len() {
            return Err("f-string: expecting '}'".into());
        }
    }
    if s[*pos] == b'!' {
        *pos += 1;
        if *pos >= s.len() {
            return Err("f-string: expecting '}'".into());
        }
        let conv = s[*pos];
        *pos += 1;
        if !matches!(conv, b's' | b'r' | b'a') {
            return Err("f-string: invalid conversion character: expected 's', 'r', or 'a'".into());
        }
    }
    if *pos < s.len() && s[*pos] == b':' {
        *pos += 1;
        if *pos >= s.len() {
            return Err("f-string: expecting '}'".into());
        }
        parse(s, pos, false, level + 1)?;
    }
    if *pos >= s.len() || s[*pos] != b'}' {
        return Err("f-string: expecting '}'".into());
    }
    *pos += 1;
    Ok(())
}

/// Whether `at` lies inside a replacement field of an f-string (errors there get CPython's
/// "f-string: " prefix).
pub fn in_field(tokens: &Tokens, at: TextSize) -> bool {
    let mut depth = 0i32;
    let mut fstrings: Vec<i32> = Vec::new();
    for tok in tokens.iter() {
        if tok.start() >= at {
            break;
        }
        match tok.kind() {
            TokenKind::FStringStart => fstrings.push(depth),
            TokenKind::FStringEnd => {
                fstrings.pop();
            }
            TokenKind::Lbrace | TokenKind::Lpar | TokenKind::Lsqb => depth += 1,
            TokenKind::Rbrace | TokenKind::Rpar | TokenKind::Rsqb => depth -= 1,
            _ => {}
        }
    }
    fstrings.last().is_some_and(|&d| depth > d)
}
