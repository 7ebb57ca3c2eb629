//! Compile-time warnings, as CPython 3.11 issues them: `DeprecationWarning`s for invalid
//! escape sequences in string and bytes literals (found while reading the tokens), and the
//! `SyntaxWarning`s of the code generator ("is" with a literal, calling or subscripting a
//! literal, an assert on a tuple). The caller decides, through its warning filters, whether
//! they are shown, ignored or turned into errors.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_ast::{AnyStringFlags, Expr, StringFlags};
use ruff_text_size::{Ranged, TextSize};

use crate::errors::LineTable;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningCategory {
    SyntaxWarning,
    DeprecationWarning,
}

impl WarningCategory {
    pub fn name(self) -> &'static str {
        match self {
            WarningCategory::SyntaxWarning => "SyntaxWarning",
            WarningCategory::DeprecationWarning => "DeprecationWarning",
        }
    }
}

/// One warning: its category, message and 1-based line / 1-based column, and the span
/// (line, column, end line, end column; 1-based) of the SyntaxError CPython raises in its place
/// when a filter turns the warning into an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileWarning {
    pub category: WarningCategory,
    pub msg: String,
    pub line: u32,
    pub col: u32,
    pub span: [u32; 4],
}

/// The 1-based (line, column, end line, end column) of `range`.
fn span_of(lt: &LineTable, range: ruff_text_size::TextRange) -> [u32; 4] {
    let (l, c) = lt.line_char_col(range.start());
    let (el, ec) = lt.line_char_col(range.end());
    [l, c, el, ec]
}

/// Invalid escape sequences in the (non-raw) string, bytes and f-string literal tokens.
pub fn escape_warnings(tokens: &Tokens, lt: &LineTable, out: &mut Vec<CompileWarning>) {
    let src = lt.source();
    for tok in tokens.iter() {
        let kind = tok.kind();
        if !matches!(kind, TokenKind::String | TokenKind::FStringMiddle) {
            continue;
        }
        let Some(flags) = tok.string_flags() else {
            continue;
        };
        if flags.prefix().is_raw() {
            continue;
        }
        let start = u32::from(tok.start()) as usize;
        let end = u32::from(tok.end()) as usize;
        let Some(text) = src.get(start..end) else {
            continue;
        };
        let (body, offset) = if kind == TokenKind::String {
            let prefix = flags.prefix().as_str().len();
            let q = if flags.is_triple_quoted() { 3 } else { 1 };
            (strip_literal(text, flags), prefix + q)
        } else {
            (text, 0)
        };
        let offset_in_text = offset;
        // `f'\{x}'`: the field's brace follows a backslash that ends the literal part.
        if kind == TokenKind::FStringMiddle
            && body.ends_with('\\')
            && src.as_bytes().get(end) == Some(&b'{')
        {
            let trailing = body.len() - body.trim_end_matches('\\').len();
            if trailing % 2 == 1 {
                let (line, _) = lt.line_col(tok.start());
                let (_, col) = lt.line_char_col(TextSize::from((end - 1) as u32));
                out.push(CompileWarning {
                    category: WarningCategory::DeprecationWarning,
                    msg: "invalid escape sequence '\\{'".into(),
                    line,
                    col,
                    span: span_of(lt, tok.range()),
                });
            }
        }
        scan(body, flags.is_byte_string(), |pos, msg| {
            let at = TextSize::from((start + offset_in_text + pos) as u32);
            let (line, _) = lt.line_col(tok.start());
            let (_, col) = lt.line_char_col(at);
            out.push(CompileWarning {
                category: WarningCategory::DeprecationWarning,
                msg,
                line,
                col,
                span: span_of(lt, tok.range()),
            });
        });
    }
}

/// CPython's SyntaxWarning "invalid decimal literal" for a number immediately followed by one
/// of the keywords that may follow a number in valid code (`1if x else y`, `0x1for`).
pub fn number_warnings(tokens: &Tokens, lt: &LineTable, out: &mut Vec<CompileWarning>) {
    let src = lt.source();
    let mut prev: Option<(TokenKind, ruff_text_size::TextRange)> = None;
    for tok in tokens.iter() {
        let kind = tok.kind();
        if let Some((pk, pr)) = prev
            && matches!(pk, TokenKind::Int | TokenKind::Float | TokenKind::Complex)
            && pr.end() == tok.start()
            && matches!(
                kind,
                TokenKind::And
                    | TokenKind::Or
                    | TokenKind::In
                    | TokenKind::Is
                    | TokenKind::Not
                    | TokenKind::If
                    | TokenKind::Else
                    | TokenKind::For
            )
        {
            let num = src
                .get(u32::from(pr.start()) as usize..u32::from(pr.end()) as usize)
                .unwrap_or("")
                .to_ascii_lowercase();
            let what = if pk == TokenKind::Complex {
                "imaginary"
            } else if num.starts_with("0x") {
                "hexadecimal"
            } else if num.starts_with("0o") {
                "octal"
            } else if num.starts_with("0b") {
                "binary"
            } else {
                "decimal"
            };
            let (line, col) = lt.line_char_col(tok.start());
            out.push(CompileWarning {
                category: WarningCategory::SyntaxWarning,
                msg: format!("invalid {what} literal"),
                line,
                col,
                span: span_of(lt, pr),
            });
        }
        if !kind.is_trivia() {
            prev = Some((kind, tok.range()));
        }
    }
}

/// The text between the quotes of a string token.
fn strip_literal(text: &str, flags: AnyStringFlags) -> &str {
    let prefix = flags.prefix().as_str().len();
    let q = if flags.is_triple_quoted() { 3 } else { 1 };
    if text.len() < prefix + 2 * q {
        return "";
    }
    let closed = !flags.is_unclosed();
    let end = if closed { text.len() - q } else { text.len() };
    text.get(prefix + q..end).unwrap_or("")
}

fn scan(body: &str, bytes: bool, mut warn: impl FnMut(usize, String)) {
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(&c) = b.get(i + 1) else { break };
        match c {
            b'\n' | b'\r' | b'\\' | b'\'' | b'"' | b'a' | b'b' | b'f' | b'n' | b'r' | b't'
            | b'v' | b'x' => i += 2,
            b'N' | b'u' | b'U' if !bytes => i += 2,
            b'0'..=b'7' => {
                let mut j = i + 1;
                let mut v = 0u32;
                while j < b.len() && j < i + 4 && (b'0'..=b'7').contains(&b[j]) {
                    v = v * 8 + (b[j] - b'0') as u32;
                    j += 1;
                }
                if v > 0o377 {
                    let digits = body.get(i + 1..j).unwrap_or("");
                    warn(i, format!("invalid octal escape sequence '\\{digits}'"));
                }
                i = j;
            }
            _ => {
                let ch = body[i + 1..].chars().next().unwrap_or('?');
                warn(i, format!("invalid escape sequence '\\{ch}'"));
                i += 1 + ch.len_utf8();
            }
        }
    }
}

/// CPython's `infer_type`: the type name of what an expression evaluates to, when the
/// expression's form alone tells (`konst` is its folded value, if it is a constant).
pub fn infer_type(e: &Expr, konst: Option<&fp_bytecode::Const>) -> Option<&'static str> {
    use fp_bytecode::Const;
    if let Some(k) = konst {
        return Some(match k {
            Const::None => "NoneType",
            Const::True | Const::False => "bool",
            Const::Ellipsis => "ellipsis",
            Const::Int(_) => "int",
            Const::Float(_) => "float",
            Const::Complex { .. } => "complex",
            Const::Str(_) | Const::Wtf8Str(_) => "str",
            Const::Bytes(_) => "bytes",
            Const::Tuple(_) => "tuple",
            Const::FrozenSet(_) => "frozenset",
            Const::Code(_) => return None,
        });
    }
    Some(match e {
        Expr::Tuple(_) => "tuple",
        Expr::List(_) | Expr::ListComp(_) => "list",
        Expr::Dict(_) | Expr::DictComp(_) => "dict",
        Expr::Set(_) | Expr::SetComp(_) => "set",
        Expr::Generator(_) => "generator",
        Expr::Lambda(_) => "function",
        Expr::FString(_) => "str",
        _ => return None,
    })
}
