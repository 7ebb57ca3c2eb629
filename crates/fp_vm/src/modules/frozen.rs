//! Frozen modules for `_imp`: the test modules CPython 3.11 freezes into its binary
//! (`__hello__`, `__phello__` and its submodules, their aliases and `__hello_only__`).
//! ferropy "freezes" them by compiling their source at each request: the stdlib's
//! `__hello__.py` and `__phello__/` files, or a few built-in lines for the modules whose source
//! CPython does not install. Code objects are named `<frozen NAME>` like CPython's.
//! The stdlib modules CPython also freezes (`os`, `codecs`, ...) are imported from their files.

use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Where a frozen module's source comes from.
enum Src {
    /// A file under `sys._stdlib_dir`.
    Lib(&'static str),
    /// Inline source (CPython freezes these from files it does not install).
    Text(&'static str),
}

struct Frozen {
    name: &'static str,
    src: Src,
    /// The `co_filename` tag: `<frozen TAG>`.
    tag: &'static str,
    ispkg: bool,
    /// `find_frozen`'s third item: the module whose source this is (`<pkg` for a package's
    /// `__init__` frozen as a plain module), or None when there is no such source file.
    origname: Option<&'static str>,
    /// Found even when frozen modules are disabled (CPython's bootstrap modules).
    always: bool,
}

const HELLO: Src = Src::Lib("__hello__.py");
const PHELLO: Src = Src::Lib("__phello__/__init__.py");
const EMPTY: Src = Src::Text("");

/// The table, in CPython's order (`_imp._frozen_module_names()` lists it).
static TABLE: &[Frozen] = &[
    // importlib itself: ferropy runs these files at start-up as `_frozen_importlib` and
    // `_frozen_importlib_external`; they are frozen in CPython and found as such.
    Frozen {
        name: "_frozen_importlib",
        src: Src::Lib("importlib/_bootstrap.py"),
        tag: "importlib._bootstrap",
        ispkg: false,
        origname: Some("importlib._bootstrap"),
        always: true,
    },
    Frozen {
        name: "_frozen_importlib_external",
        src: Src::Lib("importlib/_bootstrap_external.py"),
        tag: "importlib._bootstrap_external",
        ispkg: false,
        origname: Some("importlib._bootstrap_external"),
        always: true,
    },
    Frozen {
        name: "__hello__",
        src: HELLO,
        tag: "__hello__",
        ispkg: false,
        origname: Some("__hello__"),
        always: false,
    },
    Frozen {
        name: "__hello_alias__",
        src: HELLO,
        tag: "__hello__",
        ispkg: false,
        origname: Some("__hello__"),
        always: false,
    },
    Frozen {
        name: "__phello_alias__",
        src: HELLO,
        tag: "__hello__",
        ispkg: true,
        origname: Some("__hello__"),
        always: false,
    },
    Frozen {
        name: "__phello_alias__.spam",
        src: HELLO,
        tag: "__hello__",
        ispkg: false,
        origname: Some("__hello__"),
        always: false,
    },
    Frozen {
        name: "__phello__",
        src: PHELLO,
        tag: "__phello__",
        ispkg: true,
        origname: Some("__phello__"),
        always: false,
    },
    Frozen {
        name: "__phello__.__init__",
        src: PHELLO,
        tag: "__phello__",
        ispkg: false,
        origname: Some("<__phello__"),
        always: false,
    },
    Frozen {
        name: "__phello__.ham",
        src: EMPTY,
        tag: "__phello__.ham",
        ispkg: true,
        origname: Some("__phello__.ham"),
        always: false,
    },
    Frozen {
        name: "__phello__.ham.__init__",
        src: EMPTY,
        tag: "__phello__.ham",
        ispkg: false,
        origname: Some("<__phello__.ham"),
        always: false,
    },
    Frozen {
        name: "__phello__.ham.eggs",
        src: EMPTY,
        tag: "__phello__.ham.eggs",
        ispkg: false,
        origname: Some("__phello__.ham.eggs"),
        always: false,
    },
    Frozen {
        name: "__phello__.spam",
        src: Src::Lib("__phello__/spam.py"),
        tag: "__phello__.spam",
        ispkg: false,
        origname: Some("__phello__.spam"),
        always: false,
    },
    Frozen {
        name: "__hello_only__",
        src: Src::Text("initialized = True\nprint(\"Hello world!\")\n"),
        tag: "frozen_only",
        ispkg: false,
        origname: None,
        always: false,
    },
];

/// The frozen-module override of `_imp._override_frozen_modules_for_tests` (1 on, -1 off,
/// 0 default). ferropy's default is on, as an installed CPython's.
fn enabled(vm: &mut Vm) -> bool {
    let o = vm
        .state_get("_imp.frozen_override")
        .and_then(|v| v.as_small_int())
        .unwrap_or(0);
    o >= 0
}

pub fn set_override(vm: &mut Vm, v: Value) -> PyResult {
    let n = crate::ops::number::index_i64(vm, v)?;
    let n = n.clamp(-1, 1);
    vm.state_set(
        "_imp.frozen_override",
        Value::try_small_int(n).unwrap_or(Value::NONE),
    );
    Ok(Value::NONE)
}

/// The entry for `name`, when frozen modules are enabled.
fn lookup(vm: &mut Vm, name: &str) -> Option<&'static Frozen> {
    let f = TABLE.iter().find(|f| f.name == name)?;
    (f.always || enabled(vm)).then_some(f)
}

fn name_arg(vm: &mut Vm, v: Value, func: &str) -> PyResult<String> {
    match crate::types::str::as_str(v) {
        Some(s) => Ok(s.to_string()),
        None => Err(vm.type_error(format!(
            "{func}() argument must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

fn not_found(vm: &mut Vm, name: Value) -> crate::vm::Exc {
    frozen_error(vm, name, "No such frozen object named", "")
}

/// An ImportError `"{what} {name!r}{tail}"` whose `name` attribute is the module name.
fn frozen_error(vm: &mut Vm, name: Value, what: &str, tail: &str) -> crate::vm::Exc {
    match crate::ops::repr::repr_string(vm, name) {
        Ok(r) => {
            let e = vm.new_exc(vm.exc.import_error, format!("{what} {r}{tail}"));
            let k = vm.intern("name");
            crate::types::instance::set(vm, e.0, k, name);
            e
        }
        Err(e) => e,
    }
}

/// CPython's error for frozen data that does not unmarshal (here also: a source that cannot
/// be read).
fn invalid(vm: &mut Vm, name: Value) -> crate::vm::Exc {
    frozen_error(vm, name, "Frozen object named", " is invalid")
}

/// Compiles the entry's source into a fresh code object.
fn code_of(vm: &mut Vm, f: &Frozen, namev: Value) -> PyResult {
    let text = match f.src {
        Src::Text(t) => t.to_string(),
        Src::Lib(rel) => {
            let dir = crate::ops::attr::getattr_str(vm, vm.sys, "_stdlib_dir")?;
            let dir = crate::types::str::as_str(dir).map(str::to_string);
            match dir.and_then(|d| std::fs::read_to_string(format!("{d}/{rel}")).ok()) {
                Some(t) => t,
                None => return Err(invalid(vm, namev)),
            }
        }
    };
    let opts = fp_compiler::CompileOptions {
        optimize: 0,
        future_annotations: false,
    };
    let filename = format!("<frozen {}>", f.tag);
    let code =
        crate::interp::compile_checked(vm, &text, &filename, fp_compiler::Mode::Exec, &opts)?;
    Ok(crate::types::code::load_code(vm, code))
}

/// `_imp.find_frozen(name, /, *, withdata=False)`: `(data, ispkg, origname)` or None.
pub fn find_frozen(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = name_arg(vm, a[0], "find_frozen")?;
    let Some(f) = lookup(vm, &name) else {
        return Ok(Value::NONE);
    };
    let withdata = !a[1].is_null() && crate::ops::truth::is_true(vm, a[1])?;
    let data = if withdata {
        let code = code_of(vm, f, a[0])?;
        let b = crate::modules::marshal::dumps(vm, &[code])?;
        let mv = vm.types.memoryview;
        crate::ops::call::call(vm, mv, &[b])?
    } else {
        Value::NONE
    };
    let origname = match f.origname {
        Some(o) => vm.new_str(o),
        None => Value::NONE,
    };
    let t = vec![data, Value::from_bool(f.ispkg), origname];
    Ok(crate::types::tuple::new_tuple(vm, t))
}

/// `_imp.get_frozen_object(name, data=None, /)`: the module's code, or `data` unmarshalled.
pub fn get_frozen_object(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = name_arg(vm, a[0], "get_frozen_object")?;
    if !a[1].is_null() && a[1] != Value::NONE {
        if crate::types::str::as_str(a[1]).is_some() {
            return Err(
                vm.type_error("get_frozen_object() argument 2 must be bytes, not str".to_string())
            );
        }
        let data = crate::types::bytes_methods::buffer_arg(vm, a[1])?;
        let b = crate::types::bytes::new_bytes(vm, data);
        let v = match crate::modules::marshal::loads(vm, &[b]) {
            Ok(v) => v,
            Err(_) => {
                return Err(invalid(vm, a[0]));
            }
        };
        if v.downcast::<crate::types::code::CodeObj>().is_none() {
            let r = crate::ops::repr::repr_string(vm, a[0])?;
            return Err(vm.type_error(format!("frozen object {r} is not a code object")));
        }
        return Ok(v);
    }
    match lookup(vm, &name) {
        Some(f) => code_of(vm, f, a[0]),
        None => Err(not_found(vm, a[0])),
    }
}

pub fn is_frozen(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = name_arg(vm, a[0], "is_frozen")?;
    Ok(Value::from_bool(lookup(vm, &name).is_some()))
}

pub fn is_frozen_package(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = name_arg(vm, a[0], "is_frozen_package")?;
    match lookup(vm, &name) {
        Some(f) => Ok(Value::from_bool(f.ispkg)),
        None => Err(not_found(vm, a[0])),
    }
}

/// `_imp.init_frozen(name)`: runs the frozen module into a module in `sys.modules` (no spec:
/// importlib's `FrozenImporter._fix_up_module` completes it), or None when not frozen.
pub fn init_frozen(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = name_arg(vm, a[0], "init_frozen")?;
    let Some(f) = lookup(vm, &name) else {
        return Ok(Value::NONE);
    };
    let code = code_of(vm, f, a[0])?;
    let modules = crate::ops::attr::getattr_str(vm, vm.sys, "modules")?;
    let existing = match crate::ops::item::getitem(vm, modules, a[0]) {
        Ok(m) => Some(m),
        Err(e) if vm.exc_matches(e, vm.exc.key_error) => None,
        Err(e) => return Err(e),
    };
    let m = match existing {
        Some(m) => m,
        None => {
            let m = crate::types::module::new_module(vm, &name);
            crate::ops::item::setitem(vm, modules, a[0], m)?;
            m
        }
    };
    if f.ispkg {
        let l = crate::types::list::new_list(vm, vec![]);
        crate::types::module::set_attr(vm, m, "__path__", l);
    }
    let origname = match f.origname {
        Some(o) => vm.new_str(o),
        None => Value::NONE,
    };
    crate::types::module::set_attr(vm, m, "__origname__", origname);
    let d = crate::ops::attr::getattr_str(vm, m, "__dict__")?;
    let b = vm.intern("__builtins__");
    if !crate::ops::item::contains(vm, d, b)? {
        let bm = vm.builtins; // the builtins module, as CPython's exec gives it
        crate::ops::item::setitem(vm, d, b, bm)?;
    }
    let frame = crate::interp::frame::new_frame(vm, code, d, d);
    crate::interp::eval::run_frame(vm, frame)?;
    Ok(m)
}

pub fn frozen_module_names(vm: &mut Vm) -> PyResult {
    let names: Vec<Value> = TABLE.iter().map(|f| vm.new_str(f.name)).collect();
    Ok(crate::types::list::new_list(vm, names))
}
