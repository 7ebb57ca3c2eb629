//! `code` objects: a compiled [`fp_bytecode::CodeObject`] with its constants and names turned
//! into heap values once, when the code is loaded.

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::value::Value;
use crate::vm::Vm;
use fp_bytecode::{CodeObject, Const};

pub struct CodeObj {
    pub code: CodeObject,
    pub consts: Box<[Value]>,
    pub names: Box<[Value]>,
    pub varnames: Box<[Value]>,
    /// `cellvars ++ freevars` names, as the cell index space.
    pub cellnames: Box<[Value]>,
    /// A Cell: `_imp._fix_co_filename` retargets code loaded from a moved cache file.
    pub filename: std::cell::Cell<Value>,
    pub name: Value,
    pub qualname: Value,
    pub nlocals: usize,
    pub ncells: usize,
    pub nfree: usize,
    /// The parameter signature for binding calls with keywords, defaults or `*args`, built on
    /// the first such call (`interp::frame`), not on every one.
    pub call_sig: std::cell::OnceCell<std::rc::Rc<crate::native::Signature>>,
    /// Calls bind arguments by copying them into the first locals (no `*args`/`**kwargs`,
    /// keyword-only parameters, cells or free variables, not a generator): the call fast path.
    pub simple_args: bool,
    /// The code has try/except/finally or with blocks (a generator running it needs closing
    /// when collected).
    pub has_handlers: bool,
    /// Inline caches, one per name (`interp/inline_cache.rs`); not traced (epoch-checked).
    pub caches: Box<[crate::interp::inline_cache::NameCache]>,
}

impl Trace for CodeObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for v in self
            .consts
            .iter()
            .chain(self.names.iter())
            .chain(self.varnames.iter())
            .chain(self.cellnames.iter())
        {
            v.trace(visit);
        }
        for v in [self.filename.get(), self.name, self.qualname] {
            v.trace(visit);
        }
    }
}

impl Payload for CodeObj {
    const KIND: ObjKind = ObjKind::Code;
}

impl CodeObj {
    pub fn flags(&self) -> u32 {
        self.code.flags
    }
    pub fn has_flag(&self, f: u32) -> bool {
        self.code.flags & f != 0
    }
    /// The source line of instruction `ip` (0 when unknown).
    pub fn line_of(&self, ip: usize) -> u32 {
        self.code
            .locations
            .get(ip)
            .map(|l| l.line)
            .unwrap_or(self.code.firstlineno)
    }
}

/// Turns a compiled code object into a heap `code` value (recursively for nested code).
///
/// Nested code objects are moved into their own code values rather than cloned (a clone per
/// nesting level made loading quadratic in the depth); the parent's `code.consts` keeps
/// `Const::None` in their place, and [`full_code`] puts them back when the whole tree is needed.
pub fn load_code(vm: &mut Vm, code: CodeObject) -> Value {
    load_code_in(vm, code, Value::NULL, &mut |_, _| None)
}

/// `load_code` where `existing` may supply the object for a constant (compile() of an AST
/// object keeps the tree's own constant objects, as CPython does).
pub fn load_code_with(
    vm: &mut Vm,
    code: CodeObject,
    existing: &mut dyn FnMut(&mut Vm, &Const) -> Option<Value>,
) -> Value {
    load_code_in(vm, code, Value::NULL, existing)
}

/// `load_code` for code nested in a parent whose interned `co_filename` is `parent_file`
/// (NULL at the top): nested code nearly always shares it, which saves hashing the path again.
fn load_code_in(
    vm: &mut Vm,
    mut code: CodeObject,
    parent_file: Value,
    existing: &mut dyn FnMut(&mut Vm, &Const) -> Option<Value>,
) -> Value {
    let filename = if crate::types::str::as_str(parent_file) == Some(code.filename.as_str()) {
        parent_file
    } else {
        vm.intern(&code.filename)
    };
    let mut consts: Vec<Value> = Vec::with_capacity(code.consts.len());
    for c in code.consts.iter_mut() {
        let v = match std::mem::replace(c, Const::None) {
            Const::Code(inner) => load_code_in(vm, *inner, filename, existing),
            other => {
                *c = other;
                match existing(vm, c) {
                    Some(v) => v,
                    None => load_const(vm, c),
                }
            }
        };
        consts.push(v);
    }
    let names: Vec<Value> = code.names.iter().map(|n| vm.intern(n)).collect();
    let varnames: Vec<Value> = code.varnames.iter().map(|n| vm.intern(n)).collect();
    let cellnames: Vec<Value> = code
        .cellvars
        .iter()
        .chain(code.freevars.iter())
        .map(|n| vm.intern(n))
        .collect();
    let name = vm.intern(&code.name);
    let qualname = vm.new_str(&code.qualname);
    let nlocals = code.varnames.len();
    let ncells = code.cellvars.len();
    let nfree = code.freevars.len();
    use fp_bytecode::CodeFlags;
    let simple_args = code.flags
        & (CodeFlags::VARARGS
            | CodeFlags::VARKEYWORDS
            | CodeFlags::GENERATOR
            | CodeFlags::COROUTINE
            | CodeFlags::ASYNC_GENERATOR)
        == 0
        && code.kwonlyargcount == 0
        && ncells == 0
        && nfree == 0;
    let has_handlers = code
        .instrs
        .iter()
        .any(|i| i.op == fp_bytecode::Op::SETUP_FINALLY);
    let caches = crate::interp::inline_cache::new_caches(names.len());
    alloc(
        vm.types.code,
        CodeObj {
            code,
            consts: consts.into_boxed_slice(),
            names: names.into_boxed_slice(),
            varnames: varnames.into_boxed_slice(),
            cellnames: cellnames.into_boxed_slice(),
            filename: std::cell::Cell::new(filename),
            name,
            qualname,
            nlocals,
            ncells,
            nfree,
            call_sig: std::cell::OnceCell::new(),
            simple_args,
            has_handlers,
            caches,
        },
    )
}

/// The compiled code of `c` with its nested code objects (see [`load_code`]) and each level's
/// current `co_filename`: what `marshal` writes and `code.replace` starts from.
pub fn full_code(c: &CodeObj) -> CodeObject {
    let mut code = c.code.clone();
    if let Some(f) = crate::types::str::as_str(c.filename.get()) {
        code.filename = f.to_string();
    }
    for (slot, v) in code.consts.iter_mut().zip(c.consts.iter()) {
        if let Some(inner) = v.downcast::<CodeObj>() {
            *slot = Const::Code(Box::new(full_code(inner)));
        }
    }
    code
}

pub fn load_const(vm: &mut Vm, c: &Const) -> Value {
    match c {
        Const::None => Value::NONE,
        Const::True => Value::TRUE,
        Const::False => Value::FALSE,
        Const::Ellipsis => Value::ELLIPSIS,
        Const::Int(i) => crate::types::int::from_bigint(vm, i.clone()),
        Const::Float(f) => crate::types::float::new_float(vm, *f),
        Const::Complex { real, imag } => crate::types::complex::new_complex(vm, *real, *imag),
        Const::Str(s) => {
            // Identifier-like constants are interned, as CPython does, so `is` on them and
            // attribute lookups with them are pointer compares.
            if s.len() < 40 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                vm.intern(s)
            } else {
                vm.new_str(s)
            }
        }
        Const::Wtf8Str(b) => {
            // The compiler only makes these from escapes, so they always decode.
            let s = crate::types::str::from_wtf8(b)
                .unwrap_or_else(|| String::from_utf8_lossy(b).into_owned());
            vm.new_string(s)
        }
        Const::Bytes(b) => crate::types::bytes::new_bytes(vm, b.clone()),
        Const::Tuple(items) => {
            let v: Vec<Value> = items.iter().map(|c| load_const(vm, c)).collect();
            crate::types::tuple::new_tuple(vm, v)
        }
        Const::FrozenSet(items) => {
            let v: Vec<Value> = items.iter().map(|c| load_const(vm, c)).collect();
            crate::types::set::new_frozenset_const(vm, v).unwrap_or(Value::NONE)
        }
        Const::Code(code) => load_code(vm, (**code).clone()),
    }
}
