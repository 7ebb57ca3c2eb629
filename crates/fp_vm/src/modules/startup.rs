//! Start-up of the import system: finding CPython 3.11's `Lib/`, setting `sys`'s path
//! attributes as CPython does, and installing importlib from that library's own
//! `importlib/_bootstrap.py` and `_bootstrap_external.py` (run under the names CPython gives its
//! frozen copies, `_frozen_importlib` and `_frozen_importlib_external`).

use crate::types::module::set_attr;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::path::{Path, PathBuf};

/// Where this build's machine keeps the library (from the build script; may be empty).
const BUILD_STDLIB: &str = env!("FERROPY_BUILD_STDLIB");

/// This build's bytecode tag: a hash of the compiler's and the bytecode's sources (from the
/// build script). It names the code-cache files (`cache_tag`) and marks the code objects
/// `marshal` writes, so code compiled by another build is never loaded.
pub fn code_tag() -> u16 {
    env!("FERROPY_CODE_TAG").parse().unwrap_or(0)
}

/// `sys.implementation.cache_tag`: `ferropy-311-` and the bytecode tag in hex. Each build
/// that compiles differently keeps its own `__pycache__` files, as each CPython version does.
pub fn cache_tag() -> String {
    format!("ferropy-311-{:04x}", code_tag())
}

/// The magic number of the cache files: CPython 3.11's own (`importlib.util.MAGIC_NUMBER`,
/// unchanged). The files are told apart by their names (`cache_tag`) and their contents (see
/// `marshal`), so a CPython `.pyc` is refused by `marshal` rather than by its magic.
pub fn code_magic() -> [u8; 4] {
    let v = 3495u16.to_le_bytes();
    [v[0], v[1], b'\r', b'\n']
}

/// Whether `dir` looks like CPython 3.11's `Lib/`.
fn is_stdlib(dir: &Path) -> bool {
    dir.join("os.py").is_file() && dir.join("importlib").join("_bootstrap.py").is_file()
}

/// Finds the standard library: `FERROPY_STDLIB`, the build machine's `python3.11`, a
/// `python3.11` on PATH (by its location, then by asking it), then the usual install places.
pub fn find_stdlib() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("FERROPY_STDLIB") {
        let p = PathBuf::from(p);
        if is_stdlib(&p) {
            return Ok(p);
        }
        return Err(format!(
            "ferropy: FERROPY_STDLIB={} is not CPython 3.11's standard library (no os.py and importlib/ there)",
            p.display()
        ));
    }
    let mut candidates: Vec<PathBuf> = Vec::new();
    if !BUILD_STDLIB.is_empty() {
        candidates.push(PathBuf::from(BUILD_STDLIB));
    }
    if let Some(bin) = find_on_path("python3.11")
        && let Ok(real) = std::fs::canonicalize(&bin)
        && let Some(prefix) = real.parent().and_then(Path::parent)
    {
        candidates.push(prefix.join("lib").join("python3.11"));
    }
    if let Some(p) = candidates.iter().find(|p| is_stdlib(p)) {
        return Ok(p.clone());
    }
    if let Some(p) = ask_python() {
        return Ok(p);
    }
    let mut usual = vec![
        PathBuf::from("/usr/lib/python3.11"),
        PathBuf::from("/usr/local/lib/python3.11"),
        PathBuf::from("/opt/python3.11/lib/python3.11"),
    ];
    if let Some(home) = std::env::var_os("HOME") {
        let versions = PathBuf::from(home).join(".pyenv").join("versions");
        if let Ok(rd) = std::fs::read_dir(&versions) {
            let mut vs: Vec<PathBuf> = rd
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with("3.11"))
                .map(|e| e.path().join("lib").join("python3.11"))
                .collect();
            vs.sort();
            usual.extend(vs.into_iter().rev());
        }
    }
    if let Some(p) = usual.into_iter().find(|p| is_stdlib(p)) {
        return Ok(p);
    }
    Err("ferropy: cannot find CPython 3.11's standard library: set FERROPY_STDLIB to its Lib directory, or install it (Debian: apt-get install libpython3.11-stdlib)".to_string())
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn ask_python() -> Option<PathBuf> {
    let out = std::process::Command::new("python3.11")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_path('stdlib'))",
        ])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let p = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    is_stdlib(&p).then_some(p)
}

/// Sets `sys.path` and friends for the library at `stdlib` (a `<prefix>/lib/python3.11`).
pub fn configure_sys(vm: &mut Vm, stdlib: &Path) {
    let sys = vm.sys;
    let prefix = stdlib
        .parent()
        .filter(|p| p.file_name().is_some_and(|n| n == "lib"))
        .and_then(Path::parent)
        .unwrap_or_else(|| stdlib.parent().unwrap_or(stdlib));
    let prefix_s = prefix.to_string_lossy().into_owned();
    for name in ["prefix", "base_prefix", "exec_prefix", "base_exec_prefix"] {
        let v = vm.new_str(&prefix_s);
        set_attr(vm, sys, name, v);
    }
    let mut names: Vec<&str> = crate::modules::BUILTIN_MODULES
        .iter()
        .map(|m| m.name)
        .collect();
    names.extend(["sys", "builtins"]);
    names.sort_unstable();
    let names: Vec<Value> = names.into_iter().map(|n| vm.intern(n)).collect();
    let t = crate::types::tuple::new_tuple(vm, names);
    set_attr(vm, sys, "builtin_module_names", t);
    let lib = vm.new_str("lib");
    set_attr(vm, sys, "platlibdir", lib);
    let sd = vm.new_string(stdlib.to_string_lossy().into_owned());
    set_attr(vm, sys, "_stdlib_dir", sd);
    // sys.path[0] (the script's directory) is inserted after `site` ran: see `insert_path0`.
    let mut path: Vec<String> = Vec::new();
    if !vm.config.ignore_environment
        && let Ok(pp) = std::env::var("PYTHONPATH")
    {
        path.extend(pp.split(':').filter(|s| !s.is_empty()).map(str::to_string));
    }
    path.push(
        prefix
            .join("lib")
            .join("python311.zip")
            .to_string_lossy()
            .into_owned(),
    );
    path.push(stdlib.to_string_lossy().into_owned());
    path.push(stdlib.join("lib-dynload").to_string_lossy().into_owned());
    let items: Vec<Value> = path.into_iter().map(|p| vm.new_string(p)).collect();
    let pl = crate::types::list::new_list(vm, items);
    set_attr(vm, sys, "path", pl);
    for name in ["meta_path", "path_hooks"] {
        let l = crate::types::list::new_list(vm, vec![]);
        set_attr(vm, sys, name, l);
    }
    let cache = crate::types::dict::new_dict(vm);
    set_attr(vm, sys, "path_importer_cache", cache);
    let dont_write = vm.config.dont_write_bytecode
        || !vm.config.ignore_environment
            && std::env::var_os("PYTHONDONTWRITEBYTECODE").is_some_and(|v| !v.is_empty());
    set_attr(vm, sys, "dont_write_bytecode", Value::from_bool(dont_write));
    let prefix_env = if vm.config.ignore_environment {
        None
    } else {
        std::env::var("PYTHONPYCACHEPREFIX")
            .ok()
            .filter(|s| !s.is_empty())
    };
    let pycache_prefix = match prefix_env {
        Some(p) => vm.new_string(p),
        None => Value::NONE,
    };
    set_attr(vm, sys, "pycache_prefix", pycache_prefix);
}

/// Runs a module of the library under another name (importlib's bootstrap modules, which
/// CPython runs from frozen copies), with CPython's `<frozen ...>` file name.
fn run_bootstrap_module(vm: &mut Vm, stdlib: &Path, file: &str, name: &str) -> PyResult {
    let path = stdlib.join("importlib").join(file);
    let source = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            return Err(vm.new_exc(
                vm.exc.import_error,
                format!("cannot read {}: {e}", path.display()),
            ));
        }
    };
    let frozen_name = format!("<frozen importlib.{}>", file.trim_end_matches(".py"));
    let m = crate::types::module::new_module(vm, name);
    crate::modules::register(vm, name, m);
    let b = vm.builtins;
    set_attr(vm, m, "__builtins__", b);
    let d = crate::types::module::module_dict(m);
    let stem = file.trim_end_matches(".py");
    // A frozen module's original name, which importlib's `_setup` (`_fix_up_module`) reads to
    // give the module its spec and `__file__` (`_imp.is_frozen` answers True for it).
    let origname = vm.new_string(format!("importlib.{stem}"));
    set_attr(vm, m, "__origname__", origname);
    let cache = bootstrap_cache_path(vm, stdlib, stem);
    let dont_write = dont_write_bytecode(vm);
    let code = match load_cached(&path, &cache) {
        Some(c) => c,
        None => {
            let opts = fp_compiler::CompileOptions {
                optimize: 0,
                future_annotations: false,
            };
            let c = crate::interp::compile_checked(
                vm,
                &source,
                &frozen_name,
                fp_compiler::Mode::Exec,
                &opts,
            )?;
            if !dont_write {
                store_cached(&path, &cache, &c);
            }
            c
        }
    };
    crate::interp::run_module_code(vm, code, d)?;
    Ok(m)
}

/// Where importlib's `cache_from_source` would keep the code of `importlib/<stem>.py`.
fn bootstrap_cache_path(vm: &Vm, stdlib: &Path, stem: &str) -> PathBuf {
    cache_path_in(
        vm,
        &stdlib.join("importlib"),
        &format!("{stem}.{}.pyc", cache_tag()),
    )
}

/// The cache file `file` for a source in `dir`, as importlib places it: in `dir/__pycache__`,
/// or under `sys.pycache_prefix` (PYTHONPYCACHEPREFIX) when that is set.
fn cache_path_in(vm: &Vm, dir: &Path, file: &str) -> PathBuf {
    let prefix = sys_attr(vm, "pycache_prefix")
        .and_then(|v| crate::types::str::as_str(v).map(str::to_string));
    match prefix {
        Some(p) => {
            let rel = dir.strip_prefix("/").unwrap_or(dir);
            Path::new(&p).join(rel).join(file)
        }
        None => dir.join("__pycache__").join(file),
    }
}

fn sys_attr(vm: &Vm, name: &str) -> Option<Value> {
    crate::types::dict::get_str(crate::types::module::module_dict(vm.sys), name)
}

fn dont_write_bytecode(vm: &Vm) -> bool {
    sys_attr(vm, "dont_write_bytecode").is_some_and(|v| v == Value::TRUE)
}

/// Runs Python source embedded in the binary (the class and validator code of native
/// modules such as `_ast`) in `globals`, with its compiled code kept in the code cache of the
/// library's `__pycache__` (as `<cache_name>.<cache tag>.pyc`), so that each process does not
/// compile it again. The file is keyed, like a hash-based pyc (PEP 552), by a hash of the
/// source and the optimization level under this build's magic.
pub fn exec_embedded(
    vm: &mut Vm,
    cache_name: &str,
    source: &str,
    filename: &str,
    globals: Value,
) -> PyResult {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    source.hash(&mut h);
    filename.hash(&mut h);
    vm.config.optimize.hash(&mut h);
    let key = h.finish();
    let mut header = Vec::with_capacity(16);
    header.extend_from_slice(&code_magic());
    header.extend_from_slice(&1u32.to_le_bytes());
    header.extend_from_slice(&key.to_le_bytes());
    let cache = sys_attr(vm, "_stdlib_dir")
        .and_then(|v| crate::types::str::as_str(v).map(PathBuf::from))
        .map(|dir| cache_path_in(vm, &dir, &format!("{cache_name}.{}.pyc", cache_tag())));
    let cached = cache.as_ref().and_then(|c| {
        let data = std::fs::read(c).ok()?;
        read_cached_code(&data, &header)
    });
    let code = match cached {
        Some(c) => c,
        None => {
            let opts = fp_compiler::CompileOptions {
                optimize: vm.config.optimize,
                future_annotations: false,
            };
            let c = crate::interp::compile_checked(
                vm,
                source,
                filename,
                fp_compiler::Mode::Exec,
                &opts,
            )?;
            if let Some(path) = cache.as_ref().filter(|_| !dont_write_bytecode(vm)) {
                write_atomically(path, &cached_code_file(header.clone(), &c));
            }
            c
        }
    };
    crate::interp::run_module_code(vm, code, globals)
}

/// Writes a cache file aside then renames it, so a concurrent start never reads half a file;
/// failures (a read-only library) just mean no cache, as for importlib.
fn write_atomically(cache: &Path, data: &[u8]) {
    let tmp = cache.with_extension(format!("pyc.{}", std::process::id()));
    if let Some(dir) = cache.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if std::fs::write(&tmp, data).is_ok() && std::fs::rename(&tmp, cache).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// The pyc header importlib writes: magic, flags 0, source mtime and size (32-bit each).
fn cache_header(source: &Path) -> Option<Vec<u8>> {
    let meta = std::fs::metadata(source).ok()?;
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs() as u32;
    let mut h = Vec::with_capacity(16);
    h.extend_from_slice(&code_magic());
    h.extend_from_slice(&0u32.to_le_bytes());
    h.extend_from_slice(&mtime.to_le_bytes());
    h.extend_from_slice(&(meta.len() as u32).to_le_bytes());
    Some(h)
}

/// The bootstrap modules' compiled code, from the same kind of cache file importlib keeps for
/// every other module (CPython freezes these two; we cache them).
fn load_cached(source: &Path, cache: &Path) -> Option<fp_bytecode::CodeObject> {
    let header = cache_header(source)?;
    let data = std::fs::read(cache).ok()?;
    read_cached_code(&data, &header)
}

fn store_cached(source: &Path, cache: &Path, code: &fp_bytecode::CodeObject) {
    let Some(header) = cache_header(source) else {
        return;
    };
    write_atomically(cache, &cached_code_file(header, code));
}

/// A cache file's contents: `header`, then the code as `marshal.dumps` writes it (so importlib
/// can read the files these functions write, and the other way round).
fn cached_code_file(mut data: Vec<u8>, code: &fp_bytecode::CodeObject) -> Vec<u8> {
    data.extend_from_slice(&crate::modules::marshal::code_prefix());
    fp_bytecode::serialize::write_code(&mut data, code);
    data
}

/// The code in a cache file, when its header is `header` and it holds this build's code.
fn read_cached_code(data: &[u8], header: &[u8]) -> Option<fp_bytecode::CodeObject> {
    let prefix = crate::modules::marshal::code_prefix();
    let body = data.strip_prefix(header)?.strip_prefix(&prefix[..])?;
    fp_bytecode::serialize::read_code(body).map(|(c, _)| c)
}

/// Installs importlib as the import system (CPython's `init_importlib` and
/// `init_importlib_external`).
pub fn install_importlib(vm: &mut Vm, stdlib: &Path) -> PyResult<()> {
    let imp = crate::modules::import_module(vm, "_imp")?;
    let bootstrap = run_bootstrap_module(vm, stdlib, "_bootstrap.py", "_frozen_importlib")?;
    let sys = vm.sys;
    let install = vm.intern("_install");
    crate::ops::call::call_method(vm, bootstrap, install, &[sys, imp])?;
    let builtin_import =
        crate::types::dict::get_str(vm.builtins_dict, "__import__").unwrap_or(Value::NONE);
    vm.state_set("import.builtin", builtin_import);
    vm.importlib = bootstrap;
    let external = run_bootstrap_module(
        vm,
        stdlib,
        "_bootstrap_external.py",
        "_frozen_importlib_external",
    )?;
    let install_ext = vm.intern("_install_external_importers");
    crate::ops::call::call_method(vm, bootstrap, install_ext, &[])?;
    // CPython imports `_frozen_importlib_external` through FrozenImporter at this point; ferropy
    // ran it already, so give it the spec that import would have.
    let fi = crate::ops::attr::getattr_str(vm, bootstrap, "FrozenImporter")?;
    let fs = vm.intern("find_spec");
    let en = vm.intern("_frozen_importlib_external");
    let spec = crate::ops::call::call_method(vm, fi, fs, &[en])?;
    let init_attrs = vm.intern("_init_module_attrs");
    crate::ops::call::call_method(vm, bootstrap, init_attrs, &[spec, external])?;
    install_zipimport(vm);
    Ok(())
}

/// Puts `zipimport.zipimporter` first on `sys.path_hooks`, as CPython's `_PyImportZip_Init`
/// (a failure leaves imports from zip files unsupported, as there).
fn install_zipimport(vm: &mut Vm) {
    let r = (|| -> PyResult<()> {
        let z = crate::modules::import_module(vm, "zipimport")?;
        let zi = crate::ops::attr::getattr_str(vm, z, "zipimporter")?;
        let hooks = crate::ops::attr::getattr_str(vm, vm.sys, "path_hooks")?;
        let ins = vm.intern("insert");
        let zero = Value::try_small_int(0).unwrap_or(Value::NONE);
        crate::ops::call::call_method(vm, hooks, ins, &[zero, zi])?;
        Ok(())
    })();
    let _ = r;
}

/// Imports `site` (unless -S), then
/// puts the script's directory (or '' for -c, -m's cwd) first on `sys.path`, in CPython's order.
pub fn finish_startup(vm: &mut Vm) -> PyResult<()> {
    // As CPython: with warning options, `warnings` is imported first, so they apply to every
    // warning (including those of `site` and of the runtime itself).
    let opts = crate::ops::attr::getattr_str(vm, vm.sys, "warnoptions");
    if opts.is_ok_and(|o| {
        o.downcast::<crate::types::list::ListObj>()
            .is_some_and(|l| l.len() > 0)
    }) {
        // A failure is reported and start-up goes on, as in CPython.
        if crate::modules::import_module(vm, "warnings").is_err() {
            crate::modules::sys::write_stderr(vm, "'import warnings' failed\n");
        }
    }
    if !vm.config.no_site {
        crate::modules::import_module(vm, "site")?;
    }
    if let Some(p0) = vm.config.path0.clone()
        && !vm.config.safe_path
    {
        let path = vm.intern("path");
        let l = crate::ops::attr::getattr(vm, vm.sys, path)?;
        let s = vm.new_string(p0);
        if let Some(list) = l.downcast::<crate::types::list::ListObj>() {
            list.items.borrow_mut().insert(0, s);
        }
    }
    Ok(())
}

/// Replaces the start-up streams with `_io` ones, as CPython's `init_sys_streams` builds them:
/// buffered binary streams under UTF-8 TextIOWrappers (stderr with "backslashreplace").
pub fn install_stdio(vm: &mut Vm) -> PyResult<()> {
    crate::modules::stdio::flush_stdout(vm);
    crate::modules::native_module(vm, "_io")?;
    let buffered = !vm.config.unbuffered;
    let sys = vm.sys;
    for (fd, name, write, errors) in [
        (0, "stdin", false, "strict"),
        (1, "stdout", true, "strict"),
        (2, "stderr", true, "backslashreplace"),
    ] {
        let s = crate::modules::io::open::create_stdio(
            vm,
            fd,
            &format!("<{name}>"),
            write,
            buffered,
            errors,
        )?;
        set_attr(vm, sys, name, s);
        set_attr(vm, sys, &format!("__{name}__"), s);
        // The standard streams outlive every finalizer (CPython flushes them last and never
        // closes descriptors 0-2): they are not finalized at exit.
        let mut layer = s;
        for attr in ["buffer", "raw"] {
            crate::heap::unregister_finalizer(layer);
            let key = vm.intern(attr);
            match crate::ops::attr::getattr_opt(vm, layer, key)? {
                Some(inner) => layer = inner,
                None => break,
            }
        }
        crate::heap::unregister_finalizer(layer);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// The cache files carry CPython 3.11's magic; the cache tag names this build.
    #[test]
    fn code_magic_is_cpython_311() {
        assert_eq!(&super::code_magic(), b"\xa7\x0d\r\n");
        let tag = super::cache_tag();
        assert!(tag.starts_with("ferropy-311-") && tag.len() == 16, "{tag}");
    }
}
