//! `posix.scandir` and its `ScandirIterator` and `DirEntry` types.
//!
//! The iterator owns a C directory stream; it is closed by `close()`, at exhaustion, by the
//! `with` statement, or when the collector drops the iterator. A `DirEntry` keeps the
//! `d_type` and inode that `readdir` reported, and caches `stat()` results as CPython does.

use super::util::{self, PathSpec};
use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};
use std::cell::{Cell, RefCell};
use std::ffi::CString;

pub struct ScandirIter {
    /// The open stream (as an address; 0 once closed).
    dir: Cell<usize>,
    /// The directory as given (bytes), without a trailing NUL.
    path: Vec<u8>,
    /// Whether `path` should be used to build entry paths (false for an fd).
    fd: Option<i32>,
    narrow: bool,
    /// The `DirEntry` type (looked up once, not per entry).
    entry_type: Value,
}

impl Trace for ScandirIter {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit(self.entry_type);
    }
}

impl Payload for ScandirIter {
    const KIND: ObjKind = ObjKind::ScandirIter;
}

impl ScandirIter {
    fn close(&self) {
        let d = self.dir.replace(0);
        if d != 0 {
            let dir = d as *mut libc::DIR;
            if self.fd.is_some() {
                // SAFETY: the stream is open; rewinding leaves the caller's fd at the start.
                unsafe { libc::rewinddir(dir) };
            }
            // SAFETY: the stream is open and closed once (the address was swapped out).
            unsafe { libc::closedir(dir) };
        }
    }
}

impl Drop for ScandirIter {
    fn drop(&mut self) {
        self.close();
    }
}

pub struct DirEntry {
    name: Value,
    path: Value,
    /// The directory descriptor for fd-based scandir (entries are relative to it).
    dir_fd: Option<i32>,
    d_type: u8,
    ino: u64,
    stat: Cell<Value>,
    lstat: Cell<Value>,
    /// The C path of the entry (name for an fd, else the joined path).
    cpath: RefCell<CString>,
}

impl Trace for DirEntry {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit(self.name);
        visit(self.path);
        visit(self.stat.get());
        visit(self.lstat.get());
    }
}

impl Payload for DirEntry {
    const KIND: ObjKind = ObjKind::DirEntry;
}

pub fn make_types(vm: &mut Vm) -> Value {
    let object = vm.types.object;
    let it = typeobj::new_static_type(
        vm,
        "ScandirIterator",
        object,
        ObjKind::ScandirIter,
        TypeFlags(0),
    );
    let m = vm.new_str("posix");
    typeobj::set_type_attr(vm, it, "__module__", m);
    typeobj::add_methods(vm, it, ITER_METHODS);
    vm.state_set("posix.ScandirIterator", it);
    let de = typeobj::new_static_type(vm, "DirEntry", object, ObjKind::DirEntry, TypeFlags(0));
    typeobj::set_type_attr(vm, de, "__module__", m);
    typeobj::add_methods(vm, de, ENTRY_METHODS);
    typeobj::add_getsets(vm, de, ENTRY_GETSETS);
    vm.state_set("posix.DirEntry", de);
    de
}

/// `scandir(path=None)`.
pub fn scandir(vm: &mut Vm, a: &[Value]) -> PyResult {
    let spec = PathSpec {
        func: "scandir",
        arg: "path",
        nullable: true,
        allow_fd: true,
    };
    let p = util::convert_path(vm, spec, a[1])?;
    let dir = if let Some(fd) = p.fd {
        // SAFETY: duplicating the caller's descriptor so closedir leaves theirs open.
        let d = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
        if d < 0 {
            return Err(util::last_error(vm));
        }
        // SAFETY: the stream takes over our duplicate.
        let dir = unsafe { libc::fdopendir(d) };
        if dir.is_null() {
            let e = util::errno();
            // SAFETY: closing our duplicate.
            unsafe { libc::close(d) };
            return Err(util::error_from(vm, e, None, None));
        }
        dir
    } else {
        let path = if p.c.is_some() {
            p.ptr()
        } else {
            c".".as_ptr()
        };
        // SAFETY: a NUL-terminated path.
        let dir = unsafe { libc::opendir(path) };
        if dir.is_null() {
            let e = util::errno();
            let f = p.filename().unwrap_or_else(|| vm.new_str("."));
            return Err(util::error_from(vm, e, Some(f), None));
        }
        dir
    };
    let path = if p.c.is_some() {
        p.bytes().to_vec()
    } else {
        b".".to_vec()
    };
    let ty = vm
        .state_get("posix.ScandirIterator")
        .unwrap_or(vm.types.object);
    let entry_type = vm.state_get("posix.DirEntry").unwrap_or(vm.types.object);
    Ok(alloc(
        ty,
        ScandirIter {
            dir: Cell::new(dir as usize),
            path,
            fd: p.fd,
            narrow: p.narrow,
            entry_type,
        },
    ))
}

static ITER_METHODS: &[NativeDef] = &[
    native!("__iter__", "($self, /)", iter_self),
    native!("__next__", "($self, /)", iter_next),
    native!("close", "($self, /)", iter_close),
    native!("__enter__", "($self, /)", iter_self),
    native!("__exit__", "($self, *args)", iter_exit),
    native!("__del__", "($self, /)", iter_del),
    native_staticmethod!("__new__", "($type, *args, **kwargs)", no_new),
];

fn no_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = typeobj::type_name(a[0]);
    Err(vm.type_error(format!("cannot create 'posix.{name}' instances")))
}

fn this_iter(vm: &mut Vm, v: Value) -> PyResult<&'static ScandirIter> {
    v.downcast::<ScandirIter>().ok_or_else(|| {
        vm.type_error(format!(
            "descriptor requires a 'posix.ScandirIterator' object but received '{}'",
            vm.type_name(v)
        ))
    })
}

fn iter_self(vm: &mut Vm, a: &[Value]) -> PyResult {
    this_iter(vm, a[0])?;
    Ok(a[0])
}

fn iter_close(vm: &mut Vm, a: &[Value]) -> PyResult {
    this_iter(vm, a[0])?.close();
    Ok(Value::NONE)
}

/// The finalizer: an iterator dropped before exhaustion warns, then closes its stream.
fn iter_del(vm: &mut Vm, a: &[Value]) -> PyResult {
    let it = this_iter(vm, a[0])?;
    if it.dir.get() != 0 {
        let r = crate::ops::repr::repr_string(vm, a[0])?;
        let warned = crate::modules::warnings::warn_with_source(
            vm,
            vm.exc.resource_warning,
            &format!("unclosed scandir iterator {r}"),
            1,
            a[0],
        );
        it.close();
        warned?;
    }
    Ok(Value::NONE)
}

/// Whether a collected iterator still has its stream open (its finalizer has work).
pub fn iter_is_open(v: Value) -> bool {
    v.downcast::<ScandirIter>()
        .is_some_and(|it| it.dir.get() != 0)
}

fn iter_exit(vm: &mut Vm, a: &[Value]) -> PyResult {
    this_iter(vm, a[0])?.close();
    Ok(Value::FALSE)
}

fn iter_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let it = this_iter(vm, a[0])?;
    loop {
        let d = it.dir.get();
        if d == 0 {
            return Err(vm.new_exc_args(vm.exc.stop_iteration, vec![]));
        }
        // SAFETY: clearing errno to tell end-of-directory from an error.
        unsafe { *libc::__errno_location() = 0 };
        // SAFETY: the stream is open.
        let ent = unsafe { libc::readdir(d as *mut libc::DIR) };
        if ent.is_null() {
            let e = util::errno();
            it.close();
            if e != 0 {
                let f = util::fs_name(vm, &it.path, it.narrow);
                return Err(util::error_from(vm, e, Some(f), None));
            }
            return Err(vm.new_exc_args(vm.exc.stop_iteration, vec![]));
        }
        // SAFETY: `ent` points at the entry readdir returned; d_name is NUL-terminated.
        let (name, d_type, ino) = unsafe {
            (
                std::ffi::CStr::from_ptr((*ent).d_name.as_ptr())
                    .to_bytes()
                    .to_vec(),
                (*ent).d_type,
                (*ent).d_ino,
            )
        };
        if name == b"." || name == b".." {
            continue;
        }
        let full = if it.fd.is_some() {
            name.clone()
        } else {
            let mut f = it.path.clone();
            if !f.ends_with(b"/") {
                f.push(b'/');
            }
            f.extend_from_slice(&name);
            f
        };
        let name_v = util::fs_name(vm, &name, it.narrow);
        let path_v = util::fs_name(vm, &full, it.narrow);
        let cpath = CString::new(full).unwrap_or_default();
        return Ok(alloc(
            it.entry_type,
            DirEntry {
                name: name_v,
                path: path_v,
                dir_fd: it.fd,
                d_type,
                ino,
                stat: Cell::new(Value::NULL),
                lstat: Cell::new(Value::NULL),
                cpath: RefCell::new(cpath),
            },
        ));
    }
}

static ENTRY_METHODS: &[NativeDef] = &[
    native!("inode", "($self, /)", entry_inode),
    native!(
        "is_dir",
        "($self, /, *, follow_symlinks=True)",
        entry_is_dir
    ),
    native!(
        "is_file",
        "($self, /, *, follow_symlinks=True)",
        entry_is_file
    ),
    native!("is_symlink", "($self, /)", entry_is_symlink),
    native!("stat", "($self, /, *, follow_symlinks=True)", entry_stat),
    native!("__fspath__", "($self, /)", entry_fspath),
    native!("__repr__", "($self, /)", entry_repr),
    native_classmethod!("__class_getitem__", "($type, item, /)", class_getitem),
    native_staticmethod!("__new__", "($type, *args, **kwargs)", no_new),
];

static ENTRY_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("name", "($self, /)", entry_name), None),
    (native!("path", "($self, /)", entry_path), None),
];

fn class_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    crate::modules::builtins::make_generic_alias(vm, a[0], a[1])
}

fn this_entry(vm: &mut Vm, v: Value) -> PyResult<&'static DirEntry> {
    v.downcast::<DirEntry>().ok_or_else(|| {
        vm.type_error(format!(
            "descriptor requires a 'posix.DirEntry' object but received '{}'",
            vm.type_name(v)
        ))
    })
}

fn entry_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(this_entry(vm, a[0])?.name)
}

fn entry_path(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(this_entry(vm, a[0])?.path)
}

fn entry_fspath(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(this_entry(vm, a[0])?.path)
}

fn entry_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this_entry(vm, a[0])?;
    let r = crate::ops::repr::repr_string(vm, e.name)?;
    Ok(vm.new_string(format!("<DirEntry {r}>")))
}

fn entry_inode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this_entry(vm, a[0])?;
    Ok(crate::types::int::from_u64(vm, e.ino))
}

/// The entry's stat result (following symlinks or not), fetched once and cached.
fn fetch_stat(vm: &mut Vm, e: &DirEntry, follow: bool) -> PyResult {
    let cache = if follow { &e.stat } else { &e.lstat };
    let c = cache.get();
    if !c.is_null() {
        return Ok(c);
    }
    // A non-symlink's stat is its lstat.
    if follow && e.d_type != libc::DT_LNK && e.d_type != libc::DT_UNKNOWN {
        let l = fetch_stat(vm, e, false)?;
        e.stat.set(l);
        return Ok(l);
    }
    let dirfd = e.dir_fd.unwrap_or(libc::AT_FDCWD);
    let p = util::PathArg {
        c: Some(e.cpath.borrow().clone()),
        fd: None,
        object: e.path,
        narrow: false,
    };
    let st = loop {
        match super::stat::do_stat(&p, dirfd, follow) {
            Ok(st) => break st,
            Err(libc::EINTR) => util::check_interrupt(vm)?,
            Err(err) => return Err(util::error_from(vm, err, Some(e.path), None)),
        }
    };
    let v = super::stat::from_stat(vm, &st);
    cache.set(v);
    Ok(v)
}

fn st_mode(v: Value) -> u32 {
    crate::types::tuple::items(v)
        .and_then(|t| t.first())
        .and_then(|m| m.as_small_int())
        .unwrap_or(0) as u32
}

fn is_type(vm: &mut Vm, a: &[Value], follow_arg: Value, dt: u8, fmt: u32) -> PyResult {
    let e = this_entry(vm, a[0])?;
    let follow = util::flag(vm, follow_arg, true)?;
    if e.d_type != libc::DT_UNKNOWN && !(follow && e.d_type == libc::DT_LNK) {
        return Ok(Value::from_bool(e.d_type == dt));
    }
    match fetch_stat(vm, e, follow) {
        Ok(st) => Ok(Value::from_bool(st_mode(st) & libc::S_IFMT == fmt)),
        Err(x) if vm.exc_matches(x, vm.exc.file_not_found_error) => Ok(Value::FALSE),
        Err(x) => Err(x),
    }
}

fn entry_is_dir(vm: &mut Vm, a: &[Value]) -> PyResult {
    is_type(vm, a, a[1], libc::DT_DIR, libc::S_IFDIR)
}

fn entry_is_file(vm: &mut Vm, a: &[Value]) -> PyResult {
    is_type(vm, a, a[1], libc::DT_REG, libc::S_IFREG)
}

fn entry_is_symlink(vm: &mut Vm, a: &[Value]) -> PyResult {
    is_type(vm, a, Value::FALSE, libc::DT_LNK, libc::S_IFLNK)
}

fn entry_stat(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this_entry(vm, a[0])?;
    let follow = util::flag(vm, a[1], true)?;
    fetch_stat(vm, e, follow)
}
