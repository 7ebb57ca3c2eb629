//! Token-stream scans behind the parse-error mapping: bracket matching, tab consistency,
//! nesting depth, escape and number checks, and small queries about the tokens around an
//! error position. CPython reports these from its tokenizer, before (and instead of) any
//! parser error, so they work on tokens rather than on the AST.

use super::*;

/// Whether `at` is in the parameter list of a `lambda` (after the keyword, before its `:`).
pub(super) fn in_lambda_params(tokens: &Tokens, at: TextSize) -> bool {
    let mut depth = 0i32;
    let toks: Vec<TokenKind> = tokens
        .iter()
        .take_while(|t| t.start() < at)
        .map(|t| t.kind())
        .collect();
    for k in toks.iter().rev() {
        match k {
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth -= 1,
            TokenKind::Colon if depth <= 0 => return false,
            TokenKind::Lambda if depth <= 0 => return true,
            TokenKind::Newline => return false,
            _ => {}
        }
    }
    false
}

/// The significant token just before `at`.
pub(super) fn prev_token(tokens: &Tokens, at: TextSize) -> Option<TokenKind> {
    tokens
        .iter()
        .take_while(|t| t.start() < at)
        .filter(|t| !t.kind().is_trivia())
        .last()
        .map(|t| t.kind())
}

/// Whether `at` follows `case ... as` (a capture target that must be a name).
pub(super) fn innermost_keyword_is_match_as(tokens: &Tokens, at: TextSize) -> bool {
    prev_token(tokens, at) == Some(TokenKind::As)
        && tokens
            .iter()
            .take_while(|t| t.start() < at)
            .filter(|t| matches!(t.kind(), TokenKind::Case | TokenKind::Newline))
            .last()
            .is_some_and(|t| t.kind() == TokenKind::Case)
}

/// The keyword `back` significant tokens before `at` (1 = the token just before).
pub(super) fn previous_keyword(tokens: &Tokens, at: TextSize, back: usize) -> Option<TokenKind> {
    let toks: Vec<TokenKind> = tokens
        .iter()
        .take_while(|t| t.start() < at)
        .filter(|t| !t.kind().is_trivia())
        .map(|t| t.kind())
        .collect();
    toks.len().checked_sub(back).map(|i| toks[i])
}

/// Whether the statement whose header contains `at` has a `:` CPython demands outright
/// (`def`, `for`, `try`, `finally`, `else`): others only say "expected ':'" at a line end.
pub(super) fn colon_is_forced(tokens: &Tokens, at: TextSize) -> bool {
    let mut first: Option<TokenKind> = None;
    let mut at_line_start = true;
    for tok in tokens.iter().take_while(|t| t.start() < at) {
        let k = tok.kind();
        if matches!(
            k,
            TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent
        ) {
            at_line_start = true;
            continue;
        }
        if k.is_trivia() {
            continue;
        }
        if at_line_start && k != TokenKind::Async {
            first = Some(k);
            at_line_start = false;
        }
    }
    matches!(
        first,
        Some(TokenKind::Def | TokenKind::Try | TokenKind::Finally | TokenKind::Else)
    )
}

/// CPython's "(unicode error) 'unicodeescape' codec can't decode bytes in position A-B: ..."
/// for a bad `\x`, `\u`, `\U` or `\N{...}` escape; positions are byte offsets in the literal.
pub(super) fn escape_error(tokens: &Tokens, range: TextRange, lt: &LineTable) -> CompileError {
    let src = lt.source();
    let generic = || {
        syntax_error(
            lt,
            "(unicode error) 'unicodeescape' codec can't decode bytes",
            range,
        )
    };
    let Some(tok) = tokens.iter().find(|t| {
        matches!(t.kind(), TokenKind::String | TokenKind::FStringMiddle)
            && t.start() <= range.start()
            && range.start() <= t.end()
    }) else {
        return generic();
    };
    let Some(flags) = tok.string_flags() else {
        return generic();
    };
    let start = u32::from(tok.start()) as usize;
    let body_start = if tok.kind() == TokenKind::String {
        start + flags.prefix().as_str().len() + if flags.is_triple_quoted() { 3 } else { 1 }
    } else {
        start
    };
    let body = src
        .get(body_start..u32::from(tok.end()) as usize)
        .unwrap_or("")
        .as_bytes();
    let err_at = (u32::from(range.start()) as usize).saturating_sub(body_start);
    let bytes = flags.is_byte_string();
    let mut i = 0;
    while i < body.len() {
        if body[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(&c) = body.get(i + 1) else { break };
        let tail = body.get(i + 2..).unwrap_or(&[]);
        let hex_run = |n: usize| {
            tail.iter()
                .take(n)
                .take_while(|b| b.is_ascii_hexdigit())
                .count()
        };
        let (extent, problem): (usize, Option<(usize, &str)>) = match c {
            b'x' | b'u' | b'U' if !bytes || c == b'x' => {
                let want = match c {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let got = hex_run(want);
                if got < want {
                    let reason = match c {
                        b'x' => "truncated \\xXX escape",
                        b'u' => "truncated \\uXXXX escape",
                        _ => "truncated \\UXXXXXXXX escape",
                    };
                    (2 + got, Some((i + 1 + got, reason)))
                } else if c == b'U'
                    && std::str::from_utf8(&tail[..8])
                        .ok()
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .is_some_and(|v| v > 0x10FFFF)
                {
                    (10, Some((i + 9, "illegal Unicode character")))
                } else {
                    (2 + want, None)
                }
            }
            b'N' if !bytes => {
                if tail.first() != Some(&b'{') {
                    (2, Some((i + 1, "malformed \\N character escape")))
                } else {
                    match tail[1..].iter().position(|&b| b == b'}') {
                        None => (3, Some((i + 2, "malformed \\N character escape"))),
                        Some(p) => (4 + p, Some((i + 3 + p, "unknown Unicode character name"))),
                    }
                }
            }
            _ => (2, None),
        };
        let next_problem_after = |from: usize| {
            body[from..]
                .iter()
                .position(|&b| b == b'\\')
                .map(|p| p + from)
        };
        if let Some((end, reason)) = problem
            && (err_at <= i + extent + 1
                || next_problem_after(i + extent.max(2)).is_none_or(|n| n > err_at))
        {
            let (line, _) = lt.line_col(tok.start());
            let (_, col) = lt.line_char_col(tok.end());
            let msg = if bytes {
                format!("(value error) invalid \\x escape at position {i}")
            } else {
                format!(
                    "(unicode error) 'unicodeescape' codec can't decode bytes in position {i}-{end}: {reason}"
                )
            };
            return CompileError {
                kind: CompileErrorKind::SyntaxError,
                msg,
                line,
                col,
                end_line: line,
                end_col: col,
            };
        }
        i += extent.max(2);
    }
    generic()
}

/// "invalid decimal literal" and friends, named from the literal's prefix.
pub(super) fn number_kind(text: &str) -> &'static str {
    let t = text.to_ascii_lowercase();
    if t.starts_with("0x") {
        "hexadecimal"
    } else if t.starts_with("0o") {
        "octal"
    } else if t.starts_with("0b") {
        "binary"
    } else {
        "decimal"
    }
}

/// The innermost bracket still open at `at`.
pub(super) fn innermost_open_bracket(
    tokens: &Tokens,
    at: TextSize,
) -> Option<(TokenKind, TextRange)> {
    let mut stack: Vec<(TokenKind, TextRange)> = Vec::new();
    for tok in tokens.iter() {
        if tok.start() >= at {
            break;
        }
        match tok.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                stack.push((tok.kind(), tok.range()))
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.pop()
}

/// The last bracket still open at `at` (reported by "'(' was never closed").
pub(super) fn unclosed_bracket(tokens: &Tokens, at: TextSize) -> Option<(TokenKind, TextRange)> {
    let mut stack: Vec<(TokenKind, TextRange)> = Vec::new();
    for tok in tokens.iter() {
        if tok.start() >= at {
            break;
        }
        match tok.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                stack.push((tok.kind(), tok.range()))
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.last().copied()
}

/// Whether the `{` at `at` opens an f-string replacement field.
pub(super) fn is_fstring_field(tokens: &Tokens, at: TextSize) -> bool {
    let prev = tokens
        .iter()
        .take_while(|t| t.start() < at)
        .last()
        .map(|t| t.kind());
    matches!(
        prev,
        Some(TokenKind::FStringStart | TokenKind::FStringMiddle)
    )
}

/// A closing bracket at `range` that closes nothing ("unmatched ')'") or the wrong kind.
pub(super) fn bracket_error(tokens: &Tokens, range: TextRange, lt: &LineTable) -> CompileError {
    let mut stack: Vec<(TokenKind, TextRange)> = Vec::new();
    for tok in tokens.iter() {
        if tok.start() >= range.start() {
            let close = tok.kind();
            let Some(c) = token_text(close) else { break };
            let Some(&(open, r)) = stack.last() else {
                return syntax_error(lt, format!("unmatched '{c}'"), tok.range());
            };
            let want = match open {
                TokenKind::Lpar => TokenKind::Rpar,
                TokenKind::Lsqb => TokenKind::Rsqb,
                _ => TokenKind::Rbrace,
            };
            if want == close {
                // A bracket closed too early: `f(*)`, or an empty f-string field `f"{}"`.
                if close == TokenKind::Rbrace && is_fstring_field(tokens, r.start()) {
                    return syntax_error(lt, "f-string: empty expression not allowed", tok.range());
                }
                return syntax_error(lt, "invalid syntax", range);
            }
            let o = token_text(open).unwrap_or("(");
            let (ol, _) = lt.line_col(r.start());
            let (cl, _) = lt.line_col(tok.start());
            let msg = if ol == cl {
                format!("closing parenthesis '{c}' does not match opening parenthesis '{o}'")
            } else {
                format!(
                    "closing parenthesis '{c}' does not match opening parenthesis '{o}' on line {ol}"
                )
            };
            return syntax_error(lt, msg, tok.range());
        }
        match tok.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                stack.push((tok.kind(), tok.range()))
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                stack.pop();
            }
            _ => {}
        }
    }
    syntax_error(lt, "invalid syntax", range)
}

/// CPython's tokenizer check that indentation compares the same whether a tab counts as 8
/// columns or 1 ("inconsistent use of tabs and spaces in indentation").
pub fn check_tabs(tokens: &Tokens, lt: &LineTable) -> Option<CompileError> {
    let src = lt.source().as_bytes();
    let mut stack: Vec<(u32, u32)> = vec![(0, 0)];
    let mut at_line_start = true;
    for tok in tokens.iter() {
        match tok.kind() {
            TokenKind::Newline => {
                at_line_start = true;
                continue;
            }
            TokenKind::NonLogicalNewline
            | TokenKind::Comment
            | TokenKind::Indent
            | TokenKind::Dedent => continue,
            TokenKind::EndOfFile => break,
            _ => {}
        }
        if !at_line_start {
            continue;
        }
        at_line_start = false;
        let (line, _) = lt.line_col(tok.start());
        let start = lt.line_start(line) as usize;
        let (mut col, mut alt) = (0u32, 0u32);
        for &b in &src[start.min(src.len())..] {
            match b {
                b' ' => {
                    col += 1;
                    alt += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                b'\x0c' => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
        }
        let &(top, topalt) = stack.last()?;
        let bad = if col == top {
            alt != topalt
        } else if col > top {
            if alt <= topalt {
                true
            } else {
                stack.push((col, alt));
                false
            }
        } else {
            while stack.len() > 1 && col < stack.last().map(|s| s.0).unwrap_or(0) {
                stack.pop();
            }
            let &(t2, a2) = stack.last()?;
            col == t2 && alt != a2
        };
        if bad {
            return Some(error_at(
                lt,
                CompileErrorKind::TabError,
                "inconsistent use of tabs and spaces in indentation",
                TextRange::empty(TextSize::from(lt.line_start(line))),
            ));
        }
    }
    None
}

/// CPython's tokenizer limit of 200 nested brackets ("too many nested parentheses").
pub fn check_nesting(tokens: &Tokens, lt: &LineTable) -> Option<CompileError> {
    let mut level = 0usize;
    for tok in tokens.iter() {
        match tok.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                level += 1;
                if level > 200 {
                    return Some(syntax_error(lt, "too many nested parentheses", tok.range()));
                }
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                level = level.saturating_sub(1)
            }
            _ => {}
        }
    }
    None
}

/// Keywords CPython allows right after a number (`1if x else y`).
pub(super) fn number_suffix_ok(word: &str) -> bool {
    ["and", "else", "for", "if", "in", "is", "or", "not"]
        .iter()
        .any(|k| word.starts_with(k))
}

/// Tokenizer-level errors found by scanning the token stream: closing brackets that close
/// nothing or the wrong kind, numbers glued to names, too-deep nesting. Returns the first.
pub(super) fn token_scan_error(
    tokens: &Tokens,
    lt: &LineTable,
    fscan: &crate::fstrings::Scan,
) -> Option<(TextSize, CompileError)> {
    let src = lt.source();
    let mut stack: Vec<(TokenKind, TextRange)> = Vec::new();
    let mut prev: Option<(TokenKind, TextRange)> = None;
    for tok in tokens.iter() {
        let kind = tok.kind();
        if fscan.covers(tok.start()) {
            continue;
        }
        match kind {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                stack.push((kind, tok.range()));
                if stack.len() >= 200 {
                    return Some((
                        tok.start(),
                        syntax_error(lt, "too many nested parentheses", tok.range()),
                    ));
                }
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                let c = token_text(kind).unwrap_or(")");
                match stack.pop() {
                    None => {
                        return Some((
                            tok.start(),
                            syntax_error(lt, format!("unmatched '{c}'"), tok.range()),
                        ));
                    }
                    Some((open, r)) => {
                        let want = match open {
                            TokenKind::Lpar => TokenKind::Rpar,
                            TokenKind::Lsqb => TokenKind::Rsqb,
                            _ => TokenKind::Rbrace,
                        };
                        if want != kind {
                            let o = token_text(open).unwrap_or("(");
                            let (ol, _) = lt.line_col(r.start());
                            let (cl, _) = lt.line_col(tok.start());
                            let msg = if ol == cl {
                                format!(
                                    "closing parenthesis '{c}' does not match opening parenthesis '{o}'"
                                )
                            } else {
                                format!(
                                    "closing parenthesis '{c}' does not match opening parenthesis '{o}' on line {ol}"
                                )
                            };
                            return Some((tok.start(), syntax_error(lt, msg, tok.range())));
                        }
                    }
                }
            }
            TokenKind::Name => {
                if let Some((pk, pr)) = prev
                    && matches!(pk, TokenKind::Int | TokenKind::Float | TokenKind::Complex)
                    && pr.end() == tok.start()
                {
                    let word = src
                        .get(u32::from(tok.start()) as usize..u32::from(tok.end()) as usize)
                        .unwrap_or("");
                    if !number_suffix_ok(word) {
                        let num = src
                            .get(u32::from(pr.start()) as usize..u32::from(pr.end()) as usize)
                            .unwrap_or("");
                        let msg = format!("invalid {} literal", number_kind(num));
                        return Some((tok.start(), syntax_error(lt, msg, tok.range())));
                    }
                }
            }
            _ => {}
        }
        if !matches!(kind, TokenKind::Comment | TokenKind::NonLogicalNewline) {
            prev = Some((kind, tok.range()));
        }
    }
    None
}

/// The innermost bracket still open at the end of the token stream.
pub(super) fn unclosed_at_eof(tokens: &Tokens) -> Option<(TokenKind, TextRange)> {
    let mut stack: Vec<(TokenKind, TextRange)> = Vec::new();
    for tok in tokens.iter() {
        match tok.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                stack.push((tok.kind(), tok.range()))
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.pop()
}

/// Python's `str.isprintable` for one character (approximated: controls, separators other
/// than the space, and the common format characters are not printable).
pub(super) fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c as u32,
        0x00AD | 0x061C | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064
        | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF | 0x110BD | 0x1D173..=0x1D17A
        | 0xE0001 | 0xE0020..=0xE007F)
}

/// The bracket closing the innermost bracket open at `at` (where CPython's parser stands when
/// it rejects a call's argument list: after reading the closing parenthesis).
pub(super) fn closing_bracket(tokens: &Tokens, at: TextSize) -> Option<TextRange> {
    let mut depth = 0usize;
    for tok in tokens.iter().filter(|t| t.start() >= at) {
        match tok.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                if depth == 0 {
                    return Some(tok.range());
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}
