//! The native `_ast` module: CPython 3.11's AST node classes (what `Lib/ast.py` star-imports)
//! and the conversion of a parsed source into a tree of them (`compile(..., PyCF_ONLY_AST)`).
//!
//! The node classes are plain Python classes built at import time from a table generated from
//! python3.11's own `_ast` (`nodes_table.py`, by `tools/gen_ast_nodes.py`) plus the `AST` base
//! class (`base.py`): they only hold attributes, so Python code is the simplest faithful
//! definition. `convert.rs` turns ruff's tree into instances of them.

use crate::types::module::{module_dict, new_module, set_attr};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The Python source that defines the node classes: the generated table, then the code that
/// turns it into classes.
const SOURCE: &str = concat!(include_str!("nodes_table.py"), include_str!("base.py"));

pub fn init(vm: &mut Vm) -> PyResult {
    let m = new_module(vm, "_ast");
    let b = vm.builtins;
    set_attr(vm, m, "__builtins__", b);
    let d = module_dict(m);
    crate::interp::exec_source(vm, SOURCE, "<frozen _ast>", d)?;
    // A native module has no `__builtins__`; the class code falls back to the VM's builtins.
    let k = vm.intern("__builtins__");
    crate::types::dict::del_item_str(vm, d, k);
    vm.state_set("_ast.module", m);
    Ok(m)
}

pub mod convert;

/// `compile(source, filename, mode, PyCF_ONLY_AST)`: parses `source` and returns the tree as
/// `_ast` node objects (`Module`, `Expression` or `Interactive` by `mode`), raising the
/// parser's SyntaxError as `compile()` does.
pub fn parse_to_ast(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    mode: fp_compiler::Mode,
) -> PyResult {
    let m = crate::modules::import_module(vm, "_ast")?;
    let classes = module_dict(m);
    parse_mode_to_ast(vm, source, filename, mode, classes)
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
    classes: Value,
) -> PyResult {
    let tree = match fp_compiler::parse_checked(source, mode) {
        Ok(t) => t,
        Err(e) => {
            return Err(crate::interp::compile_error::to_exception(
                vm, &e, source, filename,
            ));
        }
    };
    let conv = convert::Conv::new(source, classes);
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
    result
}

/// When `src` is an `_ast.AST` instance: for AST output (`only_ast`) an empty marker, else
/// the source text to compile it from — `ast.unparse(src)`, which keeps the tree's semantics
/// but not its line numbers (tracebacks point at lines of the unparsed text). None when `src`
/// is not an AST object.
pub fn ast_object_source(
    vm: &mut Vm,
    src: Value,
    mode: Option<&str>,
    only_ast: bool,
) -> PyResult<Option<String>> {
    let Some(m) = vm.state_get("_ast.module") else {
        return Ok(None);
    };
    let Some(base) = crate::types::dict::get_str(module_dict(m), "AST") else {
        return Ok(None);
    };
    if !crate::modules::builtins::is_instance(vm, src, base)? {
        return Ok(None);
    }
    if only_ast {
        return Ok(Some(String::new()));
    }
    let expected = match mode {
        Some("eval") => "Expression",
        Some("single") => "Interactive",
        _ => "Module",
    };
    if let Some(cls) = crate::types::dict::get_str(module_dict(m), expected)
        && !crate::modules::builtins::is_instance(vm, src, cls)?
    {
        let got = vm.type_name(src).to_string();
        return Err(vm.type_error(format!("expected {expected} node, got {got}")));
    }
    check_required(vm, src, base)?;
    let ast_mod = crate::modules::import_module(vm, "ast")?;
    let unparse = crate::ops::attr::getattr_str(vm, ast_mod, "unparse")?;
    let text = crate::ops::call::call(vm, unparse, &[src])?;
    match crate::types::str::as_str(text) {
        Some(s) => Ok(Some(s.to_string())),
        None => Err(vm.type_error("ast.unparse() did not return a str")),
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
    let left_text = left.replace("**", " *");
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

/// The checks CPython's AST-to-compiler conversion makes before compiling a tree: every node
/// has its `lineno` and `col_offset` (named after the class declaring them, `stmt`, `expr`...),
/// then every required field (the optional ones have a class-level None), depth first.
fn check_required(vm: &mut Vm, node: Value, base: Value) -> PyResult<()> {
    // A tree can contain itself: bound the depth as CPython's validator does.
    vm.enter_recursive(" during compilation")?;
    let r = check_required_inner(vm, node, base);
    vm.leave_native();
    r
}

fn check_required_inner(vm: &mut Vm, node: Value, base: Value) -> PyResult<()> {
    if let Some(l) = node.downcast::<crate::types::list::ListObj>() {
        for item in l.snapshot() {
            check_required(vm, item, base)?;
        }
        return Ok(());
    }
    if !crate::modules::builtins::is_instance(vm, node, base)? {
        return Ok(());
    }
    let ty = vm.type_of(node);
    // A tree may be cyclic (`e.operand = e`): bound the walk as CPython's validator does,
    // naming the node's abstract class ('expr', 'stmt'...), the one just below AST.
    let mro: Vec<Value> = crate::types::typeobj::tobj(ty).mro.borrow().clone();
    let kind = match mro.iter().position(|&t| t == base) {
        Some(i) if i > 0 => crate::types::typeobj::type_name(mro[i - 1]).to_string(),
        _ => crate::types::typeobj::type_name(ty).to_string(),
    };
    // Leaves (operators, contexts) cannot recurse and are not counted, as in CPython.
    let fields = crate::ops::attr::getattr_str(vm, ty, "_fields")?;
    if crate::ops::item::len(vm, fields)? == 0 {
        return check_node(vm, node, ty, mro, base);
    }
    vm.enter_recursive(&format!(" while traversing '{kind}' node"))?;
    let r = check_node(vm, node, ty, mro, base);
    vm.leave_native();
    r
}

fn check_node(vm: &mut Vm, node: Value, ty: Value, mro: Vec<Value>, base: Value) -> PyResult<()> {
    let attrs_key = vm.intern("_attributes");
    let owner = mro.into_iter().find(|t| {
        crate::types::dict::get_str_value(crate::types::typeobj::tobj(*t).dict.get(), attrs_key)
            .is_some()
    });
    for name in ["lineno", "col_offset"] {
        let has_attr = match owner {
            Some(o) => {
                let attrs = crate::ops::attr::getattr_str(vm, o, "_attributes")?;
                let n = vm.new_str(name);
                crate::ops::item::contains(vm, attrs, n)?
            }
            None => false,
        };
        if !has_attr {
            continue;
        }
        let key = vm.intern(name);
        if crate::ops::attr::getattr_opt(vm, node, key)?.is_none() {
            let owner_name = owner
                .map(crate::types::typeobj::type_name)
                .unwrap_or_default();
            return Err(vm.type_error(format!(
                "required field \"{name}\" missing from {owner_name}"
            )));
        }
    }
    let fields = crate::ops::attr::getattr_str(vm, ty, "_fields")?;
    for f in crate::ops::iter::collect(vm, fields)? {
        let Some(fname) = crate::types::str::as_str(f).map(str::to_string) else {
            continue;
        };
        let key = vm.intern(&fname);
        match crate::ops::attr::getattr_opt(vm, node, key)? {
            Some(v) => check_required(vm, v, base)?,
            None => {
                let class_default = crate::types::typeobj::lookup(vm, ty, key);
                if !class_default.is_none() {
                    let cname = crate::types::typeobj::type_name(ty);
                    return Err(
                        vm.type_error(format!("required field \"{fname}\" missing from {cname}"))
                    );
                }
            }
        }
    }
    Ok(())
}
