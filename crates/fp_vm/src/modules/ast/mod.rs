//! The native `_ast` module: CPython 3.11's AST node classes (what `Lib/ast.py` star-imports),
//! the conversion of a parsed source into a tree of them (`compile(..., PyCF_ONLY_AST)`), and
//! the compilation of such a tree (`compile(tree, ...)`).
//!
//! The node classes are plain Python classes built at import time from a table generated from
//! python3.11's own `_ast` (`nodes_table.py`, by `tools/gen_ast_nodes.py`) plus the `AST` base
//! class (`base.py`): they only hold attributes, so Python code is the simplest faithful
//! definition. `convert.rs` turns ruff's tree into instances of them; `to_ruff.rs` turns them
//! back into ruff's tree for the compiler, after which `validate.py` (CPython's validator
//! rules, in Python for the same reason) checks them.

use crate::types::module::{module_dict, new_module, set_attr};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The Python source that defines the node classes: the generated table, then the code that
/// turns it into classes, then the validator.
const SOURCE: &str = concat!(
    include_str!("nodes_table.py"),
    include_str!("base.py"),
    include_str!("validate.py")
);

pub fn init(vm: &mut Vm) -> PyResult {
    let m = new_module(vm, "_ast");
    let b = vm.builtins;
    set_attr(vm, m, "__builtins__", b);
    let d = module_dict(m);
    crate::modules::startup::exec_embedded(vm, "_ast", SOURCE, "<frozen _ast>", d)?;
    if let Some(ast_cls) = crate::types::dict::get_str(d, "AST") {
        crate::types::typeobj::add_methods(vm, ast_cls, node_init::AST_METHODS);
    }
    // A native module has no `__builtins__`; the class code falls back to the VM's builtins.
    let k = vm.intern("__builtins__");
    crate::types::dict::del_item_str(vm, d, k);
    // The validator is private: kept for compile(), not an attribute of the module.
    let k = vm.intern("_validate");
    if let Some(f) = crate::types::dict::get_str(d, "_validate") {
        vm.state_set("_ast.validate", f);
        crate::types::dict::del_item_str(vm, d, k);
    }
    vm.state_set("_ast.module", m);
    Ok(m)
}

pub mod convert;
mod node_init;
pub mod to_ruff;

/// `compile(source, filename, mode, PyCF_ONLY_AST)`: parses `source` and returns the tree as
/// `_ast` node objects (`Module`, `Expression` or `Interactive` by `mode`), raising the
/// parser's SyntaxError as `compile()` does.
/// `feature_version` is the minor version of `ast.parse(..., feature_version=(3, minor))`;
/// `type_comments` (PyCF_TYPE_COMMENTS) fills `Module.type_ignores`.
pub fn parse_to_ast(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    mode: fp_compiler::Mode,
    feature_version: Option<u8>,
    type_comments: bool,
) -> PyResult {
    let m = crate::modules::import_module(vm, "_ast")?;
    let classes = module_dict(m);
    let comments = if type_comments {
        fp_compiler::type_comments(source)
    } else {
        Vec::new()
    };
    let tree = parse_mode_to_ast(
        vm,
        source,
        filename,
        mode,
        feature_version,
        classes,
        &comments,
    )?;
    if type_comments && mode == fp_compiler::Mode::Exec {
        let conv = convert::Conv::new(source, classes);
        let mut ignores = Vec::new();
        for (line, tag) in fp_compiler::type_ignores(source) {
            let l = crate::types::int::from_i64(vm, line as i64);
            let t = vm.new_str(&tag);
            ignores.push(conv.node(vm, "TypeIgnore", &[("lineno", l), ("tag", t)], None)?);
        }
        let list = crate::types::list::new_list(vm, ignores);
        let k = vm.intern("type_ignores");
        crate::ops::attr::setattr(vm, tree, k, list)?;
    }
    Ok(tree)
}

/// `compile(source, filename, 'func_type', PyCF_ONLY_AST)`.
pub fn parse_func_type_to_ast(vm: &mut Vm, source: &str, filename: &str) -> PyResult {
    let m = crate::modules::import_module(vm, "_ast")?;
    let classes = module_dict(m);
    parse_func_type(vm, source, filename, classes)
}

fn parse_mode_to_ast(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    mode: fp_compiler::Mode,
    feature_version: Option<u8>,
    classes: Value,
    type_comments: &[fp_compiler::TypeComment],
) -> PyResult {
    let tree = match fp_compiler::parse_checked_version(source, mode, feature_version) {
        Ok(t) => t,
        Err(e) => {
            return Err(crate::interp::compile_error::to_exception(
                vm, &e, source, filename,
            ));
        }
    };
    let conv = convert::Conv::new(source, classes);
    *conv.type_comments.borrow_mut() = type_comments
        .iter()
        .filter(|c| !c.ignore)
        .map(|c| (c.clone(), false))
        .collect();
    let result = match (&tree, mode) {
        (fp_compiler::ruff_python_ast::Mod::Expression(e), _) => conv.expression(vm, e),
        (fp_compiler::ruff_python_ast::Mod::Module(m), fp_compiler::Mode::Single) => {
            conv.interactive(vm, m)
        }
        (fp_compiler::ruff_python_ast::Mod::Module(m), _) => conv.module(vm, m),
    };
    // Dropping a deeply nested tree recurses as deeply as parsing it did; the parser already
    // bounded that depth, and the interpreter thread's stack is large.
    drop(tree);
    let result = result?;
    // A type comment no node could take is a syntax error with type comments on.
    let misplaced = match conv.two_on_def.get() {
        Some((line, col)) => Some(("Cannot have two type comments on def", line, col)),
        None => conv
            .type_comments
            .borrow()
            .iter()
            .find(|(_, used)| !used)
            .map(|(c, _)| ("invalid syntax", c.line, c.col)),
    };
    if let Some((msg, line, col)) = misplaced {
        let e = fp_compiler::CompileError {
            kind: fp_compiler::CompileErrorKind::SyntaxError,
            msg: msg.into(),
            line,
            col,
            end_line: line,
            end_col: col,
        };
        return Err(crate::interp::compile_error::to_exception(
            vm, &e, source, filename,
        ));
    }
    Ok(result)
}

/// Whether `src` is an `_ast.AST` instance (False before `_ast` was ever imported: no AST
/// object can exist then).
pub fn is_ast_object(vm: &mut Vm, src: Value) -> PyResult<bool> {
    let Some(m) = vm.state_get("_ast.module") else {
        return Ok(false);
    };
    let Some(base) = crate::types::dict::get_str(module_dict(m), "AST") else {
        return Ok(false);
    };
    crate::modules::builtins::is_instance(vm, src, base)
}

/// `compile(tree, filename, mode)` for an AST object: converts the tree to the compiler's
/// input (`to_ruff`, raising what CPython's obj2ast raises), validates it (`validate.py`,
/// CPython's `PyAST_Validate` rules and messages), then compiles it with the tree's own
/// positions. Returns the code object.
pub fn compile_ast_object(
    vm: &mut Vm,
    src: Value,
    mode: fp_compiler::Mode,
    filename: &str,
    opts: &fp_compiler::CompileOptions,
) -> PyResult {
    let m = crate::modules::import_module(vm, "_ast")?;
    let classes = module_dict(m);
    let expected = match mode {
        fp_compiler::Mode::Eval => "Expression",
        fp_compiler::Mode::Single => "Interactive",
        fp_compiler::Mode::Exec => "Module",
    };
    if let Some(cls) = crate::types::dict::get_str(classes, expected)
        && !crate::modules::builtins::is_instance(vm, src, cls)?
    {
        let got = vm.type_name(src).to_string();
        return Err(vm.type_error(format!("expected {expected} node, got {got}")));
    }
    let mut conv = to_ruff::ToRuff::new(vm, classes, src)?;
    if opts.future_annotations || to_ruff::has_future_annotations(vm, src)? {
        let ast_mod = crate::modules::import_module(vm, "ast")?;
        conv.unparse = Some(crate::ops::attr::getattr_str(vm, ast_mod, "unparse")?);
    }
    let tree = conv.module(vm, src)?;
    if let Some(validate) = vm.state_get("_ast.validate") {
        if let Err(e) = crate::ops::call::call(vm, validate, &[src]) {
            // CPython's validator is C: its error carries no frames of the validator.
            let k = vm.intern("__traceback__");
            crate::ops::attr::setattr(vm, e.0, k, Value::NONE)?;
            return Err(e);
        }
    }
    if conv.lossy {
        // The validator rejects every tree the conversion could not represent.
        return Err(vm.value_error("invalid AST: the tree cannot be compiled"));
    }
    // Compile-time warnings are not issued for source compiles either (yet).
    let (result, _warnings) = fp_compiler::compile_ast(&tree, &conv.layout, filename, mode, opts);
    drop(tree);
    match result {
        Ok(code) => {
            // The code keeps the tree's own constant objects, as CPython's does.
            let objects = std::mem::take(&mut conv.objects);
            let mut existing = |_: &mut Vm, c: &fp_bytecode::Const| {
                objects
                    .iter()
                    .find(|(k, _)| to_ruff::same_const(k, c))
                    .map(|(_, v)| *v)
            };
            Ok(crate::types::code::load_code_with(vm, code, &mut existing))
        }
        Err(e) => Err(crate::interp::compile_error::to_exception(
            vm, &e, "", filename,
        )),
    }
}

/// Byte offset of the `->` of a function type (`(int, str) -> bool`) outside brackets and
/// string literals.
fn find_arrow(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let (mut depth, mut i) = (0i32, 0usize);
    while i < b.len() {
        match b[i] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            q @ (b'\'' | b'"') => {
                i += 1;
                while i < b.len() && b[i] != q {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'-' if depth == 0 && b.get(i + 1) == Some(&b'>') => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// `ast.parse(source, mode='func_type')`: `FunctionType(argtypes, returns)` from a signature
/// type comment `(T1, *T2, **T3) -> R`, parsed as its two expressions.
fn parse_func_type(vm: &mut Vm, source: &str, filename: &str, classes: Value) -> PyResult {
    use fp_compiler::ruff_python_ast::{Expr, Mod};
    let invalid = |vm: &mut Vm| {
        let e = fp_compiler::CompileError {
            kind: fp_compiler::CompileErrorKind::SyntaxError,
            msg: "invalid syntax".into(),
            line: 1,
            col: 1,
            end_line: 1,
            end_col: 1,
        };
        crate::interp::compile_error::to_exception(vm, &e, source, filename)
    };
    let parse = |vm: &mut Vm, text: &str| -> PyResult<Box<Expr>> {
        match fp_compiler::parse_checked(text, fp_compiler::Mode::Eval) {
            Ok(Mod::Expression(e)) => Ok(e.body),
            Ok(_) => Err(invalid(vm)),
            Err(e) => Err(crate::interp::compile_error::to_exception(
                vm, &e, text, filename,
            )),
        }
    };
    let Some(arrow) = find_arrow(source) else {
        return Err(invalid(vm));
    };
    let left = source[..arrow].trim_end();
    if !(left.starts_with('(') && left.ends_with(')')) {
        return Err(invalid(vm));
    }
    // `**T` is not an expression inside a tuple; blanking one star keeps every offset.
    let mut left_text = left.replace("**", " *");
    // A comma before the `)` makes even one item a tuple (`(*int)` alone is no expression);
    // offsets before it are kept.
    let inner = left[1..left.len() - 1].trim_end();
    if !inner.trim_start().is_empty() && !inner.ends_with(',') {
        left_text.insert(left_text.len() - 1, ',');
    }
    let args = parse(vm, &left_text)?;
    let conv = convert::Conv::new_part(source, &left_text, 0, classes);
    let items: Vec<&Expr> = match &*args {
        // No trailing comma in a signature: `(a,) -> r` is invalid.
        Expr::Tuple(t) if t.parenthesized && left[1..left.len() - 1].trim_end().ends_with(',') => {
            return Err(invalid(vm));
        }
        Expr::Tuple(t) if t.parenthesized => t.elts.iter().collect(),
        e => vec![e],
    };
    // Plain types, then at most one `*T`, then at most one `**T`, in that order.
    let mut last_kind = 0;
    for e in &items {
        let kind = match e {
            Expr::Starred(st) => {
                let at = usize::from(fp_compiler::ruff_text_size::Ranged::range(st).start());
                if at > 0 && left.as_bytes().get(at - 1) == Some(&b'*') {
                    2
                } else {
                    1
                }
            }
            _ => 0,
        };
        if kind < last_kind || (kind == last_kind && kind > 0) {
            return Err(invalid(vm));
        }
        last_kind = kind;
    }
    let mut argtypes = Vec::with_capacity(items.len());
    for e in items {
        let e = match e {
            Expr::Starred(s) => &*s.value,
            e => e,
        };
        argtypes.push(conv.expr(vm, e)?);
    }
    let argtypes = crate::types::list::new_list(vm, argtypes);
    let rest = &source[arrow + 2..];
    let right = rest.trim_start();
    if right.trim().is_empty() {
        return Err(invalid(vm));
    }
    let shift = source.len() - right.len();
    let returns = parse(vm, right)?;
    let conv = convert::Conv::new_part(source, right, shift, classes);
    let returns = conv.expr(vm, &returns)?;
    conv.node(
        vm,
        "FunctionType",
        &[("argtypes", argtypes), ("returns", returns)],
        None,
    )
}
