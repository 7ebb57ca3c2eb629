//! Source positions (byte offset → line/column) and the construction of [`CompileError`]s,
//! including the translation of the ruff parser's errors into CPython 3.11's SyntaxError /
//! IndentationError / TabError messages.

use fp_bytecode::{CompileError, CompileErrorKind, Location};
use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_ast::visitor::{Visitor, walk_expr};
use ruff_python_ast::{Expr, Mod, StringFlags};
use ruff_python_parser::{
    InterpolatedStringErrorType, LexicalErrorType, ParseError, ParseErrorType,
    UnsupportedSyntaxError, UnsupportedSyntaxErrorKind,
};
use ruff_text_size::{Ranged, TextRange, TextSize};

mod tokens;

use tokens::*;
pub use tokens::{check_nesting, check_tabs};

/// Maps byte offsets of one source text to lines and columns.
///
/// A *synthetic* table (compile() of an AST object, which has no source) has no text: its
/// lines are laid out from the tree's own positions, each as wide as the largest column used
/// on it, so `line_start(line) + col` maps back to exactly (line, col). Only the lines the
/// tree uses are laid out (`numbers`), so any line number costs nothing.
pub struct LineTable<'s> {
    src: &'s str,
    /// Byte offset of the start of each line (line 1 first; for a synthetic table, of line
    /// `numbers[i]`).
    starts: Vec<u32>,
    /// Offsets past the end map to the last position: the source length, or the end of a
    /// synthetic layout.
    len: u32,
    /// Synthetic tables: the line number of each entry of `starts`, ascending.
    numbers: Vec<u32>,
}

impl<'s> LineTable<'s> {
    pub fn new(src: &'s str) -> Self {
        let bytes = src.as_bytes();
        let mut starts = vec![0u32];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push((i + 1) as u32),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push((i + 1) as u32);
                }
                _ => {}
            }
            i += 1;
        }
        LineTable {
            src,
            starts,
            len: src.len() as u32,
            numbers: Vec::new(),
        }
    }

    /// A table without text for a tree built by hand: `lines` holds (line number, offset of
    /// its start) ascending in both, `len` is the end of the layout.
    pub fn synthetic(lines: &[(u32, u32)], len: u32) -> LineTable<'static> {
        let (mut numbers, mut starts): (Vec<u32>, Vec<u32>) = lines.iter().copied().unzip();
        if starts.first() != Some(&0) {
            numbers.insert(0, 0);
            starts.insert(0, 0);
        }
        LineTable {
            src: "",
            starts,
            len,
            numbers,
        }
    }

    fn is_synthetic(&self) -> bool {
        !self.numbers.is_empty()
    }

    /// The line number of entry `li` of `starts`.
    fn number(&self, li: usize) -> u32 {
        if self.is_synthetic() {
            self.numbers.get(li).copied().unwrap_or(0)
        } else {
            li as u32 + 1
        }
    }

    pub fn source(&self) -> &'s str {
        self.src
    }

    /// 0-based line index containing `offset`.
    fn line_index(&self, offset: u32) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// (1-based line, 0-based UTF-8 byte column).
    pub fn line_col(&self, offset: TextSize) -> (u32, u32) {
        let off = u32::from(offset).min(self.len);
        let li = self.line_index(off);
        (self.number(li), off.saturating_sub(self.starts[li]))
    }

    /// (1-based line, 1-based character column), as `SyntaxError.lineno/offset`.
    pub fn line_char_col(&self, offset: TextSize) -> (u32, u32) {
        if self.is_synthetic() {
            // No text: a tree's columns are all there is.
            let (line, col) = self.line_col(offset);
            return (line, col + 1);
        }
        let mut off = (u32::from(offset) as usize).min(self.src.len());
        while off > 0 && !self.src.is_char_boundary(off) {
            off -= 1;
        }
        let li = self.line_index(off as u32);
        let start = self.starts[li] as usize;
        let chars = self.src[start..off].chars().count();
        (li as u32 + 1, chars as u32 + 1)
    }

    pub fn location(&self, range: TextRange) -> Location {
        let (line, col) = self.line_col(range.start());
        let (end_line, end_col) = self.line_col(range.end());
        Location {
            line,
            end_line,
            col,
            end_col,
        }
    }

    /// The text of line `line` (1-based) without its line break.
    pub fn line_text(&self, line: u32) -> &'s str {
        if self.is_synthetic() {
            return "";
        }
        let li = (line as usize).saturating_sub(1);
        let Some(&start) = self.starts.get(li) else {
            return "";
        };
        let end = self
            .starts
            .get(li + 1)
            .map(|&e| e as usize)
            .unwrap_or(self.src.len());
        self.src[start as usize..end].trim_end_matches(['\n', '\r'])
    }

    pub fn line_start(&self, line: u32) -> u32 {
        if self.is_synthetic() {
            return match self.numbers.binary_search(&line) {
                Ok(i) => self.starts[i],
                Err(_) => 0,
            };
        }
        self.starts
            .get((line as usize).saturating_sub(1))
            .copied()
            .unwrap_or(0)
    }
}

/// Builds an error of `kind` covering `range`.
pub fn error_at(
    lt: &LineTable,
    kind: CompileErrorKind,
    msg: impl Into<String>,
    range: TextRange,
) -> CompileError {
    let (line, col) = lt.line_char_col(range.start());
    let (end_line, end_col) = lt.line_char_col(range.end());
    CompileError {
        kind,
        msg: msg.into(),
        line,
        col,
        end_line,
        end_col,
    }
}

pub fn syntax_error(lt: &LineTable, msg: impl Into<String>, range: TextRange) -> CompileError {
    error_at(lt, CompileErrorKind::SyntaxError, msg, range)
}

fn token_text(kind: TokenKind) -> Option<&'static str> {
    Some(match kind {
        TokenKind::Lpar => "(",
        TokenKind::Lsqb => "[",
        TokenKind::Lbrace => "{",
        TokenKind::Rpar => ")",
        TokenKind::Rsqb => "]",
        TokenKind::Rbrace => "}",
        _ => return None,
    })
}

/// For "expected an indented block after ...": the header of the block whose body is missing,
/// found as the logical line before `at` that ends with `:`. Returns CPython's description.
fn block_header(tokens: &Tokens, at: TextSize, lt: &LineTable) -> Option<String> {
    let toks: Vec<(TokenKind, TextRange)> = tokens
        .iter()
        .take_while(|t| t.start() <= at)
        .filter(|t| !matches!(t.kind(), TokenKind::Comment | TokenKind::NonLogicalNewline))
        .map(|t| (t.kind(), t.range()))
        .collect();
    // The last `:` that ends a logical line.
    let colon = (0..toks.len()).rev().find(|&i| {
        toks[i].0 == TokenKind::Colon && toks.get(i + 1).is_some_and(|t| t.0 == TokenKind::Newline)
    })?;
    let mut j = colon;
    while j > 0
        && !matches!(
            toks[j - 1].0,
            TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent
        )
    {
        j -= 1;
    }
    let mut k = j;
    if toks.get(k).map(|t| t.0) == Some(TokenKind::Async) {
        k += 1;
    }
    let kind = toks.get(k)?.0;
    let line = lt.line_col(toks.get(j)?.1.start()).0;
    Some(match kind {
        TokenKind::If => format!("'if' statement on line {line}"),
        TokenKind::Elif => format!("'elif' statement on line {line}"),
        TokenKind::Else => format!("'else' statement on line {line}"),
        TokenKind::While => format!("'while' statement on line {line}"),
        TokenKind::For => format!("'for' statement on line {line}"),
        TokenKind::With => format!("'with' statement on line {line}"),
        TokenKind::Try => format!("'try' statement on line {line}"),
        TokenKind::Finally => format!("'finally' statement on line {line}"),
        TokenKind::Except => {
            if toks.get(k + 1).map(|t| t.0) == Some(TokenKind::Star) {
                format!("'except*' statement on line {line}")
            } else {
                format!("'except' statement on line {line}")
            }
        }
        TokenKind::Class => format!("class definition on line {line}"),
        TokenKind::Def => format!("function definition on line {line}"),
        TokenKind::Match => format!("'match' statement on line {line}"),
        TokenKind::Case => format!("'case' statement on line {line}"),
        _ => return None,
    })
}

/// Where CPython reports a missing block: the first token after the header's NEWLINE.
fn body_start(tokens: &Tokens, at: TextSize) -> Option<TextRange> {
    let mut seen_newline = false;
    for t in tokens.iter() {
        if t.start() < at {
            continue;
        }
        match t.kind() {
            TokenKind::Newline => seen_newline = true,
            k if k.is_trivia() || matches!(k, TokenKind::Indent | TokenKind::Dedent) => {}
            _ if seen_newline || t.start() > at => return Some(t.range()),
            _ => return Some(t.range()),
        }
    }
    None
}

/// CPython's "expected an indented block after ..." error for a block missing at `range`.
fn missing_block(tokens: &Tokens, range: TextRange, lt: &LineTable) -> CompileError {
    let msg = match block_header(tokens, range.start(), lt) {
        Some(o) => format!("expected an indented block after {o}"),
        None => "expected an indented block".to_string(),
    };
    let at = if range.is_empty()
        || lt
            .source()
            .get(u32::from(range.start()) as usize..)
            .is_some_and(|t| t.starts_with(['\n', '\r']))
    {
        body_start(tokens, range.start()).unwrap_or(range)
    } else {
        range
    };
    error_at(lt, CompileErrorKind::IndentationError, msg, at)
}

/// The line on which the tokenizer gives up at end of input (CPython's "detected at line N").
fn eof_line(lt: &LineTable) -> u32 {
    let len = lt.source().len() as u32;
    if len == 0 {
        1
    } else {
        lt.line_col(TextSize::from(len - 1)).0
    }
}

/// CPython's `_PyPegen_get_expr_name`.
pub fn expr_kind_name(e: &Expr) -> &'static str {
    match e {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) | Expr::TString(_) => "f-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) => {
            if b.value {
                "True"
            } else {
                "False"
            }
        }
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::NumberLiteral(_) | Expr::StringLiteral(_) | Expr::BytesLiteral(_) => "literal",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        Expr::Slice(_) | Expr::IpyEscapeCommand(_) => "expression",
    }
}

/// Finds the expression of the (error-recovered) tree at `range`: one covering it exactly,
/// else the outermost one starting where it starts.
struct ExprFinder<'a> {
    range: TextRange,
    found: Option<&'a Expr>,
    depth: usize,
}

impl<'a> Visitor<'a> for ExprFinder<'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.depth > 2000 {
            return;
        }
        let r = expr.range();
        if r == self.range {
            if self.found.is_none_or(|f| f.range() != self.range) {
                self.found = Some(expr);
            }
            return;
        }
        if r.start() == self.range.start() && self.found.is_none() {
            self.found = Some(expr);
        }
        if r.contains_range(self.range) {
            self.depth += 1;
            walk_expr(self, expr);
            self.depth -= 1;
        }
    }
}

fn find_expr(module: Option<&Mod>, range: TextRange) -> Option<&Expr> {
    let mut f = ExprFinder {
        range,
        found: None,
        depth: 0,
    };
    match module? {
        Mod::Module(m) => {
            for s in &m.body {
                if s.range().contains_range(range) {
                    f.visit_stmt(s);
                }
            }
        }
        Mod::Expression(e) => f.visit_expr(&e.body),
    }
    f.found
}

/// Translates one parser error into CPython's wording.
pub fn map_parse_error(
    err: &ParseError,
    lt: &LineTable,
    tokens: &Tokens,
    module: Option<&Mod>,
    all: &[ParseError],
) -> CompileError {
    use CompileErrorKind::*;
    let range = err.range();
    let src = lt.source();
    let (line, _) = lt.line_col(range.start());
    let text_at = |r: TextRange| -> &str {
        let s = (u32::from(r.start()) as usize).min(src.len());
        let e = (u32::from(r.end()) as usize).min(src.len()).max(s);
        src.get(s..e).unwrap_or("")
    };
    let simple = |msg: &str| error_at(lt, SyntaxError, msg, range);
    let never_closed = |kind: TokenKind, r: TextRange| {
        error_at(
            lt,
            SyntaxError,
            format!("'{}' was never closed", token_text(kind).unwrap_or("(")),
            r,
        )
    };
    match &err.error {
        ParseErrorType::Lexical(lex) => match lex {
            LexicalErrorType::IndentationError => {
                // CPython points past the end of the offending line.
                let col = lt.line_text(line).chars().count() as u32 + 1;
                CompileError {
                    kind: IndentationError,
                    msg: "unindent does not match any outer indentation level".into(),
                    line,
                    col,
                    end_line: line,
                    end_col: col,
                }
            }
            LexicalErrorType::UnclosedStringError => {
                let t = text_at(range).trim_start_matches(|c: char| c.is_ascii_alphabetic());
                if t.starts_with("\"\"\"") || t.starts_with("'''") {
                    simple(&format!(
                        "unterminated triple-quoted string literal (detected at line {})",
                        eof_line(lt)
                    ))
                } else {
                    simple(&format!(
                        "unterminated string literal (detected at line {line})"
                    ))
                }
            }
            LexicalErrorType::Eof => match unclosed_bracket(tokens, range.start()) {
                Some((kind, r)) => never_closed(kind, r),
                None => simple("unexpected EOF while parsing"),
            },
            LexicalErrorType::UnicodeError
            | LexicalErrorType::MissingUnicodeLbrace
            | LexicalErrorType::MissingUnicodeRbrace => escape_error(tokens, range, lt),
            LexicalErrorType::InvalidByteLiteral => {
                simple("bytes can only contain ASCII literal characters")
            }
            LexicalErrorType::LineContinuationError => {
                simple("unexpected character after line continuation character")
            }
            LexicalErrorType::UnrecognizedToken { tok } => {
                let c = *tok;
                if c.is_ascii() && !c.is_ascii_control() {
                    simple("invalid syntax")
                } else if !is_printable(c) {
                    simple(&format!(
                        "invalid non-printable character U+{:04X}",
                        c as u32
                    ))
                } else {
                    simple(&format!("invalid character '{c}' (U+{:04X})", c as u32))
                }
            }
            LexicalErrorType::FStringError(e) => fstring_error(e, lt, range),
            LexicalErrorType::TStringError(_) => simple("invalid syntax"),
            LexicalErrorType::StringError | LexicalErrorType::OtherError(_) => {
                let m = lex.to_string();
                if m.contains("Invalid decimal integer literal") {
                    simple(
                        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    )
                } else if m.contains("Invalid") || m.contains("invalid") || m.contains("Empty") {
                    simple(&format!("invalid {} literal", number_kind(text_at(range))))
                } else {
                    simple("invalid syntax")
                }
            }
        },
        ParseErrorType::UnexpectedIndentation => {
            // CPython reports the 0-based column where the indented code starts.
            let (l, c) = lt.line_char_col(range.end());
            CompileError {
                kind: IndentationError,
                msg: "unexpected indent".into(),
                line: l,
                col: c - 1,
                end_line: l,
                end_col: c - 1,
            }
        }
        ParseErrorType::OtherError(m) if m.starts_with("Expected an indented block") => {
            missing_block(tokens, range, lt)
        }
        ParseErrorType::ExpectedToken { expected, found } => {
            if *expected == TokenKind::Colon
                && *found == TokenKind::Lpar
                && in_lambda_params(tokens, range.start())
            {
                return simple("Lambda expression parameters cannot be parenthesized");
            }
            if *expected == TokenKind::Indent {
                return missing_block(tokens, range, lt);
            }
            if *found == TokenKind::Equal
                && let Some(kind) = match prev_token(tokens, range.start()) {
                    Some(TokenKind::Rsqb) => Some("subscript"),
                    Some(TokenKind::Rpar) => Some("function call"),
                    Some(TokenKind::Name)
                        if previous_keyword(tokens, range.start(), 2) == Some(TokenKind::Dot) =>
                    {
                        Some("attribute")
                    }
                    _ => None,
                }
            {
                return simple(&format!(
                    "cannot assign to {kind} here. Maybe you meant '==' instead of '='?"
                ));
            }
            if *found == TokenKind::Equal
                && let Some(prev) = tokens
                    .iter()
                    .take_while(|t| t.start() < range.start())
                    .filter(|t| !t.kind().is_trivia())
                    .last()
                && prev.kind() == TokenKind::Name
            {
                return error_at(
                    lt,
                    SyntaxError,
                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                    prev.range(),
                );
            }
            if matches!(
                found,
                TokenKind::EndOfFile | TokenKind::Newline | TokenKind::Dedent
            ) && let Some((kind, r)) = unclosed_bracket(tokens, range.start())
            {
                return never_closed(kind, r);
            }
            if *expected == TokenKind::Colon {
                if let Some((TokenKind::Lbrace, _)) = innermost_open_bracket(tokens, range.start())
                {
                    let prev = tokens
                        .iter()
                        .take_while(|t| t.start() < range.start())
                        .last()
                        .map(|t| t.range());
                    return error_at(
                        lt,
                        SyntaxError,
                        "':' expected after dictionary key",
                        prev.unwrap_or(range),
                    );
                }
                if *found == TokenKind::Newline || colon_is_forced(tokens, range.start()) {
                    return simple("expected ':'");
                }
                return simple("invalid syntax");
            }
            if *expected == TokenKind::Lpar
                && previous_keyword(tokens, range.start(), 2) == Some(TokenKind::Def)
            {
                return simple("expected '('");
            }
            if matches!(expected, TokenKind::Rsqb | TokenKind::Rbrace) && *found == TokenKind::For {
                return simple("did you forget parentheses around the comprehension target?");
            }
            if *expected == TokenKind::Else {
                return simple("expected 'else' after 'if' expression");
            }
            if matches!(found, TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace) {
                return bracket_error(tokens, range, lt);
            }
            if *found == TokenKind::Indent {
                return error_at(lt, IndentationError, "unexpected indent", range);
            }
            if *expected == TokenKind::Comma
                && *found == TokenKind::Star
                && prev_token(tokens, range.start()) == Some(TokenKind::Slash)
            {
                return simple("expected comma between / and *");
            }
            if *expected == TokenKind::Rpar && *found == TokenKind::Lpar {
                // `def f(x, (y, z))`
                return simple("Function parameters cannot be parenthesized");
            }
            if *expected == TokenKind::Comma {
                if found.as_augmented_assign_operator().is_some() {
                    let kind = find_expr(module, range)
                        .map(expr_kind_name)
                        .unwrap_or("tuple");
                    let _ = kind;
                    let stmt_start = tokens
                        .iter()
                        .take_while(|t| t.start() < range.start())
                        .filter(|t| {
                            matches!(
                                t.kind(),
                                TokenKind::Newline
                                    | TokenKind::Indent
                                    | TokenKind::Dedent
                                    | TokenKind::Semi
                            )
                        })
                        .last()
                        .map(|t| t.end())
                        .unwrap_or_default();
                    let start = tokens
                        .iter()
                        .find(|t| t.start() >= stmt_start && !t.kind().is_trivia())
                        .map(|t| t.start())
                        .unwrap_or(stmt_start);
                    return error_at(
                        lt,
                        SyntaxError,
                        "'tuple' is an illegal expression for augmented assignment",
                        TextRange::new(start, range.start()),
                    );
                }
                let starts_expr = matches!(
                    found,
                    TokenKind::Name
                        | TokenKind::Int
                        | TokenKind::Float
                        | TokenKind::Complex
                        | TokenKind::String
                        | TokenKind::FStringStart
                        | TokenKind::True
                        | TokenKind::False
                        | TokenKind::None
                        | TokenKind::Lbrace
                        | TokenKind::Lsqb
                        | TokenKind::Ellipsis
                        | TokenKind::Lambda
                        | TokenKind::Not
                );
                // 3.11 compiles an f-string field's text in parentheses: always "in a bracket".
                if starts_expr
                    && (unclosed_bracket(tokens, range.start()).is_some()
                        || crate::fstrings::in_field(tokens, range.start()))
                {
                    let prev = tokens
                        .iter()
                        .take_while(|t| t.start() < range.start())
                        .last()
                        .map(|t| t.range());
                    return error_at(
                        lt,
                        SyntaxError,
                        "invalid syntax. Perhaps you forgot a comma?",
                        prev.unwrap_or(range),
                    );
                }
            }
            simple("invalid syntax")
        }
        ParseErrorType::FStringError(e) => fstring_error(e, lt, range),
        ParseErrorType::InvalidAssignmentTarget
        | ParseErrorType::InvalidAugmentedAssignmentTarget
        | ParseErrorType::InvalidNamedAssignmentTarget
        | ParseErrorType::InvalidDeleteTarget => {
            let kind = find_expr(module, range)
                .map(expr_kind_name)
                .unwrap_or("expression");
            let after = src
                .get(u32::from(range.end()) as usize..)
                .unwrap_or("")
                .trim_start_matches([' ', '\t']);
            let msg = match err.error {
                ParseErrorType::InvalidDeleteTarget => format!("cannot delete {kind}"),
                ParseErrorType::InvalidAugmentedAssignmentTarget => {
                    format!("'{kind}' is an illegal expression for augmented assignment")
                }
                ParseErrorType::InvalidNamedAssignmentTarget => {
                    format!("cannot use assignment expressions with {kind}")
                }
                _ if kind == "yield expression" => {
                    "assignment to yield expression not possible".to_string()
                }
                _ => {
                    let bitwise_or_level = find_expr(module, range).is_none_or(|e| {
                        !matches!(
                            e,
                            Expr::If(_)
                                | Expr::Compare(_)
                                | Expr::Lambda(_)
                                | Expr::Named(_)
                                | Expr::BoolOp(_)
                                | Expr::Yield(_)
                                | Expr::YieldFrom(_)
                        ) && !matches!(e, Expr::UnaryOp(u) if u.op == ruff_python_ast::UnaryOp::Not)
                    });
                    let suffix = after.starts_with('=')
                        && bitwise_or_level
                        && !after.starts_with("==")
                        && !matches!(
                            kind,
                            "list" | "tuple" | "generator expression" | "True" | "False" | "None"
                        );
                    if suffix {
                        format!(
                            "cannot assign to {kind} here. Maybe you meant '==' instead of '='?"
                        )
                    } else {
                        format!("cannot assign to {kind}")
                    }
                }
            };
            simple(&msg)
        }
        ParseErrorType::InvalidAnnotatedAssignmentTarget => {
            // `f():` with nothing after the colon is plain invalid syntax at the colon.
            let after = src.get(u32::from(range.end()) as usize..).unwrap_or("");
            let t = after.trim_start_matches([' ', '\t', ')']);
            if let Some(rest) = t.strip_prefix(':')
                && rest
                    .trim_start_matches([' ', '\t'])
                    .starts_with(['\n', '\r', '#'])
            {
                let colon = u32::from(range.end()) + (after.len() - t.len()) as u32;
                return error_at(
                    lt,
                    SyntaxError,
                    "invalid syntax",
                    TextRange::empty(TextSize::from(colon)),
                );
            }
            simple("illegal target for annotation")
        }
        // CPython reports these once it has read the call's closing parenthesis.
        ParseErrorType::PositionalAfterKeywordArgument
        | ParseErrorType::PositionalAfterKeywordUnpacking => {
            let msg = if matches!(err.error, ParseErrorType::PositionalAfterKeywordArgument) {
                "positional argument follows keyword argument"
            } else {
                "positional argument follows keyword argument unpacking"
            };
            let at = closing_bracket(tokens, range.end()).unwrap_or(range);
            error_at(lt, SyntaxError, msg, at)
        }
        ParseErrorType::InvalidArgumentUnpackingOrder => {
            simple("iterable argument unpacking follows keyword argument unpacking")
        }
        ParseErrorType::NonDefaultParamAfterDefaultParam => {
            simple("non-default argument follows default argument")
        }
        ParseErrorType::ParamAfterVarKeywordParam => {
            simple("arguments cannot follow var-keyword argument")
        }
        ParseErrorType::VarParameterWithDefault => {
            let kw = tokens
                .iter()
                .take_while(|t| t.start() < range.start())
                .filter(|t| matches!(t.kind(), TokenKind::Star | TokenKind::DoubleStar))
                .last()
                .is_some_and(|t| t.kind() == TokenKind::DoubleStar);
            if kw {
                simple("var-keyword argument cannot have default value")
            } else {
                simple("var-positional argument cannot have default value")
            }
        }
        ParseErrorType::InvalidMatchPatternTarget => simple("cannot use '_' as a target"),
        ParseErrorType::ExpectedKeywordParam => simple("named arguments must follow bare *"),
        ParseErrorType::IterableUnpackingInComprehension => {
            simple("iterable unpacking cannot be used in comprehension")
        }
        ParseErrorType::UnparenthesizedGeneratorExpression => {
            simple("Generator expression must be parenthesized")
        }
        ParseErrorType::InvalidStarredExpressionUsage => {
            // CPython names only `(*x)` and `{k: *v}`; elsewhere it is plain invalid syntax.
            let prev = prev_token(tokens, range.start());
            let next = tokens
                .iter()
                .find(|t| t.start() >= range.end() && !t.kind().is_trivia())
                .map(|t| t.kind());
            if prev == Some(TokenKind::Lpar) && next == Some(TokenKind::Rpar) {
                simple("cannot use starred expression here")
            } else if prev == Some(TokenKind::Colon)
                && innermost_open_bracket(tokens, range.start())
                    .is_some_and(|(k, _)| k == TokenKind::Lbrace)
            {
                simple("cannot use a starred expression in a dictionary value")
            } else {
                simple("invalid syntax")
            }
        }
        ParseErrorType::SimpleStatementsOnSameLine
        | ParseErrorType::SimpleAndCompoundStatementOnSameLine
        | ParseErrorType::UnexpectedExpressionToken => same_line_error(tokens, range, lt, all),
        ParseErrorType::ExpectedExpression
            if innermost_open_bracket(tokens, range.start()).is_some_and(|(k, r)| {
                k == TokenKind::Lbrace && is_fstring_field(tokens, r.start())
            }) && !text_at(range).starts_with('}') =>
        {
            simple("f-string: expecting '}'")
        }
        ParseErrorType::ExpectedExpression
            if prev_token(tokens, range.start()) == Some(TokenKind::Equal)
                && (in_lambda_params(tokens, range.start())
                    || innermost_open_bracket(tokens, range.start())
                        .is_some_and(|(k, _)| k == TokenKind::Lpar)) =>
        {
            simple("expected default value expression")
        }
        ParseErrorType::ExpectedExpression
            if prev_token(tokens, range.start()) == Some(TokenKind::Colon)
                && innermost_open_bracket(tokens, range.start())
                    .is_some_and(|(k, _)| k == TokenKind::Lbrace) =>
        {
            simple("expression expected after dictionary key and ':'")
        }
        ParseErrorType::ExpectedExpression if text_at(range).starts_with([')', ']', '}']) => {
            bracket_error(tokens, range, lt)
        }
        ParseErrorType::OtherError(m) => {
            if m.starts_with("Expected a statement")
                && let Some(c) = text_at(range).chars().next()
                && matches!(c, ')' | ']' | '}')
            {
                return bracket_error(tokens, range, lt);
            }
            if m.starts_with("Missing closing")
                && let Some((kind, r)) = unclosed_bracket(tokens, range.start())
            {
                return never_closed(kind, r);
            }
            if m.starts_with("Cannot have both") || m.starts_with("Only single target") {
                let mut msg = m.clone();
                if let Some(f) = msg.get(0..1) {
                    let lower = f.to_lowercase();
                    msg.replace_range(0..1, &lower);
                }
                return simple(&msg);
            }
            let other = [
                (
                    "Position-only parameter separator not allowed as first",
                    "at least one argument must precede /",
                ),
                ("Only one '/' separator allowed", "/ may appear only once"),
                (
                    "'/' parameter must appear before '*'",
                    "/ must be ahead of *",
                ),
                (
                    "Only one '*' parameter allowed",
                    "* argument may appear only once",
                ),
                (
                    "Multiple exception types must be parenthesized",
                    "multiple exception types must be parenthesized",
                ),
                (
                    "Trailing comma not allowed",
                    "trailing comma not allowed without surrounding parentheses",
                ),
                (
                    "Positional patterns cannot follow keyword patterns",
                    "positional patterns follow keyword patterns",
                ),
            ];
            if let Some((_, cp)) = other.iter().find(|(r, _)| m.starts_with(r)) {
                return simple(cp);
            }
            if m.starts_with("Expected a parameter name") {
                // `f(x()=2)`, `f(True=1)`: a keyword argument whose name is an expression.
                let t = text_at(range).trim();
                if matches!(t, "True" | "False" | "None") {
                    return simple(&format!("cannot assign to {t}"));
                }
                return simple("expression cannot contain assignment, perhaps you meant \"==\"?");
            }
            if (m.starts_with("Expected an expression or a ']'")
                || m.starts_with("Expected an expression or a '}'"))
                && text_at(range).starts_with('=')
            {
                return simple("invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            }
            if m.starts_with("Expected an identifier")
                && innermost_keyword_is_match_as(tokens, range.start())
            {
                return simple("invalid pattern target");
            }
            if m.starts_with("Bytes literal cannot be mixed") {
                return simple("cannot mix bytes and nonbytes literals");
            }
            if m.starts_with("Expected `except` or `finally`") {
                return simple("expected 'except' or 'finally' block");
            }
            if m.starts_with("Expected one or more exception types") {
                return simple("expected one or more exception types");
            }
            simple("invalid syntax")
        }
        _ => simple("invalid syntax"),
    }
}

/// Two statements on one line: CPython's `print 'x'` hint, a number glued to a name
/// ("invalid decimal literal"), or plain "invalid syntax".
fn same_line_error(
    tokens: &Tokens,
    range: TextRange,
    lt: &LineTable,
    errors: &[ParseError],
) -> CompileError {
    let prev: Vec<(TokenKind, TextRange)> = tokens
        .iter()
        .take_while(|t| t.start() < range.start())
        .filter(|t| !matches!(t.kind(), TokenKind::Comment | TokenKind::NonLogicalNewline))
        .map(|t| (t.kind(), t.range()))
        .collect();
    let src = lt.source();
    if let Some(&(kind, r)) = prev.last() {
        let text = src
            .get(u32::from(r.start()) as usize..u32::from(r.end()) as usize)
            .unwrap_or("");
        if matches!(kind, TokenKind::Int | TokenKind::Float | TokenKind::Complex)
            && r.end() == range.start()
        {
            return syntax_error(lt, format!("invalid {} literal", number_kind(text)), range);
        }
        if kind == TokenKind::Name {
            let before = prev.len().checked_sub(2).map(|i| prev[i].0);
            let starts_stmt = matches!(
                before,
                None | Some(
                    TokenKind::Newline
                        | TokenKind::Indent
                        | TokenKind::Dedent
                        | TokenKind::Semi
                        | TokenKind::Colon
                )
            );
            // Only when what follows is itself a valid expression (no other error on the line).
            let (line, _) = lt.line_col(range.start());
            let rest_ok = !errors.iter().any(|e| {
                e.range().start() > range.start() && lt.line_col(e.range().start()).0 == line
            });
            if starts_stmt && rest_ok && (text == "print" || text == "exec") {
                return syntax_error(
                    lt,
                    format!("Missing parentheses in call to '{text}'. Did you mean {text}(...)?"),
                    TextRange::new(r.start(), range.end()),
                );
            }
        }
    }
    syntax_error(lt, "invalid syntax", range)
}

fn fstring_error(
    e: &InterpolatedStringErrorType,
    lt: &LineTable,
    range: TextRange,
) -> CompileError {
    let msg = match e {
        InterpolatedStringErrorType::UnclosedLbrace => "f-string: expecting '}'".to_string(),
        InterpolatedStringErrorType::InvalidConversionFlag => {
            "f-string: invalid conversion character: expected 's', 'r', or 'a'".to_string()
        }
        InterpolatedStringErrorType::SingleRbrace => {
            "f-string: single '}' is not allowed".to_string()
        }
        InterpolatedStringErrorType::UnterminatedString => {
            let (line, _) = lt.line_col(range.start());
            format!("unterminated string literal (detected at line {line})")
        }
        InterpolatedStringErrorType::UnterminatedTripleQuotedString => {
            format!(
                "unterminated triple-quoted string literal (detected at line {})",
                eof_line(lt)
            )
        }
        InterpolatedStringErrorType::LambdaWithoutParentheses => {
            "f-string: invalid syntax".to_string()
        }
        InterpolatedStringErrorType::ConversionFlagNotImmediatelyAfterExclamation => {
            "f-string: conversion type must come right after the exclamanation mark".to_string()
        }
        InterpolatedStringErrorType::NewlineInFormatSpec => {
            "f-string: newlines are not allowed in format specifiers for single quoted f-strings"
                .to_string()
        }
    };
    syntax_error(lt, msg, range)
}

/// Version-gated syntax (the parser targets 3.11): anything newer is a plain SyntaxError.
pub fn map_unsupported(err: &UnsupportedSyntaxError, lt: &LineTable) -> CompileError {
    let msg = match err.kind {
        UnsupportedSyntaxErrorKind::Pep701FString(_) => "f-string: expecting '}'",
        UnsupportedSyntaxErrorKind::ParenthesizedKeywordArgumentName => {
            "expression cannot contain assignment, perhaps you meant \"==\"?"
        }
        UnsupportedSyntaxErrorKind::UnparenthesizedExceptionTypes => {
            "multiple exception types must be parenthesized"
        }
        UnsupportedSyntaxErrorKind::UnpackingInComprehension(k)
            if format!("{k:?}").contains("Dict") =>
        {
            "dict unpacking cannot be used in dict comprehension"
        }
        UnsupportedSyntaxErrorKind::UnpackingInComprehension(_) => {
            "iterable unpacking cannot be used in comprehension"
        }
        // Only with an older `feature_version` (ast.parse).
        UnsupportedSyntaxErrorKind::Walrus => {
            "Assignment expressions are only supported in Python 3.8 and greater"
        }
        UnsupportedSyntaxErrorKind::PositionalOnlyParameter => {
            "Positional-only parameters are only supported in Python 3.8 and greater"
        }
        UnsupportedSyntaxErrorKind::ParenthesizedContextManager => {
            "Parenthesized context managers are only supported in Python 3.9 and greater"
        }
        UnsupportedSyntaxErrorKind::Match => {
            "Pattern matching is only supported in Python 3.10 and greater"
        }
        UnsupportedSyntaxErrorKind::ExceptStar => {
            "Exception groups are only supported in Python 3.11 and greater"
        }
        _ => "invalid syntax",
    };
    syntax_error(lt, msg, err.range)
}

/// For a grammar older than 3.9: the first `with (item as name):` — a parenthesized item
/// list, which ruff reports only when it has several items or a trailing comma.
pub fn first_parenthesized_with(tree: &Mod, source: &str) -> Option<TextRange> {
    struct Find<'s>(Option<TextRange>, &'s str);
    impl<'a> Visitor<'a> for Find<'_> {
        fn visit_stmt(&mut self, s: &'a ruff_python_ast::Stmt) {
            if let ruff_python_ast::Stmt::With(w) = s
                && self.0.is_none()
                && let Some(first) = w.items.first()
                && first.optional_vars.is_some()
            {
                let head = self
                    .1
                    .get(usize::from(w.range.start())..usize::from(first.range.start()))
                    .unwrap_or("");
                if head.contains('(') {
                    self.0 = Some(first.range);
                }
            }
            ruff_python_ast::visitor::walk_stmt(self, s);
        }
    }
    let mut f = Find(None, source);
    if let Mod::Module(m) = tree {
        f.visit_body(&m.body);
    }
    f.0
}

/// For `ast.parse(..., feature_version=(3, minor))` with `minor` below 6: the first construct
/// of the tree that grammar lacks (`@`, async functions and `await` before 3.5; f-strings,
/// `_` in numbers and async comprehensions before 3.6), with CPython's message.
pub fn first_too_new(tree: &Mod, source: &str, minor: u8) -> Option<(&'static str, TextRange)> {
    use ruff_python_ast::{Expr as E, Operator, Stmt as S};
    struct Find<'s> {
        found: Option<(&'static str, TextRange)>,
        src: &'s str,
        minor: u8,
    }
    impl Find<'_> {
        fn hit(&mut self, msg: &'static str, r: TextRange) {
            if self.found.is_none() {
                self.found = Some((msg, r));
            }
        }
    }
    const MATMUL: &str = "The '@' operator is only supported in Python 3.5 and greater";
    impl<'a> Visitor<'a> for Find<'_> {
        // Post-order: CPython's parser reports a construct once its rule is complete, so an
        // `await` inside an async def is reported before the def.
        fn visit_stmt(&mut self, s: &'a S) {
            ruff_python_ast::visitor::walk_stmt(self, s);
            match s {
                S::FunctionDef(f) if f.is_async && self.minor < 5 => self.hit(
                    "Async functions are only supported in Python 3.5 and greater",
                    f.range,
                ),
                S::AugAssign(a) if a.op == Operator::MatMult && self.minor < 5 => {
                    self.hit(MATMUL, a.range)
                }
                _ => {}
            }
        }
        fn visit_expr(&mut self, e: &'a E) {
            ruff_python_ast::visitor::walk_expr(self, e);
            match e {
                E::BinOp(b) if b.op == Operator::MatMult && self.minor < 5 => {
                    self.hit(MATMUL, b.range)
                }
                E::Await(a) if self.minor < 5 => self.hit(
                    "Await expressions are only supported in Python 3.5 and greater",
                    a.range,
                ),
                E::FString(f) => self.hit(
                    "Format strings are only supported in Python 3.6 and greater",
                    f.range,
                ),
                E::NumberLiteral(n)
                    if self
                        .src
                        .get(usize::from(n.range.start())..usize::from(n.range.end()))
                        .is_some_and(|t| t.contains('_')) =>
                {
                    self.hit(
                        "Underscores in numeric literals are only supported in Python 3.6 and greater",
                        n.range,
                    )
                }
                _ => {}
            }
        }
        fn visit_comprehension(&mut self, c: &'a ruff_python_ast::Comprehension) {
            ruff_python_ast::visitor::walk_comprehension(self, c);
            if c.is_async {
                self.hit(
                    "Async comprehensions are only supported in Python 3.6 and greater",
                    c.range,
                );
            }
        }
    }
    if minor >= 6 {
        return None;
    }
    let mut f = Find {
        found: None,
        src: source,
        minor,
    };
    match tree {
        Mod::Module(m) => f.visit_body(&m.body),
        Mod::Expression(e) => f.visit_expr(&e.body),
    }
    f.found
}

/// The range of the first self-documenting f-string field (`f"{x=}"`), a 3.8 feature.
pub fn first_debug_fstring(tree: &Mod) -> Option<TextRange> {
    struct Find(Option<TextRange>);
    impl<'a> Visitor<'a> for Find {
        fn visit_interpolated_string_element(
            &mut self,
            el: &'a ruff_python_ast::InterpolatedStringElement,
        ) {
            if let ruff_python_ast::InterpolatedStringElement::Interpolation(i) = el
                && i.debug_text.is_some()
                && self.0.is_none()
            {
                self.0 = Some(i.range);
            }
            ruff_python_ast::visitor::walk_interpolated_string_element(self, el);
        }
    }
    let mut f = Find(None);
    match tree {
        Mod::Module(m) => f.visit_body(&m.body),
        Mod::Expression(e) => f.visit_expr(&e.body),
    }
    f.0
}

/// Whether a lexical error is one CPython's tokenizer raises as an exception (and so reports
/// even when the parser failed earlier — CPython tokenizes the rest of the file after a
/// parser error and lets such errors win).
fn raises_in_tokenizer(err: &ParseErrorType) -> bool {
    match err {
        ParseErrorType::Lexical(lex) => match lex {
            LexicalErrorType::UnclosedStringError
            | LexicalErrorType::LineContinuationError
            | LexicalErrorType::InvalidByteLiteral
            | LexicalErrorType::UnicodeError
            | LexicalErrorType::MissingUnicodeLbrace
            | LexicalErrorType::MissingUnicodeRbrace => true,
            LexicalErrorType::UnrecognizedToken { tok } => {
                !tok.is_ascii() || tok.is_ascii_control()
            }
            LexicalErrorType::OtherError(m) => m.contains("Invalid") || m.contains("invalid"),
            LexicalErrorType::FStringError(
                InterpolatedStringErrorType::UnterminatedString
                | InterpolatedStringErrorType::UnterminatedTripleQuotedString,
            ) => true,
            _ => false,
        },
        ParseErrorType::FStringError(
            InterpolatedStringErrorType::UnterminatedString
            | InterpolatedStringErrorType::UnterminatedTripleQuotedString,
        ) => true,
        _ => false,
    }
}

/// Whether a lexical error makes CPython's tokenizer stop without raising (so a later
/// tokenizer error cannot take over): bad dedents, stray ASCII like `$`, end of input.
fn stops_tokenizer(err: &ParseErrorType) -> bool {
    match err {
        ParseErrorType::Lexical(lex) => match lex {
            LexicalErrorType::IndentationError | LexicalErrorType::Eof => true,
            LexicalErrorType::UnrecognizedToken { tok } => {
                tok.is_ascii() && !tok.is_ascii_control()
            }
            _ => false,
        },
        _ => false,
    }
}

/// Chooses and words the error CPython would report for a source with parse errors.
///
/// CPython reports the parser's error, except that after a parser error it tokenizes the
/// rest of the file and a tokenizer exception found there (unterminated string, unmatched
/// bracket, invalid literal or character) replaces it; the scan stops at the first
/// tokenizer problem that raises nothing (a bad dedent, a stray `$`), where a bracket left
/// open since an earlier line turns the error into "'(' was never closed".
pub fn report_parse_errors(
    errors: &[ParseError],
    lt: &LineTable,
    tokens: &Tokens,
    module: Option<&Mod>,
    fscan: &crate::fstrings::Scan,
) -> Option<CompileError> {
    let fstring_error = fscan.error.clone();
    let first = first_error(errors);
    // An f-string 3.11 rejects, before anything else: the newer grammar's reading of the rest
    // of the file (and so its lexical errors) cannot be trusted past it.
    if let Some((pos, e)) = &fstring_error
        && first.is_none_or(|f| *pos <= f.range().start())
    {
        return Some(e.clone());
    }
    let first = first?;
    // Tokenizer events, in source order: Some(error) raises, None only stops.
    let mut events: Vec<(TextSize, Option<CompileError>)> = Vec::new();
    for e in errors {
        // Inside a 3.11 f-string token there are no tokens, so no tokenizer errors either.
        if fscan.covers(e.range().start()) {
            continue;
        }
        if raises_in_tokenizer(&e.error) {
            events.push((
                e.range().start(),
                Some(map_parse_error(e, lt, tokens, module, errors)),
            ));
        } else if stops_tokenizer(&e.error) {
            events.push((e.range().start(), None));
        }
    }
    if let Some((pos, e)) = token_scan_error(tokens, lt, fscan) {
        events.push((pos, Some(e)));
    }
    events.sort_by_key(|e| e.0);
    let mut first_pos = first.range().start();
    let mut first_is_parser = !matches!(first.error, ParseErrorType::Lexical(_));
    let mut mapped = map_parse_error(first, lt, tokens, module, errors);
    if fscan.covers(first_pos) {
        // In 3.11 the field's text is compiled on its own; errors in it say "f-string: ...".
        if matches!(
            first.error,
            ParseErrorType::FStringError(InterpolatedStringErrorType::UnclosedLbrace)
                | ParseErrorType::Lexical(LexicalErrorType::FStringError(
                    InterpolatedStringErrorType::UnclosedLbrace
                ))
                | ParseErrorType::ExpectedExpression
        ) {
            let src = lt.source();
            let at = u32::from(first_pos) as usize;
            mapped.msg = if src.get(at..).is_some_and(|t| t.starts_with("**")) {
                "f-string: cannot use double starred expression here".into()
            } else if juxtaposed_operands(tokens, first_pos) {
                // 3.11 parses the field in parentheses, where `a b` suggests a comma.
                "f-string: invalid syntax. Perhaps you forgot a comma?".into()
            } else {
                "f-string: invalid syntax".into()
            };
        } else if !mapped.msg.starts_with("f-string")
            && crate::fstrings::in_field(tokens, first_pos)
        {
            mapped.msg = format!("f-string: {}", mapped.msg);
        }
        first_is_parser = true;
    }
    if let Some((pos, e)) = fstring_error
        && pos <= first_pos
    {
        first_pos = pos;
        first_is_parser = true;
        mapped = e;
    }
    // The tokenizer computes a bad dedent before the parser can miss the block.
    if mapped.msg.starts_with("expected an indented block")
        && let Some(d) = errors.iter().find(|e| {
            matches!(
                e.error,
                ParseErrorType::Lexical(LexicalErrorType::IndentationError)
            ) && lt.line_col(e.range().start()).0 <= mapped.line
        })
    {
        return Some(map_parse_error(d, lt, tokens, module, errors));
    }
    let never_closed = |at: Option<TextSize>| -> Option<CompileError> {
        let (kind, r) = match at {
            Some(p) => innermost_open_bracket(tokens, p)?,
            None => unclosed_at_eof(tokens)?,
        };
        if lt.line_col(r.start()).0 < mapped.line {
            let msg = format!("'{}' was never closed", token_text(kind).unwrap_or("("));
            Some(error_at(lt, CompileErrorKind::SyntaxError, msg, r))
        } else {
            None
        }
    };
    match events.first() {
        Some((pos, Some(e))) if *pos <= first_pos || first_is_parser => return Some(e.clone()),
        Some((pos, None)) if *pos > first_pos && first_is_parser => {
            if let Some(e) = never_closed(Some(*pos)) {
                return Some(e);
            }
        }
        None if first_is_parser => {
            if let Some(e) = never_closed(None) {
                return Some(e);
            }
        }
        _ => {}
    }
    Some(mapped)
}

/// The error CPython meets first: the parser's first report, unless another lies entirely
/// before it (a lexical error found ahead, or an error the recovery reported late).
fn first_error(errors: &[ParseError]) -> Option<&ParseError> {
    let head = errors.first()?;
    let before = errors
        .iter()
        .filter(|e| {
            matches!(e.error, ParseErrorType::Lexical(_))
                && e.range().end() <= head.range().start()
                && e.range().start() < head.range().start()
        })
        .min_by_key(|e| e.range().start());
    Some(before.unwrap_or(head))
}

/// Whether the token at `at` starts an operand right after the end of another one (`a b`).
fn juxtaposed_operands(tokens: &Tokens, at: TextSize) -> bool {
    let operand_start = |k: TokenKind| {
        matches!(
            k,
            TokenKind::Name
                | TokenKind::Int
                | TokenKind::Float
                | TokenKind::Complex
                | TokenKind::String
                | TokenKind::True
                | TokenKind::False
                | TokenKind::None
        )
    };
    let operand_end = |k: TokenKind| {
        operand_start(k) || matches!(k, TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace)
    };
    let mut prev = None;
    for t in tokens.iter().filter(|t| !t.kind().is_trivia()) {
        if t.start() >= at {
            return operand_start(t.kind()) && prev.is_some_and(operand_end);
        }
        prev = Some(t.kind());
    }
    false
}
