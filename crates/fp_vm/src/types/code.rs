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
    /// Calls bind arguments by copying them into the first locals (no `*args`/`**kwargs`,
    /// keyword-only parameters, cells or free variables, not a generator): the call fast path.
    pub simple_args: bool,
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
pub fn load_code(vm: &mut Vm, code: CodeObject) -> Value {
    let consts: Vec<Value> = code.consts.iter().map(|c| load_const(vm, c)).collect();
    let names: Vec<Value> = code.names.iter().map(|n| vm.intern(n)).collect();
    let varnames: Vec<Value> = code.varnames.iter().map(|n| vm.intern(n)).collect();
    let cellnames: Vec<Value> = code
        .cellvars
        .iter()
        .chain(code.freevars.iter())
        .map(|n| vm.intern(n))
        .collect();
    let filename = vm.intern(&code.filename);
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
            simple_args,
            caches,
        },
    )
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
            // Lone surrogates are not representable yet; keep the replacement text so the
            // program still runs, and the limitation is documented.
            let s = String::from_utf8_lossy(b).into_owned();
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
