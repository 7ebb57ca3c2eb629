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
    // The shape CPython prints (`platform` parses it): version, (build), [compiler].
    let version = vm.new_str(&format!(
        "3.11.7 (ferropy {}) [Rust]",
        env!("CARGO_PKG_VERSION")
    ));
    set_attr(vm, m, "version", version);
    init_streams(vm, m);
    init_info(vm, m);
    crate::modules::sys_hooks::init(vm, m);
}

fn init_streams(vm: &mut Vm, m: Value) {
    let unbuffered = vm.config.unbuffered;
    for (fd, name) in [(0, "stdin"), (1, "stdout"), (2, "stderr")] {
        let s = crate::modules::stdio::new_stream(vm, fd, unbuffered);
        set_attr(vm, m, name, s);
        set_attr(vm, m, &format!("__{name}__"), s);
    }
}

/// `sys.version_info`, `sys.flags`, `sys.implementation`, `sys.float_info`, `sys.int_info`,
/// `sys.hash_info` and the scalar constants.
fn init_info(vm: &mut Vm, m: Value) {
    use crate::types::structseq;
    let vi_t = structseq::new_type(
        vm,
        "sys",
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
    );
    let final_ = vm.new_str("final");
    let vi = structseq::new(
        vm,
        vi_t,
        vec![
            Value::small(3),
            Value::small(11),
            Value::small(7),
            final_,
            Value::small(0),
        ],
    );
    set_attr(vm, m, "version_info", vi);
    let hexversion = crate::types::int::from_i64(vm, 0x030B07F0);
    set_attr(vm, m, "hexversion", hexversion);
    let c = &vm.config;
    // `-X warn_default_encoding` (any value) or a non-empty PYTHONWARNDEFAULTENCODING.
    let warn_default_encoding = c
        .xoptions
        .iter()
        .any(|x| x.split('=').next() == Some("warn_default_encoding"))
        || !c.ignore_environment
            && std::env::var_os("PYTHONWARNDEFAULTENCODING").is_some_and(|v| !v.is_empty());
    // `-X dev` or a non-empty PYTHONDEVMODE; `-X utf8[=1|0]` or PYTHONUTF8=1/0 (the -X option
    // wins). ferropy assumes a UTF-8 locale, so the UTF-8 mode is off unless asked for.
    let env = |name: &str| {
        if c.ignore_environment {
            None
        } else {
            std::env::var(name).ok()
        }
    };
    let dev_on = dev_mode(vm);
    let mut utf8_mode = env("PYTHONUTF8").is_some_and(|v| v == "1");
    for x in &c.xoptions {
        match x.as_str() {
            "utf8" | "utf8=1" => utf8_mode = true,
            "utf8=0" => utf8_mode = false,
            _ => {}
        }
    }
    let flag_values = [
        ("debug", 0),
        ("inspect", c.inspect as i64),
        ("interactive", c.inspect as i64),
        ("optimize", c.optimize as i64),
        ("dont_write_bytecode", c.dont_write_bytecode as i64),
        ("no_user_site", c.no_user_site as i64),
        ("no_site", c.no_site as i64),
        ("ignore_environment", c.ignore_environment as i64),
        ("verbose", c.verbose as i64),
        ("bytes_warning", 0),
        ("quiet", c.quiet as i64),
        ("hash_randomization", 1),
        ("isolated", c.isolated as i64),
        ("dev_mode", 0),
        ("utf8_mode", utf8_mode as i64),
        ("warn_default_encoding", warn_default_encoding as i64),
        ("safe_path", c.safe_path as i64),
        ("int_max_str_digits", -1),
    ];
    let names: Vec<&str> = flag_values.iter().map(|(n, _)| *n).collect();
    let flags_t = structseq::new_type(vm, "sys", "flags", &names);
    let mut vals: Vec<Value> = flag_values.iter().map(|(_, v)| Value::small(*v)).collect();
    // dev_mode is a bool in CPython.
    vals[13] = Value::from_bool(dev_on);
    let flags = structseq::new(vm, flags_t, vals);
    set_attr(vm, m, "flags", flags);
    // sys.implementation: a SimpleNamespace.
    let imp = crate::heap::alloc(vm.types.simple_namespace, ());
    let name = vm.new_str("ferropy");
    let tag = vm.new_string(crate::modules::startup::cache_tag());
    let multiarch = vm.new_str("x86_64-linux-gnu");
    let impl_ver = structseq::new(
        vm,
        vi_t,
        vec![
            Value::small(0),
            Value::small(1),
            Value::small(0),
            final_,
            Value::small(0),
        ],
    );
    for (k, v) in [
        ("name", name),
        ("cache_tag", tag),
        ("version", impl_ver),
        ("_multiarch", multiarch),
        ("hexversion", Value::small(0x000100F0)),
    ] {
        let kk = vm.intern(k);
        crate::types::instance::set(vm, imp, kk, v);
    }
    set_attr(vm, m, "implementation", imp);
    let fi_t = structseq::new_type(
        vm,
        "sys",
        "float_info",
        &[
            "max",
            "max_exp",
            "max_10_exp",
            "min",
            "min_exp",
            "min_10_exp",
            "dig",
            "mant_dig",
            "epsilon",
            "radix",
            "rounds",
        ],
    );
    let f = |vm: &mut Vm, x: f64| crate::types::float::new_float(vm, x);
    let fvals = vec![
        f(vm, f64::MAX),
        Value::small(1024),
        Value::small(308),
        f(vm, f64::MIN_POSITIVE),
        Value::small(-1021),
        Value::small(-307),
        Value::small(15),
        Value::small(53),
        f(vm, f64::EPSILON),
        Value::small(2),
        Value::small(1),
    ];
    let fi = structseq::new(vm, fi_t, fvals);
    set_attr(vm, m, "float_info", fi);
    let ii_t = structseq::new_type(
        vm,
        "sys",
        "int_info",
        &[
            "bits_per_digit",
            "sizeof_digit",
            "default_max_str_digits",
            "str_digits_check_threshold",
        ],
    );
    let ii = structseq::new(
        vm,
        ii_t,
        vec![
            Value::small(30),
            Value::small(4),
            Value::small(4300),
            Value::small(640),
        ],
    );
    set_attr(vm, m, "int_info", ii);
    let hi_t = structseq::new_type(
        vm,
        "sys",
        "hash_info",
        &[
            "width",
            "modulus",
            "inf",
            "nan",
            "imag",
            "algorithm",
            "hash_bits",
            "seed_bits",
            "cutoff",
        ],
    );
    let modulus = crate::types::int::from_i64(vm, (1i64 << 61) - 1);
    let algo = vm.new_str("siphash13");
    let hi = structseq::new(
        vm,
        hi_t,
        vec![
            Value::small(64),
            modulus,
            Value::small(314159),
            Value::small(0),
            Value::small(1000003),
            algo,
            Value::small(64),
            Value::small(128),
            Value::small(0),
        ],
    );
    set_attr(vm, m, "hash_info", hi);
    let maxunicode = Value::small(0x10FFFF);
    set_attr(vm, m, "maxunicode", maxunicode);
    let enc = vm.new_str("utf-8");
    set_attr(vm, m, "_default_encoding", enc);
    let api = Value::small(1013);
    set_attr(vm, m, "api_version", api);
    let copyright = vm.new_str("Copyright (c) ferropy authors.");
    set_attr(vm, m, "copyright", copyright);
    let dflt = vm.new_str("utf-8");
    set_attr(vm, m, "_fs_encoding", dflt);
    // The dev mode's "default" comes first: -W options and PYTHONWARNINGS take precedence.
    let dev = dev_mode(vm).then(|| "default".to_string());
    let warnopts: Vec<Value> = dev
        .into_iter()
        .chain(vm.config.warnoptions.clone())
        .map(|w| vm.new_str(&w))
        .collect();
    let wl = crate::types::list::new_list(vm, warnopts);
    set_attr(vm, m, "warnoptions", wl);
    let xo = crate::types::dict::new_dict(vm);
    for x in vm.config.xoptions.clone() {
        let (k, v) = match x.split_once('=') {
            Some((k, v)) => (vm.new_str(k), vm.new_str(v)),
            None => (vm.new_str(&x), Value::TRUE),
        };
        let _ = crate::types::dict::set_item(vm, xo, k, v);
    }
    set_attr(vm, m, "_xoptions", xo);
}

/// The current `sys.<name>` stream (user code may have replaced it).
pub fn stream(vm: &mut Vm, name: &str) -> Value {
    if vm.sys.is_null() {
        return Value::NONE;
    }
    crate::types::dict::get_str(crate::types::module::module_dict(vm.sys), name)
        .unwrap_or(Value::NONE)
}

/// The Python Development Mode: `-X dev` or a non-empty PYTHONDEVMODE (unless -E).
pub fn dev_mode(vm: &Vm) -> bool {
    let c = &vm.config;
    c.xoptions.iter().any(|x| x == "dev")
        || !c.ignore_environment && std::env::var_os("PYTHONDEVMODE").is_some_and(|v| !v.is_empty())
}

/// Writes to `sys.stdout` (errors writing are ignored here, as for displayhook output).
pub fn write_stdout(vm: &mut Vm, s: &str) {
    let out = stream(vm, "stdout");
    if out.is_none() || crate::modules::stdio::write_to(vm, out, s).is_err() {
        let _ = std::io::stdout().write_all(s.as_bytes());
    }
}

/// Writes to `sys.stderr`, falling back to the process's stderr when it is unusable (as
/// CPython does when reporting errors).
pub fn write_stderr(vm: &mut Vm, s: &str) {
    let err = stream(vm, "stderr");
    if err.is_none() || crate::modules::stdio::write_to(vm, err, s).is_err() {
        crate::modules::stdio::flush_stdout(vm);
        let mut e = std::io::stderr().lock();
        let _ = e.write_all(s.as_bytes());
        let _ = e.flush();
    }
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
    let e = vm.current_exc();
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
    let e = vm.current_exc();
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
    Ok(crate::interp::frame::mark_escaped(
        vm.frames[(n - 1 - depth) as usize],
    ))
}
