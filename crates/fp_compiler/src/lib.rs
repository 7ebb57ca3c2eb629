//! `fp_compiler` — turns Python 3.11 source into [`fp_bytecode::CodeObject`]s.
//!
//! Owns: parsing (through `ruff_python_parser`), the symbol table (scopes: local, global,
//! nonlocal, cell, free; class and comprehension scopes; the `__class__` cell), code generation,
//! constant folding, line tables, and the syntax errors CPython raises at compile time.
//! Depends on `fp_bytecode` and the ruff parser crates only; it must never depend on the runtime.

mod codegen;
mod errors;
mod fold;
mod fstrings;
mod limits;
mod symtable;
mod unparse;
mod warnings;

pub use codegen::flow::stack_states;
pub use warnings::{CompileWarning, WarningCategory};

pub use fp_bytecode::{CodeObject, CompileError, CompileErrorKind};
/// The parser's tree types, for `parse_checked`'s callers (the runtime's `_ast` conversion).
pub use ruff_python_ast;
pub use ruff_text_size;

use ruff_python_ast::{Expr, PythonVersion, Stmt};
use ruff_python_parser::{Mode as ParseMode, ParseOptions, parse_unchecked};
use ruff_text_size::{Ranged, TextRange};

use errors::{LineTable, syntax_error};

/// What kind of source `compile()` is given, as CPython's `mode` argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module or `exec` source: statements; the code returns None.
    Exec,
    /// A single expression; the code returns its value.
    Eval,
    /// One interactive statement: expression statements print through PRINT_EXPR.
    Single,
}

/// Options of one compilation.
#[derive(Clone, Debug, Default)]
pub struct CompileOptions {
    /// `-O` level: 1 drops asserts and sets `__debug__` to False, 2 also drops docstrings.
    pub optimize: u32,
    /// Whether `from __future__ import annotations` is in force from the caller (compile()'s
    /// inherited flags); a module's own future import also turns it on.
    pub future_annotations: bool,
}

/// Checks a finished code object tree: every instruction reachable with one consistent stack
/// depth and handler-block stack, no underflow, `max_stack` large enough. For tests and tools.
pub fn verify_code(code: &CodeObject) -> Result<(), String> {
    codegen::flow::verify(code)
}

const FUTURE_FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// Reads the `from __future__ import` statements at the top of a module: returns whether
/// `annotations` is on and the line of the last one.
fn scan_future(body: &[Stmt], lt: &LineTable) -> Result<(bool, u32), CompileError> {
    let mut annotations = false;
    let mut last_line = 0;
    let mut done = false;
    let mut prev_line = 0;
    for (i, s) in body.iter().enumerate() {
        let line = lt.line_col(s.range().start()).0;
        // Once past the future imports, only statements sharing that line are checked here;
        // later lines are the code generator's business.
        if done && line > prev_line {
            break;
        }
        prev_line = line;
        match s {
            Stmt::Expr(e) if i == 0 && matches!(e.value.as_ref(), Expr::StringLiteral(_)) => {
                continue;
            }
            Stmt::ImportFrom(f)
                if f.level == 0
                    && f.module
                        .as_ref()
                        .is_some_and(|m| m.id.as_str() == "__future__") =>
            {
                if done {
                    // CPython reports this one at the 0-based column.
                    let mut e = syntax_error(
                        lt,
                        "from __future__ imports must occur at the beginning of the file",
                        f.range,
                    );
                    e.col = e.col.saturating_sub(1);
                    return Err(e);
                }
                for a in &f.names {
                    let name = a.name.id.as_str();
                    if name == "braces" {
                        return Err(syntax_error(lt, "not a chance", f.range));
                    }
                    if name == "*" || !FUTURE_FEATURES.contains(&name) {
                        return Err(syntax_error(
                            lt,
                            format!("future feature {name} is not defined"),
                            f.range,
                        ));
                    }
                    if name == "annotations" {
                        annotations = true;
                    }
                }
                last_line = lt.line_col(f.range.start()).0;
            }
            _ => done = true,
        }
    }
    Ok((annotations, last_line))
}

/// `compile(src, f, 'eval')` with an indented expression is an IndentationError in CPython
/// (the `eval()` builtin strips leading blanks before compiling; `compile()` does not).
fn eval_indent_error(source: &str, lt: &LineTable) -> Option<CompileError> {
    let mut offset = 0usize;
    for line in source.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let stripped = body.trim_start_matches([' ', '\t', '\x0c']);
        if stripped.is_empty() || stripped.starts_with('#') {
            offset += line.len();
            continue;
        }
        let indent = body.len() - stripped.len();
        if indent == 0 {
            return None;
        }
        let (l, _) = lt.line_col(ruff_text_size::TextSize::from((offset + indent) as u32));
        let col = body[..indent].chars().count() as u32;
        return Some(CompileError {
            kind: CompileErrorKind::IndentationError,
            msg: "unexpected indent".into(),
            line: l,
            col,
            end_line: l,
            end_col: col,
        });
    }
    None
}

/// Compiles `source` (already decoded) read from `filename`.
///
/// Never panics: any internal failure is reported as a SyntaxError starting with
/// "internal compiler error". Deeply nested input is compiled on a helper thread with a stack
/// large enough for it.
pub fn compile(
    source: &str,
    filename: &str,
    mode: Mode,
    opts: &CompileOptions,
) -> Result<CodeObject, CompileError> {
    compile_with_warnings(source, filename, mode, opts).0
}

/// Like [`compile`], also returning the warnings CPython would issue while compiling
/// (SyntaxWarning, DeprecationWarning for invalid escapes), in the order it issues them.
/// Warnings come back even when compilation fails (those CPython issues before the error).
pub fn compile_with_warnings(
    source: &str,
    filename: &str,
    mode: Mode,
    opts: &CompileOptions,
) -> (Result<CodeObject, CompileError>, Vec<CompileWarning>) {
    let mut warnings = Vec::new();
    let run = || compile_inner(source, filename, mode, opts, &mut warnings);
    let result = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(r) => r,
        Err(p) => {
            let what = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(CompileError {
                kind: CompileErrorKind::SyntaxError,
                msg: format!("internal compiler error: {what}"),
                line: 0,
                col: 0,
                end_line: 0,
                end_col: 0,
            })
        }
    };
    (result, warnings)
}

/// Above this nesting the passes run on a thread with a stack sized for the input.
const INLINE_DEPTH: usize = 150;
/// Stack bytes per level of nesting for the recursive passes (measured with a wide margin).
const STACK_PER_LEVEL: usize = 24 * 1024;

/// The message of a [`CompileError`] that CPython raises as `RecursionError` (nesting too
/// deep for the compiler). The error's kind is SyntaxError; the caller picks the exception.
pub const RECURSION_ERROR_MSG: &str = "maximum recursion depth exceeded during compilation";
/// The message of a [`CompileError`] that CPython raises as a bare `MemoryError()` (a unary
/// chain deep enough to overflow its parser stack).
pub const PARSER_OVERFLOW_MSG: &str =
    "Parser stack overflowed - Python source too complex to parse";

fn recursion_error(lt: &LineTable, range: TextRange) -> CompileError {
    syntax_error(lt, RECURSION_ERROR_MSG, range)
}

/// Runs `f` directly, or on a big-stack thread when `depth` is large; None when no such
/// thread can be started (the caller reports the nesting as too deep).
fn with_stack<T: Send>(depth: usize, f: impl FnOnce() -> T + Send) -> Option<T> {
    if depth <= INLINE_DEPTH {
        return Some(f());
    }
    let size = (depth + 64) * STACK_PER_LEVEL + (1 << 20);
    std::thread::scope(|s| {
        let handle = std::thread::Builder::new()
            .stack_size(size)
            .spawn_scoped(s, f);
        match handle {
            Ok(h) => match h.join() {
                Ok(v) => Some(v),
                Err(p) => std::panic::resume_unwind(p),
            },
            Err(_) => None,
        }
    })
}

/// Parses `source` for `compile(..., PyCF_ONLY_AST)` / `ast.parse`: the tree ruff builds,
/// after the same syntax checks the parser stage of [`compile`] makes (not the later
/// symbol-table and code-generation errors, which CPython does not raise for an AST either).
/// `Mode::Eval` gives an expression tree, the other modes a module.
pub fn parse_checked(source: &str, mode: Mode) -> Result<ruff_python_ast::Mod, CompileError> {
    parse_checked_version(source, mode, None)
}

/// [`parse_checked`] for `ast.parse(..., feature_version=(3, minor))`: syntax newer than
/// 3.`minor` is a SyntaxError ("... are only supported in Python 3.8 and greater").
pub fn parse_checked_version(
    source: &str,
    mode: Mode,
    minor: Option<u8>,
) -> Result<ruff_python_ast::Mod, CompileError> {
    let target = match minor {
        Some(m) if m < 11 => PythonVersion { major: 3, minor: m },
        _ => PythonVersion::PY311,
    };
    let run = || {
        let lt = LineTable::new(source);
        let mut warnings = Vec::new();
        let tree = parse_phase_for(source, mode, &lt, &mut warnings, target).map(|(m, _)| m)?;
        if let Some(m) = minor
            && let Some((msg, r)) = errors::first_too_new(&tree, source, m)
        {
            return Err(syntax_error(&lt, msg, r));
        }
        if target < PythonVersion::PY38
            && let Some(r) = errors::first_debug_fstring(&tree)
        {
            return Err(syntax_error(
                &lt,
                "f-string: self documenting expressions are only supported in Python 3.8 and greater",
                r,
            ));
        }
        if target < PythonVersion::PY39
            && let Some(r) = errors::first_parenthesized_with(&tree, source)
        {
            return Err(syntax_error(
                &lt,
                "Parenthesized context managers are only supported in Python 3.9 and greater",
                r,
            ));
        }
        Ok(tree)
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(r) => r,
        Err(_) => Err(CompileError {
            kind: CompileErrorKind::SyntaxError,
            msg: "internal compiler error while parsing".into(),
            line: 0,
            col: 0,
            end_line: 0,
            end_col: 0,
        }),
    }
}

fn compile_inner(
    source: &str,
    filename: &str,
    mode: Mode,
    opts: &CompileOptions,
    warnings: &mut Vec<CompileWarning>,
) -> Result<CodeObject, CompileError> {
    let lt = LineTable::new(source);
    let (syntax, depth) = parse_phase(source, mode, &lt, warnings)?;
    compile_tree(
        &syntax,
        depth,
        &lt,
        &[],
        &[],
        filename,
        mode,
        opts,
        warnings,
    )
}

/// Positions and constants of a tree converted from AST objects, for [`compile_ast`].
#[derive(Clone, Debug, Default)]
pub struct AstLayout {
    /// (line, offset of its start) for every line the tree uses, ascending (line 0 holds
    /// nodes without a positive line). A position's offset is its line's start plus its
    /// column, each line being as wide as the largest column used on it.
    pub lines: Vec<(u32, u32)>,
    /// The end of the layout (offsets past it are clamped).
    pub len: u32,
    /// Values of `Constant` nodes a literal node cannot hold: a literal node whose
    /// `node_index` is `i` stands for `consts[i]`.
    pub consts: Vec<fp_bytecode::Const>,
    /// Under `from __future__ import annotations`, the text of annotation expressions (the
    /// tree has no source to take it from): an annotation whose `node_index` is
    /// `ANNOTATION_INDEX_BASE + i` reads `annotations[i]`.
    pub annotations: Vec<String>,
}

/// See [`AstLayout::annotations`]: indexes from here on name annotation texts, below it
/// constants.
pub const ANNOTATION_INDEX_BASE: u32 = 1 << 29;

/// Compiles a tree that did not come from source text (`compile()` of an `ast.Module` &
/// co, converted by the runtime): no parsing, the same later stages as [`compile`] (future
/// imports, symbol table, code generation and their SyntaxErrors), with line and column
/// numbers taken from `layout`. Returns the warnings as [`compile_with_warnings`] does.
pub fn compile_ast(
    tree: &ruff_python_ast::Mod,
    layout: &AstLayout,
    filename: &str,
    mode: Mode,
    opts: &CompileOptions,
) -> (Result<CodeObject, CompileError>, Vec<CompileWarning>) {
    let mut warnings = Vec::new();
    let lt = LineTable::synthetic(&layout.lines, layout.len);
    let run = || {
        let probe = match tree {
            ruff_python_ast::Mod::Module(m) => limits::probe_body(&m.body),
            ruff_python_ast::Mod::Expression(e) => limits::probe_expr(&e.body),
        };
        compile_tree(
            tree,
            probe.total(),
            &lt,
            &layout.consts,
            &layout.annotations,
            filename,
            mode,
            opts,
            &mut warnings,
        )
    };
    let result = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(r) => r,
        Err(_) => Err(CompileError {
            kind: CompileErrorKind::SyntaxError,
            msg: "internal compiler error while compiling an AST".into(),
            line: 0,
            col: 0,
            end_line: 0,
            end_col: 0,
        }),
    };
    (result, warnings)
}

/// The stages after parsing: future imports, symbol table, code generation.
#[allow(clippy::too_many_arguments)]
fn compile_tree(
    syntax: &ruff_python_ast::Mod,
    depth: usize,
    lt: &LineTable,
    consts: &[fp_bytecode::Const],
    annotations: &[String],
    filename: &str,
    mode: Mode,
    opts: &CompileOptions,
    warnings: &mut Vec<CompileWarning>,
) -> Result<CodeObject, CompileError> {
    match syntax {
        ruff_python_ast::Mod::Module(m) => {
            let body = &m.body[..];
            let (future_ann, future_line) = scan_future(body, lt)?;
            let future_annotations = opts.future_annotations || future_ann;
            let (r, ws) = with_stack(depth, || {
                let st = match symtable::build_module(body, lt, future_annotations) {
                    Ok(st) => st,
                    Err(e) => return (Err(e), Vec::new()),
                };
                let mut c =
                    codegen::Compiler::new(lt, &st, filename, opts.optimize, future_annotations);
                c.folder.consts = consts;
                c.ast_annotations = annotations;
                c.interactive = mode == Mode::Single;
                c.future_lineno = future_line;
                let r = c.compile_module(body);
                (r, std::mem::take(&mut c.warnings))
            })
            .unwrap_or_else(|| (Err(recursion_error(lt, TextRange::default())), Vec::new()));
            warnings.extend(ws);
            r
        }
        ruff_python_ast::Mod::Expression(e) => {
            let (r, ws) = with_stack(depth, || {
                let st = match symtable::build_expression(&e.body, lt, opts.future_annotations) {
                    Ok(st) => st,
                    Err(e) => return (Err(e), Vec::new()),
                };
                let mut c = codegen::Compiler::new(
                    lt,
                    &st,
                    filename,
                    opts.optimize,
                    opts.future_annotations,
                );
                c.folder.consts = consts;
                c.ast_annotations = annotations;
                let r = c.compile_eval(&e.body);
                (r, std::mem::take(&mut c.warnings))
            })
            .unwrap_or_else(|| (Err(recursion_error(lt, TextRange::default())), Vec::new()));
            warnings.extend(ws);
            r
        }
    }
}

/// The parser stage of a compilation: the tree and its nesting depth, or the first syntax
/// error CPython's parser would report.
fn parse_phase(
    source: &str,
    mode: Mode,
    lt: &LineTable,
    warnings: &mut Vec<CompileWarning>,
) -> Result<(ruff_python_ast::Mod, usize), CompileError> {
    parse_phase_for(source, mode, lt, warnings, PythonVersion::PY311)
}

/// [`parse_phase`] for the grammar of Python `target`.
fn parse_phase_for(
    source: &str,
    mode: Mode,
    lt: &LineTable,
    warnings: &mut Vec<CompileWarning>,
    target: PythonVersion,
) -> Result<(ruff_python_ast::Mod, usize), CompileError> {
    if source.contains('\0') {
        return Err(CompileError {
            kind: CompileErrorKind::SyntaxError,
            msg: "source code string cannot contain null bytes".into(),
            line: 0,
            col: 0,
            end_line: 0,
            end_col: 0,
        });
    }
    if mode == Mode::Eval
        && let Some(e) = eval_indent_error(source, &lt)
    {
        return Err(e);
    }
    let pmode = if mode == Mode::Eval {
        ParseMode::Expression
    } else {
        ParseMode::Module
    };
    let options = ParseOptions::from(pmode).with_target_version(target);
    let parsed = parse_unchecked(source, options);
    warnings::escape_warnings(parsed.tokens(), &lt, warnings);
    warnings::number_warnings(parsed.tokens(), &lt, warnings);
    let probe = match parsed.syntax() {
        ruff_python_ast::Mod::Module(m) => limits::probe_body(&m.body),
        ruff_python_ast::Mod::Expression(e) => limits::probe_expr(&e.body),
    };
    if probe.exceeded() {
        let result = if let Some(err) = parsed.errors().first() {
            errors::map_parse_error(err, &lt, parsed.tokens(), None, parsed.errors())
        } else if let Some(r) = probe.too_deep_stmt {
            errors::error_at(
                &lt,
                CompileErrorKind::IndentationError,
                "too many levels of indentation",
                r,
            )
        } else if probe.parser_overflow {
            syntax_error(
                &lt,
                PARSER_OVERFLOW_MSG,
                probe.too_deep_expr.unwrap_or_default(),
            )
        } else {
            recursion_error(&lt, probe.too_deep_expr.unwrap_or_default())
        };
        // Dropping a tree this deep would recurse as deeply as building it did.
        std::mem::forget(parsed);
        return Err(result);
    }
    if let Some(e) = errors::check_tabs(parsed.tokens(), &lt) {
        let before_parse_error = parsed
            .errors()
            .first()
            .is_none_or(|p| e.line <= lt.line_col(p.range().start()).0);
        if before_parse_error {
            return Err(e);
        }
    }
    let fscan = fstrings::scan(parsed.tokens(), &lt);
    if let Some(err) = errors::report_parse_errors(
        parsed.errors(),
        &lt,
        parsed.tokens(),
        Some(parsed.syntax()),
        &fscan,
    ) {
        // The tokenizer warns only about what it read before the error.
        warnings.retain(|w| (w.line, w.col) < (err.line.max(1), err.col) || err.line == 0);
        return Err(at_endmarker(err, mode, parsed.tokens(), &lt));
    }
    if let Some(err) = parsed.unsupported_syntax_errors().first() {
        return Err(errors::map_unsupported(err, &lt));
    }
    if let Some(e) = errors::check_nesting(parsed.tokens(), &lt) {
        return Err(e);
    }
    if let ruff_python_ast::Mod::Module(m) = parsed.syntax() {
        let body = &m.body[..];
        if mode == Mode::Single && body.len() > 1 {
            let first_line = lt.line_col(body[0].range().start()).0;
            if body
                .iter()
                .any(|s| lt.line_col(s.range().start()).0 != first_line)
            {
                return Err(syntax_error(
                    lt,
                    "multiple statements found while compiling a single statement",
                    body[1].range(),
                ));
            }
        }
    }
    Ok((parsed.into_syntax(), probe.total()))
}

/// A `# type: ...` comment (for `ast.parse(..., type_comments=True)`).
#[derive(Clone, Debug)]
pub struct TypeComment {
    /// 1-based line.
    pub line: u32,
    /// Byte offset of the `#`.
    pub start: u32,
    /// 1-based character column of the text after `type:` (where CPython reports a type
    /// comment it cannot place).
    pub col: u32,
    /// The text after `type:` (`int`, `() -> None`), or for `# type: ignore...` the tag
    /// after `ignore` (`[import]`, `@tag`, ``).
    pub text: String,
    pub ignore: bool,
}

/// The type comments of `source`. As CPython's tokenizer, `#`, `type`, `:` may be separated
/// by blanks; `ignore` makes an ignore only when not running on into a name (`ignored`).
pub fn type_comments(source: &str) -> Vec<TypeComment> {
    use ruff_python_ast::token::TokenKind;
    let parsed = parse_unchecked(source, ParseOptions::from(ParseMode::Module));
    let lt = LineTable::new(source);
    let mut out = Vec::new();
    for t in parsed.tokens().iter() {
        if t.kind() != TokenKind::Comment {
            continue;
        }
        let r = t.range();
        let Some(text) = source.get(usize::from(r.start())..usize::from(r.end())) else {
            continue;
        };
        let blank = |s: &str| s.trim_start_matches([' ', '\t', '\x0c']).to_string();
        let Some(rest) = text.strip_prefix('#') else {
            continue;
        };
        let Some(rest) = blank(rest).strip_prefix("type").map(str::to_string) else {
            continue;
        };
        let Some(rest) = blank(&rest).strip_prefix(':').map(str::to_string) else {
            continue;
        };
        let value = blank(&rest);
        let value_at = usize::from(r.start()) + text.len() - value.len();
        let (line, col) = lt.line_char_col(ruff_text_size::TextSize::from(value_at as u32));
        let (text, ignore) = match value.strip_prefix("ignore") {
            Some(tag)
                if !tag
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii()) =>
            {
                (tag.to_string(), true)
            }
            _ => (value.trim_end().to_string(), false),
        };
        out.push(TypeComment {
            line,
            start: r.start().into(),
            col,
            text,
            ignore,
        });
    }
    out
}

/// The `# type: ignore[...]` comments of `source`: (line, tag) each.
pub fn type_ignores(source: &str) -> Vec<(u32, String)> {
    type_comments(source)
        .into_iter()
        .filter(|c| c.ignore)
        .map(|c| (c.line, c.text))
        .collect()
}

/// The value of a (possibly implicitly concatenated) str literal parsed from `source`, lone
/// surrogates from escapes (`"\ud800"`) included, which ruff's decoded value replaces.
pub fn string_literal_const(
    source: &str,
    value: &ruff_python_ast::StringLiteralValue,
) -> fp_bytecode::Const {
    fold::Folder {
        source,
        optimize: 0,
        consts: &[],
    }
    .string_const(value)
}

/// In eval and single modes CPython's tokenizer adds no NEWLINE at the end of the input, so a
/// generic syntax error found at the end is at the ENDMARKER, which it reports at column 0.
fn at_endmarker(
    mut err: CompileError,
    mode: Mode,
    tokens: &ruff_python_ast::token::Tokens,
    lt: &errors::LineTable,
) -> CompileError {
    use ruff_python_ast::token::TokenKind;
    let ends_line = lt
        .source()
        .trim_end_matches([' ', '\t', '\x0c'])
        .ends_with(['\n', '\r']);
    if mode == Mode::Exec || err.msg != "invalid syntax" || ends_line {
        return err;
    }
    let last = tokens
        .iter()
        .filter(|t| {
            !t.kind().is_trivia()
                && !matches!(
                    t.kind(),
                    TokenKind::EndOfFile | TokenKind::Newline | TokenKind::NonLogicalNewline
                )
        })
        .last()
        .map(|t| t.end())
        .unwrap_or_default();
    if (err.line, err.col) >= lt.line_char_col(last) {
        err.col = 0;
        err.end_line = err.line;
        err.end_col = 0;
    }
    err
}
