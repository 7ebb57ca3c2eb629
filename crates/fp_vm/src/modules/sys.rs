//! The `sys` module (the parts the core needs; the standard-library issue completes it).

use crate::native;
use crate::native::NativeDef;
use crate::types::module::set_attr;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::io::Write;

static SYS_FUNCS: &[NativeDef] = &[
    native!("getrecursionlimit", "()", getrecursionlimit),
    native!("setrecursionlimit", "(limit, /)", setrecursionlimit),
    native!("exc_info", "()", exc_info),
    native!("exception", "()", exception),
    native!("exit", "(status=None, /)", exit),
    native!("intern", "(string, /)", intern),
    native!("_getframe", "(depth=0, /)", getframe),
];

pub fn init(vm: &mut Vm) {
    let m = crate::modules::new_native_module(vm, "sys");
    vm.sys = m;
    crate::modules::builtins::add_functions(vm, m, SYS_FUNCS);
    let argv: Vec<Value> = vm
        .config
        .argv
        .clone()
        .iter()
        .map(|a| vm.new_str(a))
        .collect();
    let argv = crate::types::list::new_list(vm, argv);
    set_attr(vm, m, "argv", argv);
    let path = crate::types::list::new_list(vm, vec![]);
    set_attr(vm, m, "path", path);
    set_attr(vm, m, "modules", vm.sys_modules);
    let maxsize = crate::types::int::from_i64(vm, i64::MAX);
    set_attr(vm, m, "maxsize", maxsize);
    let bo = vm.new_str("little");
    set_attr(vm, m, "byteorder", bo);
    let platform = vm.new_str("linux");
    set_attr(vm, m, "platform", platform);
    let exe = vm.new_string(vm.config.executable.clone());
    set_attr(vm, m, "executable", exe);
    let vi: Vec<Value> = [3i64, 11, 7]
        .iter()
        .map(|x| Value::try_small_int(*x).unwrap_or(Value::NONE))
        .collect();
    let rl = vm.new_str("final");
    let mut items = vi;
    items.push(rl);
    items.push(Value::try_small_int(0).unwrap_or(Value::NONE));
    let version_info = crate::types::tuple::new_tuple(vm, items);
    set_attr(vm, m, "version_info", version_info);
    let version = vm.new_str(&format!("3.11.7 (ferropy {})", env!("CARGO_PKG_VERSION")));
    set_attr(vm, m, "version", version);
}

pub fn write_stdout(_vm: &mut Vm, s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
}

pub fn write_stderr(_vm: &mut Vm, s: &str) {
    let _ = std::io::stdout().flush();
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(s.as_bytes());
    let _ = err.flush();
}

/// `sys.displayhook`: interactive echo of expression values.
pub fn displayhook(vm: &mut Vm, v: Value) -> PyResult<()> {
    if v.is_none() {
        return Ok(());
    }
    let r = crate::ops::repr::repr_string(vm, v)?;
    write_stdout(vm, &format!("{r}\n"));
    let k = vm.intern("_");
    crate::types::dict::set_item_str(vm, vm.builtins_dict, k, v);
    Ok(())
}

fn getrecursionlimit(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(crate::types::int::from_usize(vm, vm.recursion_limit))
}

fn setrecursionlimit(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = crate::ops::number::index_i64(vm, a[0])?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    if (n as usize) <= vm.frames.len() {
        return Err(vm.recursion_error(format!(
            "cannot set the recursion limit to {n} at the recursion depth {}: the limit is too low",
            vm.frames.len()
        )));
    }
    vm.recursion_limit = n as usize;
    Ok(Value::NONE)
}

fn exc_info(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let e = vm.handled_exc;
    if e.is_none() || e.is_null() {
        return Ok(crate::types::tuple::new_tuple(vm, vec![Value::NONE; 3]));
    }
    let ty = vm.type_of(e);
    let tb = crate::types::exceptions::exc_obj(e)
        .map(|x| x.traceback.get())
        .unwrap_or(Value::NONE);
    Ok(crate::types::tuple::new_tuple(vm, vec![ty, e, tb]))
}

fn exception(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let e = vm.handled_exc;
    Ok(if e.is_null() { Value::NONE } else { e })
}

fn exit(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = if a[0].is_null() { vec![] } else { vec![a[0]] };
    Err(vm.new_exc_args(vm.exc.system_exit, args))
}

fn intern(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[0].is::<crate::types::str::StrObj>() {
        return Err(vm.type_error(format!(
            "intern() argument must be str, not {}",
            vm.type_name(a[0])
        )));
    }
    Ok(vm.intern_value(a[0]))
}

fn getframe(vm: &mut Vm, a: &[Value]) -> PyResult {
    let depth = if a[0].is_null() {
        0
    } else {
        crate::ops::number::index_i64(vm, a[0])?
    };
    let n = vm.frames.len() as i64;
    if depth < 0 || depth >= n {
        return Err(vm.value_error("call stack is not deep enough"));
    }
    Ok(vm.frames[(n - 1 - depth) as usize])
}
