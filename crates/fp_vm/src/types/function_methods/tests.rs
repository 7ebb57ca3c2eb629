//! Unit tests of the callable types' attributes (functions built from hand-made code objects).

use crate::heap::alloc;
use crate::ops;
use crate::types::function::FunctionObj;
use crate::value::Value;
use crate::vm::{Config, PyResult, Vm};
use fp_bytecode::{CodeObject, Instr, Location, Op};
use std::cell::Cell;

pub fn new_vm() -> Box<Vm> {
    Vm::new(Config::default())
}

/// `def name(*params): return <first param>` as a code object.
pub fn code(params: &[&str], freevars: &[&str], name: &str) -> CodeObject {
    let loc = Location {
        line: 3,
        end_line: 3,
        col: 4,
        end_col: 10,
    };
    CodeObject {
        instrs: vec![
            Instr::new(Op::LOAD_FAST, 0),
            Instr::new(Op::RETURN_VALUE, 0),
        ],
        locations: vec![loc, loc],
        consts: vec![fp_bytecode::Const::None],
        names: vec![],
        varnames: params.iter().map(|s| s.to_string()).collect(),
        cellvars: vec![],
        freevars: freevars.iter().map(|s| s.to_string()).collect(),
        cell2arg: vec![],
        argcount: params.len() as u32,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        flags: 3,
        name: name.to_string(),
        qualname: format!("Q.{name}"),
        filename: "t.py".to_string(),
        firstlineno: 2,
        max_stack: 1,
    }
}

pub fn function(vm: &mut Vm, params: &[&str], name: &str) -> Value {
    let c = crate::types::code::load_code(vm, code(params, &[], name));
    let (n, q) = {
        let co = c.downcast::<crate::types::code::CodeObj>().unwrap();
        (co.name, co.qualname)
    };
    let globals = crate::types::dict::new_dict(vm);
    alloc(
        vm.types.function,
        FunctionObj {
            code: Cell::new(c),
            globals,
            builtins: vm.builtins_dict,
            name: Cell::new(n),
            qualname: Cell::new(q),
            defaults: Cell::new(Value::NULL),
            kwdefaults: Cell::new(Value::NULL),
            closure: Value::NULL,
            doc: Cell::new(Value::NONE),
            module: Cell::new(Value::NONE),
            annotations: Cell::new(Value::NULL),
        },
    )
}

pub fn repr(vm: &mut Vm, v: Value) -> String {
    ops::repr::repr_string(vm, v).expect("repr")
}

pub fn err(vm: &mut Vm, r: PyResult<Value>) -> String {
    match r {
        Ok(v) => format!("no error: {}", repr(vm, v)),
        Err(e) => {
            let msg = ops::repr::str_string(vm, e.0).unwrap_or_default();
            format!("{}: {msg}", vm.type_name(e.0))
        }
    }
}

pub fn get(vm: &mut Vm, obj: Value, name: &str) -> PyResult {
    ops::attr::getattr_str(vm, obj, name)
}

pub fn set(vm: &mut Vm, obj: Value, name: &str, v: Value) -> PyResult {
    ops::attr::setattr_str(vm, obj, name, v).map(|_| Value::NONE)
}

pub fn del(vm: &mut Vm, obj: Value, name: &str) -> PyResult {
    let n = vm.intern(name);
    ops::attr::delattr(vm, obj, n).map(|_| Value::NONE)
}

pub fn int(i: i64) -> Value {
    Value::try_small_int(i).unwrap()
}

#[test]
fn function_attributes() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let f = function(vm, &["a"], "f");
    let r = get(vm, f, "__name__").unwrap();
    assert_eq!(repr(vm, r), "'f'");
    let r = get(vm, f, "__qualname__").unwrap();
    assert_eq!(repr(vm, r), "'Q.f'");
    let r = set(vm, f, "__name__", int(1));
    assert_eq!(
        err(vm, r),
        "TypeError: __name__ must be set to a string object"
    );
    let g = vm.new_str("g");
    set(vm, f, "__name__", g).unwrap();
    let r = get(vm, f, "__name__").unwrap();
    assert_eq!(repr(vm, r), "'g'");
    let r = del(vm, f, "__name__");
    assert_eq!(
        err(vm, r),
        "TypeError: __name__ must be set to a string object"
    );
    // __defaults__
    let r = get(vm, f, "__defaults__").unwrap();
    assert!(r.is_none());
    let r = set(vm, f, "__defaults__", int(1));
    assert_eq!(
        err(vm, r),
        "TypeError: __defaults__ must be set to a tuple object"
    );
    let t = crate::types::tuple::new_tuple(vm, vec![int(5)]);
    set(vm, f, "__defaults__", t).unwrap();
    assert_eq!(get(vm, f, "__defaults__").unwrap(), t);
    // The new default is used by calls.
    assert_eq!(ops::call::call(vm, f, &[]).unwrap(), int(5));
    del(vm, f, "__defaults__").unwrap();
    assert!(get(vm, f, "__defaults__").unwrap().is_none());
    // __annotations__ is created on demand and kept.
    let a1 = get(vm, f, "__annotations__").unwrap();
    let a2 = get(vm, f, "__annotations__").unwrap();
    assert_eq!(a1, a2);
    // Read-only members.
    let r = set(vm, f, "__globals__", int(1));
    assert_eq!(err(vm, r), "AttributeError: readonly attribute");
    let r = get(vm, f, "__closure__").unwrap();
    assert!(r.is_none());
    // Arbitrary attributes and __dict__.
    set(vm, f, "x", int(7)).unwrap();
    let d = get(vm, f, "__dict__").unwrap();
    assert_eq!(repr(vm, d), "{'x': 7}");
    // __doc__ / __module__ deletion reads None.
    set(vm, f, "__doc__", int(3)).unwrap();
    del(vm, f, "__doc__").unwrap();
    assert!(get(vm, f, "__doc__").unwrap().is_none());
    // __code__
    let c = get(vm, f, "__code__").unwrap();
    let r = set(vm, f, "__code__", int(1));
    assert_eq!(
        err(vm, r),
        "TypeError: __code__ must be set to a code object"
    );
    set(vm, f, "__code__", c).unwrap();
    let r = ops::repr::repr(vm, f).unwrap();
    assert!(repr(vm, r).starts_with("'<function Q.f at 0x"));
}

#[test]
fn function_get_and_bound_methods() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let f = function(vm, &["self"], "m");
    let fget = get(vm, f, "__get__").unwrap();
    let m = ops::call::call(vm, fget, &[int(4)]).unwrap();
    assert_eq!(vm.type_name(m), "method");
    assert_eq!(get(vm, m, "__self__").unwrap(), int(4));
    assert_eq!(get(vm, m, "__func__").unwrap(), f);
    assert_eq!(ops::call::call(vm, m, &[]).unwrap(), int(4));
    let r = get(vm, m, "__name__").unwrap();
    assert_eq!(repr(vm, r), "'m'");
    // Attribute fallback to the function, and no attribute setting on methods.
    set(vm, f, "tag", int(9)).unwrap();
    assert_eq!(get(vm, m, "tag").unwrap(), int(9));
    let r = set(vm, m, "tag", int(1));
    assert_eq!(
        err(vm, r),
        "AttributeError: 'method' object has no attribute 'tag'"
    );
    let r = get(vm, m, "nope");
    assert_eq!(
        err(vm, r),
        "AttributeError: 'function' object has no attribute 'nope'"
    );
    // None instance: the function itself; (None, None) is invalid.
    let ty = vm.types.int;
    assert_eq!(ops::call::call(vm, fget, &[Value::NONE, ty]).unwrap(), f);
    let r = ops::call::call(vm, fget, &[Value::NONE, Value::NONE]);
    assert_eq!(err(vm, r), "TypeError: __get__(None, None) is invalid");
    // Equality: same function, same self.
    let m2 = ops::call::call(vm, fget, &[int(4)]).unwrap();
    let m3 = ops::call::call(vm, fget, &[int(5)]).unwrap();
    assert!(ops::compare::eq(vm, m, m2).unwrap());
    assert!(!ops::compare::eq(vm, m, m3).unwrap());
    assert_eq!(
        ops::hash::hash(vm, m).unwrap(),
        ops::hash::hash(vm, m2).unwrap()
    );
    let r = ops::repr::repr(vm, m).unwrap();
    assert_eq!(repr(vm, r), "'<bound method Q.m of 4>'");
    // __call__ through the type.
    let call = get(vm, f, "__call__").unwrap();
    assert_eq!(ops::call::call(vm, call, &[int(8)]).unwrap(), int(8));
}

#[test]
fn native_callables() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let len = crate::types::dict::get_str(vm.builtins_dict, "len").unwrap();
    let r = get(vm, len, "__self__").unwrap();
    assert_eq!(r, vm.builtins);
    let r = get(vm, len, "__module__").unwrap();
    assert_eq!(repr(vm, r), "'builtins'");
    let r = get(vm, len, "__qualname__").unwrap();
    assert_eq!(repr(vm, r), "'len'");
    let r = get(vm, len, "__get__");
    assert!(r.is_err());
    // A method descriptor of `type` (mro is a plain method there).
    let type_t = vm.types.type_;
    let mro = get(vm, type_t, "mro").unwrap();
    let r = ops::repr::repr(vm, mro).unwrap();
    assert_eq!(
        crate::types::str::as_str(r),
        Some("<method 'mro' of 'type' objects>")
    );
    let r = get(vm, mro, "__qualname__").unwrap();
    assert_eq!(repr(vm, r), "'type.mro'");
    let r = get(vm, mro, "__text_signature__").unwrap();
    assert_eq!(repr(vm, r), "'($self, /)'");
    let r = get(vm, mro, "__objclass__").unwrap();
    assert_eq!(r, type_t);
    // __get__ binds and checks the instance type.
    let g = get(vm, mro, "__get__").unwrap();
    let int_t = vm.types.int;
    let bound = ops::call::call(vm, g, &[int_t]).unwrap();
    assert_eq!(vm.type_name(bound), "builtin_function_or_method");
    let r = ops::repr::repr(vm, bound).unwrap();
    assert!(repr(vm, r).starts_with("'<built-in method mro of type object at 0x"));
    // Qualified by `__self__` (a type here), as CPython: `int.mro.__qualname__ == 'int.mro'`.
    let r = get(vm, bound, "__qualname__").unwrap();
    assert_eq!(repr(vm, r), "'int.mro'");
    let r = ops::call::call(vm, g, &[int(1)]);
    assert_eq!(
        err(vm, r),
        "TypeError: descriptor 'mro' for 'type' objects doesn't apply to a 'int' object"
    );
    // Bound natives compare by self and definition.
    let b2 = ops::call::call(vm, g, &[int_t]).unwrap();
    assert!(ops::compare::eq(vm, bound, b2).unwrap());
}

#[test]
fn singletons() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let none_t = vm.types.none;
    assert!(ops::call::call(vm, none_t, &[]).unwrap().is_none());
    let r = ops::call::call(vm, none_t, &[int(1)]);
    assert_eq!(err(vm, r), "TypeError: NoneType takes no arguments");
    let ell = vm.types.ellipsis;
    assert_eq!(ops::call::call(vm, ell, &[]).unwrap(), Value::ELLIPSIS);
    let r = get(vm, Value::NONE, "__repr__").unwrap();
    let s = ops::call::call(vm, r, &[]).unwrap();
    assert_eq!(repr(vm, s), "'None'");
    let b = get(vm, Value::NOT_IMPLEMENTED, "__bool__").unwrap();
    assert_eq!(ops::call::call(vm, b, &[]).unwrap(), Value::TRUE);
}

#[test]
fn cells() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let cell_t = vm.types.cell;
    let c = ops::call::call(vm, cell_t, &[int(1)]).unwrap();
    assert_eq!(get(vm, c, "cell_contents").unwrap(), int(1));
    set(vm, c, "cell_contents", int(2)).unwrap();
    assert_eq!(get(vm, c, "cell_contents").unwrap(), int(2));
    del(vm, c, "cell_contents").unwrap();
    let r = get(vm, c, "cell_contents");
    assert_eq!(err(vm, r), "ValueError: Cell is empty");
    let r = ops::repr::repr(vm, c).unwrap();
    assert!(repr(vm, r).ends_with(": empty>'"));
    let full = ops::call::call(vm, cell_t, &[int(1)]).unwrap();
    assert!(ops::compare::lt(vm, c, full).unwrap());
    let full2 = ops::call::call(vm, cell_t, &[int(1)]).unwrap();
    assert!(ops::compare::eq(vm, full, full2).unwrap());
    let r = ops::hash::hash(vm, full);
    assert!(r.is_err());
    let r = ops::call::call(vm, cell_t, &[int(1), int(2)]);
    assert_eq!(
        err(vm, r),
        "TypeError: cell expected at most 1 argument, got 2"
    );
}

#[test]
fn code_attributes() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let f = function(vm, &["a", "b"], "f");
    let c = get(vm, f, "__code__").unwrap();
    for (attr, want) in [
        ("co_name", "'f'"),
        ("co_qualname", "'Q.f'"),
        ("co_filename", "'t.py'"),
        ("co_argcount", "2"),
        ("co_varnames", "('a', 'b')"),
        ("co_freevars", "()"),
        ("co_cellvars", "()"),
        ("co_names", "()"),
        ("co_consts", "(None,)"),
        ("co_flags", "3"),
        ("co_firstlineno", "2"),
        ("co_nlocals", "2"),
    ] {
        let v = get(vm, c, attr).unwrap();
        assert_eq!(repr(vm, v), want, "{attr}");
    }
    let lines = get(vm, c, "co_lines").unwrap();
    let it = ops::call::call(vm, lines, &[]).unwrap();
    let all = ops::iter::collect(vm, it).unwrap();
    let l = crate::types::list::new_list(vm, all);
    assert_eq!(repr(vm, l), "[(0, 4, 3)]");
    let pos = get(vm, c, "co_positions").unwrap();
    let it = ops::call::call(vm, pos, &[]).unwrap();
    let first = ops::iter::next(vm, it).unwrap().unwrap();
    assert_eq!(repr(vm, first), "(3, 3, 4, 10)");
    let replace = get(vm, c, "replace").unwrap();
    let k = vm.intern("co_name");
    let z = vm.new_str("zz");
    let c2 = ops::call::call_kw(vm, replace, &[z], &[k]).unwrap();
    let n = get(vm, c2, "co_name").unwrap();
    assert_eq!(repr(vm, n), "'zz'");
    let r = ops::repr::repr(vm, c).unwrap();
    let s = repr(vm, r);
    assert!(s.starts_with("'<code object f at 0x") && s.ends_with(", file \"t.py\", line 2>'"));
}
