//! Unit tests of the builtin functions, called through the object protocol as Python would.

use crate::ops;
use crate::types::dict;
use crate::value::Value;
use crate::vm::{Config, PyResult, Vm};

fn new_vm() -> Box<Vm> {
    Vm::new(Config::default())
}

fn builtin(vm: &mut Vm, name: &str) -> Value {
    dict::get_str(vm.builtins_dict, name).expect("builtin exists")
}

fn call(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult {
    let f = builtin(vm, name);
    ops::call::call(vm, f, args)
}

fn call_kw(vm: &mut Vm, name: &str, args: &[Value], kw: &[(&str, Value)]) -> PyResult {
    let f = builtin(vm, name);
    let mut all = args.to_vec();
    let mut names = Vec::new();
    for (k, v) in kw {
        names.push(vm.intern(k));
        all.push(*v);
    }
    ops::call::call_kw(vm, f, &all, &names)
}

fn repr(vm: &mut Vm, v: Value) -> String {
    ops::repr::repr_string(vm, v).expect("repr")
}

/// "TypeName: message" of a raised exception.
fn err(vm: &mut Vm, r: PyResult) -> String {
    match r {
        Ok(v) => format!("no error: {}", repr(vm, v)),
        Err(e) => {
            let msg = ops::repr::str_string(vm, e.0).unwrap_or_default();
            format!("{}: {msg}", vm.type_name(e.0))
        }
    }
}

fn int(i: i64) -> Value {
    Value::try_small_int(i).expect("small int")
}

fn list(vm: &mut Vm, items: &[Value]) -> Value {
    crate::types::list::new_list(vm, items.to_vec())
}

#[test]
fn chr_and_ord() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let r = call(vm, "chr", &[int(97)]).unwrap();
    assert_eq!(repr(vm, r), "'a'");
    let r = call(vm, "chr", &[int(0x1F600)]).unwrap();
    assert_eq!(crate::types::str::as_str(r), Some("\u{1F600}"));
    let r = call(vm, "chr", &[int(0x110000)]);
    assert_eq!(err(vm, r), "ValueError: chr() arg not in range(0x110000)");
    let r = call(vm, "chr", &[int(-1)]);
    assert_eq!(err(vm, r), "ValueError: chr() arg not in range(0x110000)");
    let r = call(vm, "chr", &[]);
    assert_eq!(
        err(vm, r),
        "TypeError: chr() takes exactly one argument (0 given)"
    );
    let s = vm.new_str("é");
    let r = call(vm, "ord", &[s]).unwrap();
    assert_eq!(r, int(233));
    let s = vm.new_str("ab");
    let r = call(vm, "ord", &[s]);
    assert_eq!(
        err(vm, r),
        "TypeError: ord() expected a character, but string of length 2 found"
    );
    let r = call(vm, "ord", &[int(5)]);
    assert_eq!(
        err(vm, r),
        "TypeError: ord() expected string of length 1, but int found"
    );
    let b = crate::types::bytes::new_bytes(vm, vec![200]);
    assert_eq!(call(vm, "ord", &[b]).unwrap(), int(200));
}

#[test]
fn min_max() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let l = list(vm, &[int(3), int(-7), int(5)]);
    assert_eq!(call(vm, "max", &[l]).unwrap(), int(5));
    assert_eq!(call(vm, "min", &[l]).unwrap(), int(-7));
    assert_eq!(call(vm, "max", &[int(1), int(9), int(4)]).unwrap(), int(9));
    let abs = builtin(vm, "abs");
    let r = call_kw(vm, "max", &[l], &[("key", abs)]).unwrap();
    assert_eq!(r, int(-7));
    // Ties keep the first item.
    let l2 = list(vm, &[int(2), int(-2)]);
    assert_eq!(call_kw(vm, "max", &[l2], &[("key", abs)]).unwrap(), int(2));
    assert_eq!(call_kw(vm, "min", &[l2], &[("key", abs)]).unwrap(), int(2));
    let empty = list(vm, &[]);
    let r = call(vm, "max", &[empty]);
    assert_eq!(err(vm, r), "ValueError: max() arg is an empty sequence");
    let r = call_kw(vm, "min", &[empty], &[("default", Value::NONE)]).unwrap();
    assert!(r.is_none());
    let r = call(vm, "max", &[]);
    assert_eq!(
        err(vm, r),
        "TypeError: max expected at least 1 argument, got 0"
    );
    let r = call_kw(vm, "max", &[int(1), int(2)], &[("default", int(0))]);
    assert_eq!(
        err(vm, r),
        "TypeError: Cannot specify a default for max() with multiple positional arguments"
    );
    let r = call_kw(vm, "max", &[l], &[("foo", int(0))]);
    assert_eq!(
        err(vm, r),
        "TypeError: 'foo' is an invalid keyword argument for max()"
    );
    let r = call(vm, "min", &[int(1)]);
    assert_eq!(err(vm, r), "TypeError: 'int' object is not iterable");
}

#[test]
fn sum_fast_paths_and_errors() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let tenth = crate::types::float::new_float(vm, 0.1);
    let l = list(vm, &[tenth; 10]);
    let r = call(vm, "sum", &[l]).unwrap();
    assert_eq!(repr(vm, r), "0.9999999999999999");
    let big = int(1 << 61);
    let l = list(vm, &[big, big, big, big]);
    let r = call(vm, "sum", &[l]).unwrap();
    assert_eq!(repr(vm, r), "9223372036854775808");
    let half = crate::types::float::new_float(vm, 0.5);
    let l = list(vm, &[int(1), half, int(3)]);
    let r = call(vm, "sum", &[l]).unwrap();
    assert_eq!(repr(vm, r), "4.5");
    let l = list(vm, &[Value::TRUE, Value::TRUE]);
    assert_eq!(call(vm, "sum", &[l]).unwrap(), int(2));
    let l = list(vm, &[int(1)]);
    let r = call_kw(vm, "sum", &[l], &[("start", int(10))]).unwrap();
    assert_eq!(r, int(11));
    let s = vm.new_str("");
    let r = call(vm, "sum", &[l, s]);
    assert_eq!(
        err(vm, r),
        "TypeError: sum() can't sum strings [use ''.join(seq) instead]"
    );
    let r = call(vm, "sum", &[]);
    assert_eq!(
        err(vm, r),
        "TypeError: sum() takes at least 1 positional argument (0 given)"
    );
    let a = vm.new_str("a");
    let l = list(vm, &[a]);
    let r = call(vm, "sum", &[l]);
    assert_eq!(
        err(vm, r),
        "TypeError: unsupported operand type(s) for +: 'int' and 'str'"
    );
}

#[test]
fn all_any() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let l = list(vm, &[int(1), int(0)]);
    assert_eq!(call(vm, "all", &[l]).unwrap(), Value::FALSE);
    assert_eq!(call(vm, "any", &[l]).unwrap(), Value::TRUE);
    let e = list(vm, &[]);
    assert_eq!(call(vm, "all", &[e]).unwrap(), Value::TRUE);
    assert_eq!(call(vm, "any", &[e]).unwrap(), Value::FALSE);
    let r = call(vm, "any", &[]);
    assert_eq!(
        err(vm, r),
        "TypeError: any() takes exactly one argument (0 given)"
    );
}

#[test]
fn namespaces_and_argument_errors() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let r = call(vm, "vars", &[int(5)]);
    assert_eq!(
        err(vm, r),
        "TypeError: vars() argument must have __dict__ attribute"
    );
    let r = call(vm, "vars", &[int(1), int(2)]);
    assert_eq!(
        err(vm, r),
        "TypeError: vars expected at most 1 argument, got 2"
    );
    let r = call(vm, "globals", &[int(1)]);
    assert_eq!(
        err(vm, r),
        "TypeError: globals() takes no arguments (1 given)"
    );
    let r = call(vm, "eval", &[int(5)]);
    assert_eq!(
        err(vm, r),
        "TypeError: eval() arg 1 must be a string, bytes or code object"
    );
    let g = vm.new_str("x");
    let r = call(vm, "exec", &[g, int(5)]);
    assert_eq!(
        err(vm, r),
        "TypeError: exec() globals must be a dict, not int"
    );
    let r = call(vm, "eval", &[g, int(1)]);
    assert_eq!(err(vm, r), "TypeError: globals must be a dict");
    let mode = vm.new_str("bad");
    let r = call(vm, "compile", &[g, g, mode]);
    assert_eq!(
        err(vm, r),
        "ValueError: compile() mode must be 'exec', 'eval' or 'single'"
    );
    let s = vm.new_str("a\0");
    let r = call(vm, "exec", &[s]);
    assert_eq!(
        err(vm, r),
        "SyntaxError: source code string cannot contain null bytes"
    );
    // dir(obj) is sorted.
    let d = call(vm, "dir", &[int(1)]);
    let d = match d {
        Ok(d) => d,
        Err(e) => panic!("{}", err(vm, Err(e))),
    };
    let names: Vec<String> = ops::iter::collect(vm, d)
        .unwrap()
        .into_iter()
        .map(|v| crate::types::str::as_str(v).unwrap_or("").to_string())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert!(names.iter().any(|n| n == "__repr__"));
}

#[test]
fn import_builtin() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let s = vm.new_str("sys");
    let m = call(vm, "__import__", &[s]).unwrap();
    assert_eq!(m, vm.sys);
    let r = call(vm, "__import__", &[int(5)]);
    assert_eq!(err(vm, r), "TypeError: module name must be a string");
    let e = vm.new_str("");
    let r = call(vm, "__import__", &[e]);
    assert_eq!(err(vm, r), "ValueError: Empty module name");
    let n = vm.new_str("nonexistent_mod");
    let r = call(vm, "__import__", &[n]);
    assert_eq!(
        err(vm, r),
        "ModuleNotFoundError: No module named 'nonexistent_mod'"
    );
}

#[test]
fn text_signatures_and_docs() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    for (name, sig) in [
        ("chr", "'($module, i, /)'"),
        ("len", "'($module, obj, /)'"),
        (
            "sorted",
            "'($module, iterable, /, *, key=None, reverse=False)'",
        ),
        ("max", "None"),
        ("print", "None"),
    ] {
        let f = builtin(vm, name);
        let s = ops::attr::getattr_str(vm, f, "__text_signature__").unwrap();
        assert_eq!(repr(vm, s), sig, "{name}");
    }
    let f = builtin(vm, "chr");
    let d = ops::attr::getattr_str(vm, f, "__doc__").unwrap();
    assert!(repr(vm, d).starts_with("'Return a Unicode string"));
    let r = ops::repr::repr(vm, f).unwrap();
    assert_eq!(repr(vm, r), "'<built-in function chr>'");
}

#[test]
fn sorted_builds_and_sorts_a_list() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let l = list(vm, &[int(3), int(-5), int(1)]);
    let r = call(vm, "sorted", &[l]).unwrap();
    assert_eq!(repr(vm, r), "[-5, 1, 3]");
    assert_ne!(r, l);
    let abs = builtin(vm, "abs");
    let r = call_kw(
        vm,
        "sorted",
        &[l],
        &[("key", abs), ("reverse", Value::TRUE)],
    )
    .unwrap();
    assert_eq!(repr(vm, r), "[-5, 3, 1]");
    let r = call(vm, "sorted", &[]);
    assert_eq!(err(vm, r), "TypeError: sorted expected 1 argument, got 0");
    let s = vm.new_str("cab");
    let r = call(vm, "sorted", &[s]).unwrap();
    assert_eq!(repr(vm, r), "['a', 'b', 'c']");
}
