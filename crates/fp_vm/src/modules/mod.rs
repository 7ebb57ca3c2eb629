//! Native modules (written in Rust where CPython writes C) and the import entry points.
//!
//! `BUILTIN_MODULES` lists every native module; `import_system.rs` is the import statement and
//! `startup.rs` installs importlib from CPython's `Lib/`.

pub use import_system::{
    import_from, import_module, import_name, import_name_builtin, import_star,
};

pub mod abc;
pub mod array;
pub mod ast;
pub mod atexit;
pub mod binascii;
pub mod builtins;
pub mod cjk;
pub mod cmath;
pub mod codecs;
pub mod collections;
pub mod contextvars;
pub mod csv;
pub mod errno;
pub mod faulthandler;
pub mod fcntl;
pub mod frozen;
pub mod functools;
pub mod gc;
pub mod hashes;
pub mod heapq_bisect;
pub mod imp;
pub mod import_system;
pub mod io;
pub mod itertools;
pub mod itertools_combo;
pub mod itertools_pickle;
pub mod json;
pub mod locale;
pub mod marshal;
pub mod math;
pub mod math_int;
pub mod multiprocessing;
pub mod opcode_;
pub mod operator;
pub mod pickle_;
pub mod pickle_dump;
pub mod pickle_load;
pub mod posix;
pub mod posixsubprocess;
pub mod queue_;
pub mod random;
pub mod resource;
pub mod select;
pub mod signal;
pub mod signals;
pub mod socket;
pub mod sre;
pub mod startup;
pub mod stat;
pub mod stdio;
pub mod stdlib_names;
pub mod stdobj;
pub mod string_;
pub mod struct_;
pub mod sys;
pub mod sys_hooks;
pub mod thread;
pub mod thread_local;
pub mod time;
pub mod tracemalloc;
pub mod typing_;
pub mod unicodedata;
pub mod unicodedata_tables;
pub mod unixdb;
pub mod warnings;
pub mod weakref;
pub mod zlib;

use crate::native::NativeDef;
use crate::types::dict;
use crate::types::module::new_module;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A module written in Rust. `init` builds a fresh module object (`new_module(vm, name)` plus
/// its functions, types and constants) and returns it; the import system registers it in
/// `sys.modules`. Each native module lives in its own file under `modules/` and adds one line
/// to `BUILTIN_MODULES`.
pub struct BuiltinModule {
    pub name: &'static str,
    pub init: fn(&mut Vm) -> PyResult,
}

/// Every native module importable by name (`sys.builtin_module_names` lists these, plus `sys`
/// and `builtins`, which exist from start-up).
pub static BUILTIN_MODULES: &[BuiltinModule] = &[
    module("_abc", abc::init),
    module("_ast", ast::init),
    module("_bisect", heapq_bisect::init_bisect),
    module("_blake2", hashes::init_blake2),
    module("_codecs", codecs::init),
    module("_codecs_cn", cjk::init_cn),
    module("_codecs_hk", cjk::init_hk),
    module("_codecs_iso2022", cjk::init_iso2022),
    module("_codecs_jp", cjk::init_jp),
    module("_codecs_kr", cjk::init_kr),
    module("_codecs_tw", cjk::init_tw),
    module("_collections", collections::init),
    module("_contextvars", contextvars::init),
    module("_csv", csv::init),
    module("_functools", functools::init),
    module("_heapq", heapq_bisect::init_heapq),
    module("_imp", imp::init),
    module("_io", io::init),
    module("_json", json::init),
    module("_locale", locale::init),
    module("_md5", hashes::init_md5),
    module("_multibytecodec", cjk::init_multibytecodec),
    module("_opcode", opcode_::init),
    module("_operator", operator::init),
    module("_pickle", pickle_::init),
    module("_posixsubprocess", posixsubprocess::init),
    module("_queue", queue_::init),
    module("_random", random::init),
    module("_sha1", hashes::init_sha1),
    module("_sha256", hashes::init_sha256),
    module("_sha3", hashes::init_sha3),
    module("_sha512", hashes::init_sha512),
    module("_signal", signal::init),
    module("_socket", socket::init),
    module("_sre", sre::init),
    module("_stat", stat::init),
    module("_string", string_::init),
    module("_struct", struct_::init),
    module("_thread", thread::init),
    module("_tracemalloc", tracemalloc::init),
    module("_typing", typing_::init),
    module("_warnings", warnings::init),
    module("_weakref", weakref::init),
    module("array", array::init),
    module("atexit", atexit::init),
    module("binascii", binascii::init),
    module("cmath", cmath::init),
    module("errno", errno::init),
    module("faulthandler", faulthandler::init),
    module("fcntl", fcntl::init),
    module("gc", gc::init),
    module("grp", unixdb::init_grp),
    module("itertools", itertools::init),
    module("marshal", marshal::init),
    module("math", math::init),
    module("_multiprocessing", multiprocessing::init),
    module("posix", posix::init),
    module("pwd", unixdb::init_pwd),
    module("resource", resource::init),
    module("select", select::init),
    module("time", time::init),
    module("unicodedata", unicodedata::init),
    module("zlib", zlib::init),
];

const fn module(name: &'static str, init: fn(&mut Vm) -> PyResult) -> BuiltinModule {
    BuiltinModule { name, init }
}

/// The native module `name`, if there is one.
pub fn find_builtin(name: &str) -> Option<&'static BuiltinModule> {
    BUILTIN_MODULES.iter().find(|m| m.name == name)
}

/// Builds a native module with its functions: the usual first step of a `BuiltinModule::init`.
pub fn module_with_functions(vm: &mut Vm, name: &str, defs: &'static [NativeDef]) -> Value {
    let m = new_module(vm, name);
    builtins::add_functions(vm, m, defs);
    m
}

pub fn init(vm: &mut Vm) {
    vm.sys_modules = dict::new_dict(vm);
    vm.native_state = dict::new_dict(vm);
    builtins::init(vm);
    sys::init(vm);
}

/// Registers a native module object under `name` in `sys.modules`.
pub fn register(vm: &mut Vm, name: &str, m: Value) {
    let k = vm.intern(name);
    dict::set_item_str(vm, vm.sys_modules, k, m);
}

pub fn new_native_module(vm: &mut Vm, name: &str) -> Value {
    let m = new_module(vm, name);
    register(vm, name, m);
    m
}

/// The interpreter's own instance of the native module `name` (its init runs once per
/// interpreter; Rust code that needs the module's attributes uses this one); None if there is
/// no such module.
pub fn native_module(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    match name {
        "sys" => return Ok(Some(vm.sys)),
        "builtins" => return Ok(Some(vm.builtins)),
        _ => {}
    }
    let key = format!("_imp.module.{name}");
    if let Some(m) = vm.state_get(&key) {
        return Ok(Some(m));
    }
    let Some(b) = find_builtin(name) else {
        return Ok(None);
    };
    let m = (b.init)(vm)?;
    vm.state_set(&key, m);
    // What the namespace held right after init: later imports start from it.
    let snapshot = dict::copy(vm, crate::types::module::module_dict(m))?;
    vm.state_set(&format!("_imp.snapshot.{name}"), snapshot);
    vm.state_set(&format!("_imp.handed.{name}"), Value::NONE);
    Ok(Some(m))
}

/// The module object an import of the native module `name` gets (`_imp.create_builtin`); None
/// if there is no such module. As in CPython, every import after the module was removed from
/// `sys.modules` gets a new module object (so `import_fresh_module` gets a fresh one that can
/// be collected), whose namespace starts as the first instance's did right after init.
pub fn create_builtin_module(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    if matches!(name, "sys" | "builtins") {
        return native_module(vm, name);
    }
    let Some(m) = native_module(vm, name)? else {
        return Ok(None);
    };
    let handed = format!("_imp.handed.{name}");
    if vm.state_get(&handed) == Some(Value::NONE) {
        // The first import gets the interpreter's own instance.
        vm.state_set(&handed, Value::TRUE);
        return Ok(Some(m));
    }
    let Some(snapshot) = vm.state_get(&format!("_imp.snapshot.{name}")) else {
        return Ok(Some(m));
    };
    let fresh = new_module(vm, name);
    dict::update_from_dict(vm, crate::types::module::module_dict(fresh), snapshot)?;
    Ok(Some(fresh))
}
