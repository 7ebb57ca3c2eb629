//! Builtins that deal with code and namespaces: `exec eval compile globals locals vars dir
//! __import__`. They read the calling frame (`vm.frames`' innermost: natives push no frame).

use super::more::{kw_args, pos_args, unpack};
use crate::interp::frame::{code_of, fobj};
use crate::ops;
use crate::types::dict::{self, DictObj};
use crate::types::function::CellObj;
use crate::types::str::{StrObj, as_str};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// `CO_FUTURE_ANNOTATIONS`: the only future flag that changes 3.11 compilation.
const CO_FUTURE_ANNOTATIONS: i64 = 0x100_0000;
const PYCF_ONLY_AST: i64 = 0x400;
/// Every flag `compile()` accepts: the `CO_FUTURE_*` flags, `CO_NESTED` (obsolete), and the
/// `PyCF_*` compile flags.
const PYCF_ACCEPTED: i64 = 0x1FE_0000 | 0x10 | 0x400 | 0x2000 | 0x1000 | 0x200 | 0x4000;

/// The innermost running Python frame, if any.
fn current_frame(vm: &Vm) -> Option<Value> {
    vm.frames.last().copied()
}

/// `locals()` of a frame: the locals mapping of module/class/exec code, or a new dict snapshot
/// of a function's fast locals, cells and free variables (unbound names left out).
pub fn frame_locals(vm: &mut Vm, frame: Value) -> PyResult {
    let f = fobj(frame).get();
    if !f.locals.is_null() {
        return Ok(f.locals);
    }
    let code = code_of(f);
    let fast = f.fast.clone();
    let cell_value = |i: usize| -> Value {
        fast.get(code.nlocals + i)
            .and_then(|c| c.downcast::<CellObj>())
            .map_or(Value::NULL, |c| c.get())
    };
    let mut pairs: Vec<(Value, Value)> = Vec::new();
    for (i, name) in code.varnames.iter().enumerate() {
        // An argument the compiler moved into a cell lives in the cell from then on.
        let v = match code
            .code
            .cell2arg
            .iter()
            .find(|(_, arg)| *arg as usize == i)
        {
            Some(&(cell, _)) => cell_value(cell as usize),
            None => fast.get(i).copied().unwrap_or(Value::NULL),
        };
        pairs.push((*name, v));
    }
    for i in 0..code.ncells + code.nfree {
        if i < code.ncells && code.code.cell2arg.iter().any(|(c, _)| *c as usize == i) {
            continue;
        }
        if let Some(name) = code.cellnames.get(i) {
            pairs.push((*name, cell_value(i)));
        }
    }
    let d = dict::new_dict(vm);
    for (k, v) in pairs {
        if !v.is_null() {
            dict::set_item_str(vm, d, k, v);
        }
    }
    Ok(d)
}

/// The caller's globals (a new empty dict when called with no Python frame running).
fn caller_globals(vm: &mut Vm) -> Value {
    match current_frame(vm) {
        Some(f) => fobj(f).get().globals,
        None => dict::new_dict(vm),
    }
}

fn caller_locals(vm: &mut Vm) -> PyResult {
    match current_frame(vm) {
        Some(f) => frame_locals(vm, f),
        None => Ok(dict::new_dict(vm)),
    }
}

pub(super) fn globals(vm: &mut Vm, a: &[Value]) -> PyResult {
    no_args(vm, a, "globals")?;
    Ok(caller_globals(vm))
}

pub(super) fn locals(vm: &mut Vm, a: &[Value]) -> PyResult {
    no_args(vm, a, "locals")?;
    caller_locals(vm)
}

fn no_args(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<()> {
    if !kw_args(a).is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let n = pos_args(a).len();
    if n > 0 {
        return Err(vm.type_error(format!("{name}() takes no arguments ({n} given)")));
    }
    Ok(())
}

pub(super) fn vars(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = unpack(vm, a, "vars", 0, 1)?;
    let Some(&obj) = args.first() else {
        return caller_locals(vm);
    };
    match ops::attr::getattr_opt(vm, obj, vm.names.dict)? {
        Some(d) => Ok(d),
        None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
    }
}

/// Sorts a list of names in place: str order directly when all are str, else `list.sort`.
fn sort_names(vm: &mut Vm, list: Value) -> PyResult<()> {
    if let Some(l) = list.downcast::<crate::types::list::ListObj>() {
        let items = l.snapshot();
        if items.iter().all(|v| v.is::<StrObj>()) {
            let mut items = items;
            items.sort_by(|x, y| as_str(*x).unwrap_or("").cmp(as_str(*y).unwrap_or("")));
            *l.items.borrow_mut() = items;
            return Ok(());
        }
    }
    let sort = ops::attr::getattr_str(vm, list, "sort")?;
    ops::call::call(vm, sort, &[])?;
    Ok(())
}

pub(super) fn dir(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = unpack(vm, a, "dir", 0, 1)?;
    let names = match args.first() {
        None => {
            let l = caller_locals(vm)?;
            if l.is::<DictObj>() {
                dict::keys(l)
            } else {
                let keys = ops::attr::getattr_str(vm, l, "keys")?;
                let ks = ops::call::call(vm, keys, &[])?;
                ops::iter::collect(vm, ks)?
            }
        }
        Some(&obj) => {
            let dunder = vm.intern("__dir__");
            let Some(r) = ops::call_special(vm, obj, dunder, &[])? else {
                return Err(vm.type_error("object does not provide __dir__"));
            };
            ops::iter::collect(vm, r)?
        }
    };
    let list = crate::types::list::new_list(vm, names);
    sort_names(vm, list)?;
    Ok(list)
}

/// The text of a `str`/`bytes`/`bytearray` source, or None for other types.
fn source_text(vm: &mut Vm, v: Value, filename: &str) -> PyResult<Option<String>> {
    let s = if let Some(s) = v.downcast::<StrObj>() {
        s.as_str().to_string()
    } else if let Some(b) = crate::types::bytes::bytes_data(v) {
        // Bytes are decoded by their BOM or coding cookie (PEP 263), else as UTF-8.
        crate::interp::source::decode_source(vm, &b, filename, false)?
    } else {
        return Ok(None);
    };
    if s.contains('\0') {
        return Err(vm.new_exc(
            vm.exc.syntax_error,
            "source code string cannot contain null bytes",
        ));
    }
    Ok(Some(s))
}

/// Compiles `source` into a heap code object, raising SyntaxError as CPython would.
fn compile_source(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    mode: fp_compiler::Mode,
    optimize: u32,
    future_annotations: bool,
) -> PyResult {
    let opts = fp_compiler::CompileOptions {
        optimize,
        future_annotations,
    };
    let code = crate::interp::compile_checked(vm, source, filename, mode, &opts)?;
    Ok(crate::types::code::load_code(vm, code))
}

/// Whether the calling code was compiled with `from __future__ import annotations`.
fn caller_future_annotations(vm: &Vm) -> bool {
    current_frame(vm)
        .is_some_and(|f| code_of(fobj(f).get()).code.flags as i64 & CO_FUTURE_ANNOTATIONS != 0)
}

fn is_mapping(vm: &mut Vm, v: Value) -> bool {
    v.is::<DictObj>() || ops::has_special(vm, v, vm.names.getitem)
}

/// Shared by `exec` and `eval`: resolves the namespaces, compiles a source if needed, and runs
/// the code in a new frame.
fn run_code(
    vm: &mut Vm,
    is_eval: bool,
    src: Value,
    globals: Value,
    locals: Value,
    closure: Value,
) -> PyResult {
    let frame = code_frame(vm, is_eval, src, globals, locals, closure)?;
    crate::interp::eval::run_frame(vm, frame)
}

/// For the eval loop, which runs `exec(...)` called from Python code as an inline frame
/// (keeping it off the Rust stack, so the collector can run inside it): the frame of
/// `exec(*args)` with positional arguments only, or None when `f` is not the builtin `exec`.
pub fn exec_inline_frame(vm: &mut Vm, f: Value, args: &[Value]) -> PyResult<Option<Value>> {
    let exec_fn: crate::native::NativeFn = exec;
    let is_exec = f
        .downcast::<crate::types::function::NativeFunction>()
        .is_some_and(|n| n.def.func as usize == exec_fn as usize);
    if !is_exec || args.is_empty() || args.len() > 3 {
        return Ok(None);
    }
    let get = |i: usize| args.get(i).copied().unwrap_or(Value::NULL);
    code_frame(vm, false, get(0), get(1), get(2), Value::NULL).map(Some)
}

/// The frame that runs `src` for `exec`/`eval`, after CPython's argument checks.
fn code_frame(
    vm: &mut Vm,
    is_eval: bool,
    src: Value,
    globals: Value,
    locals: Value,
    closure: Value,
) -> PyResult {
    let fname = if is_eval { "eval" } else { "exec" };
    let absent = |v: Value| v.is_null() || v.is_none();
    let (mut g, mut l) = (globals, locals);
    if !absent(g) && !g.is::<DictObj>() {
        let msg = if is_eval {
            if is_mapping(vm, g) {
                "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
            } else {
                "globals must be a dict".to_string()
            }
        } else {
            format!("exec() globals must be a dict, not {}", vm.type_name(g))
        };
        return Err(vm.type_error(msg));
    }
    if !absent(l) && !is_mapping(vm, l) {
        let msg = if is_eval {
            "locals must be a mapping".to_string()
        } else {
            format!("locals must be a mapping or None, not {}", vm.type_name(l))
        };
        return Err(vm.type_error(msg));
    }
    if absent(g) {
        g = caller_globals(vm);
        if absent(l) {
            l = caller_locals(vm)?;
        }
    } else if absent(l) {
        l = g;
    }
    if dict::get_str(g, "__builtins__").is_none() {
        let b = match current_frame(vm) {
            Some(f) => fobj(f).get().builtins,
            None => vm.builtins_dict,
        };
        dict::set_item_str(vm, g, vm.names.builtins, b);
    }
    let code = if let Some(c) = src.downcast::<crate::types::code::CodeObj>() {
        if is_eval && c.nfree > 0 {
            return Err(
                vm.type_error("code object passed to eval() may not contain free variables")
            );
        }
        if !is_eval {
            let cells = if absent(closure) {
                None
            } else {
                crate::types::tuple::items(closure)
            };
            let ok = match cells {
                None => c.nfree == 0 && absent(closure),
                Some(cs) => cs.len() == c.nfree && cs.iter().all(|x| x.is::<CellObj>()),
            };
            if !ok {
                if c.nfree == 0 {
                    return Err(vm.type_error("cannot use a closure with this code object"));
                }
                return Err(vm.type_error(format!(
                    "code object requires a closure of exactly length {}",
                    c.nfree
                )));
            }
        }
        src
    } else {
        let Some(text) = source_text(vm, src, "<string>")? else {
            return Err(vm.type_error(format!(
                "{fname}() arg 1 must be a string, bytes or code object"
            )));
        };
        if !absent(closure) {
            return Err(vm.type_error("closure can only be used when source is a code object"));
        }
        let (text, mode) = if is_eval {
            (
                text.trim_start_matches([' ', '\t']).to_string(),
                fp_compiler::Mode::Eval,
            )
        } else {
            (text, fp_compiler::Mode::Exec)
        };
        let opt = vm.config.optimize;
        let fa = caller_future_annotations(vm);
        compile_source(vm, &text, "<string>", mode, opt, fa)?
    };
    let frame = crate::interp::frame::new_frame(vm, code, g, l);
    if let Some(cells) = crate::types::tuple::items(closure)
        && let Some(c) = code.downcast::<crate::types::code::CodeObj>()
    {
        let fr = fobj(frame).get_mut();
        for (i, cell) in cells.iter().enumerate() {
            if let Some(slot) = fr.fast.get_mut(c.nlocals + c.ncells + i) {
                *slot = *cell;
            }
        }
    }
    Ok(frame)
}

/// `eval(source, globals=None, locals=None, /)`.
pub(super) fn eval(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = unpack(vm, a, "eval", 1, 3)?;
    let get = |i: usize| args.get(i).copied().unwrap_or(Value::NULL);
    run_code(vm, true, get(0), get(1), get(2), Value::NULL)
}

/// `exec(source, globals=None, locals=None, /, *, closure=None)`.
pub(super) fn exec(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = pos_args(a);
    let mut closure = Value::NULL;
    for (k, v) in kw_args(a) {
        match as_str(k) {
            Some("closure") => closure = v,
            other => {
                let ks = other.unwrap_or("?").to_string();
                return Err(
                    vm.type_error(format!("exec() got an unexpected keyword argument '{ks}'"))
                );
            }
        }
    }
    if args.is_empty() {
        return Err(vm.type_error("exec() takes at least 1 positional argument (0 given)"));
    }
    if args.len() > 3 {
        return Err(vm.type_error(format!(
            "exec() takes at most 3 positional arguments ({} given)",
            args.len()
        )));
    }
    let get = |i: usize| args.get(i).copied().unwrap_or(Value::NULL);
    run_code(vm, false, get(0), get(1), get(2), closure)?;
    Ok(Value::NONE)
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, *,
/// _feature_version=-1)`: a code object, or with `PyCF_ONLY_AST` the tree as `_ast` nodes.
pub(super) fn compile(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (src, filename, mode) = (a[0], a[1], a[2]);
    let flags = if a[3].is_null() {
        0
    } else {
        ops::number::index_i64(vm, a[3])?
    };
    let dont_inherit = !a[4].is_null() && ops::truth::is_true(vm, a[4])?;
    let optimize = if a[5].is_null() {
        -1
    } else {
        ops::number::index_i64(vm, a[5])?
    };
    let filename = if let Some(s) = as_str(filename) {
        s.to_string()
    } else if let Some(b) = crate::types::bytes::bytes_data(filename)
        && filename.is::<crate::types::bytes::BytesObj>()
    {
        String::from_utf8_lossy(&b).into_owned()
    } else {
        return Err(vm.type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            vm.type_name(filename)
        )));
    };
    if flags & !PYCF_ACCEPTED != 0 {
        return Err(vm.value_error("compile(): unrecognised flags"));
    }
    if !(-1..=2).contains(&optimize) {
        return Err(vm.value_error("compile(): invalid optimize value"));
    }
    let mode = match as_str(mode) {
        Some("exec") => fp_compiler::Mode::Exec,
        Some("eval") => fp_compiler::Mode::Eval,
        Some("single") => fp_compiler::Mode::Single,
        // Only AST output knows this mode (handled below, where the source is read).
        Some("func_type") if flags & PYCF_ONLY_AST != 0 => fp_compiler::Mode::Exec,
        Some("func_type") => {
            return Err(vm.value_error("compile() mode 'func_type' requires flag PyCF_ONLY_AST"));
        }
        Some(_) => {
            let msg = if flags & PYCF_ONLY_AST != 0 {
                "compile() mode must be 'exec', 'eval', 'single' or 'func_type'"
            } else {
                "compile() mode must be 'exec', 'eval' or 'single'"
            };
            return Err(vm.value_error(msg));
        }
        None => {
            return Err(vm.type_error(format!(
                "compile() argument 'mode' must be str, not {}",
                vm.type_name(mode)
            )));
        }
    };
    // An AST object: returned as is for AST output, else converted and compiled.
    let is_ast = crate::modules::ast::is_ast_object(vm, src)?;
    if is_ast && flags & PYCF_ONLY_AST != 0 {
        return Ok(src);
    }
    if is_ast {
        let optimize = if optimize < 0 {
            vm.config.optimize
        } else {
            optimize as u32
        };
        let future_annotations =
            flags & CO_FUTURE_ANNOTATIONS != 0 || !dont_inherit && caller_future_annotations(vm);
        let opts = fp_compiler::CompileOptions {
            optimize,
            future_annotations,
        };
        return crate::modules::ast::compile_ast_object(vm, src, mode, &filename, &opts);
    }
    let text = source_text(vm, src, &filename)?;
    if flags & PYCF_ONLY_AST != 0 {
        let Some(text) = text else {
            return Err(vm.type_error("compile() arg 1 must be a string, bytes or AST object"));
        };
        if as_str(a[2]) == Some("func_type") {
            return crate::modules::ast::parse_func_type_to_ast(vm, &text, &filename);
        }
        let feature_version = if a[6].is_null() {
            None
        } else {
            u8::try_from(ops::number::index_i64(vm, a[6])?).ok()
        };
        let type_comments = flags & PYCF_TYPE_COMMENTS != 0;
        return crate::modules::ast::parse_to_ast(
            vm,
            &text,
            &filename,
            mode,
            feature_version,
            type_comments,
        );
    }
    let Some(text) = text else {
        return Err(vm.type_error("compile() arg 1 must be a string, bytes or AST object"));
    };
    let optimize = if optimize < 0 {
        vm.config.optimize
    } else {
        optimize as u32
    };
    let future_annotations =
        flags & CO_FUTURE_ANNOTATIONS != 0 || !dont_inherit && caller_future_annotations(vm);
    let interactive = matches!(mode, fp_compiler::Mode::Single);
    // PyCF_DONT_IMPLY_DEDENT: an interactive compound statement ends only at a blank line.
    if interactive
        && flags & PYCF_DONT_IMPLY_DEDENT != 0
        && opens_block(&text)
        && !text.ends_with('\n')
    {
        return Err(incomplete_input(vm, &filename));
    }
    let r = compile_source(vm, &text, &filename, mode, optimize, future_annotations);
    match r {
        // PyCF_ALLOW_INCOMPLETE_INPUT (codeop, the REPL): input that ends inside a bracket, a
        // string or before a block's body is "incomplete input", not an error.
        Err(e)
            if flags & PYCF_ALLOW_INCOMPLETE_INPUT != 0
                && (ends_early(vm, e) || ends_with_decorator(&text)) =>
        {
            Err(incomplete_input(vm, &filename))
        }
        r => r,
    }
}

const PYCF_DONT_IMPLY_DEDENT: i64 = 0x200;
const PYCF_TYPE_COMMENTS: i64 = 0x1000;
const PYCF_ALLOW_INCOMPLETE_INPUT: i64 = 0x4000;

fn incomplete_input(vm: &mut Vm, filename: &str) -> crate::vm::Exc {
    let e = vm.new_exc(vm.exc.syntax_error, "incomplete input");
    let f = vm.new_str(filename);
    let k = vm.intern("filename");
    crate::types::instance::set(vm, e.0, k, f);
    e
}

/// Whether the first statement line opens a block (`...:` or a decorator).
fn opens_block(text: &str) -> bool {
    let Some(first) = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim_end())
        .find(|l| !l.trim().is_empty())
    else {
        return false;
    };
    first.ends_with(':') || first.trim_start().starts_with('@')
}

/// Whether the last statement line is a decorator still waiting for its `def` or `class`.
fn ends_with_decorator(text: &str) -> bool {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.trim_start().starts_with('@'))
}

/// Whether a compile error means the source stopped too early (CPython's tokenizer reports
/// those as E_EOF): an unclosed bracket or string, or a block header with no body yet.
fn ends_early(vm: &mut Vm, e: crate::vm::Exc) -> bool {
    if !vm.exc_matches(e, vm.exc.syntax_error) {
        return false;
    }
    let msg = crate::ops::repr::str_string(vm, e.0).unwrap_or_default();
    [
        "was never closed",
        "unterminated triple-quoted string",
        "expected an indented block",
        "unexpected EOF",
        "unexpected end of",
    ]
    .iter()
    .any(|m| msg.contains(m))
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
pub(super) fn import(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = a[0];
    if !name.is::<StrObj>() {
        return Err(vm.type_error("module name must be a string"));
    }
    let level = if a[4].is_null() {
        0
    } else {
        ops::number::index_i64(vm, a[4])?
    };
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    if level == 0 && as_str(name) == Some("") {
        return Err(vm.value_error("Empty module name"));
    }
    let globals = if a[1].is::<DictObj>() {
        a[1]
    } else {
        dict::new_dict(vm)
    };
    let locals = if a[2].is_null() { Value::NONE } else { a[2] };
    let fromlist = if a[3].is_null() { Value::NONE } else { a[3] };
    let level = Value::try_small_int(level).unwrap_or(Value::NONE);
    crate::modules::import_name_builtin(vm, name, globals, locals, fromlist, level)
}
