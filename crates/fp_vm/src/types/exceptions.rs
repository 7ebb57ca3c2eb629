//! The builtin exception hierarchy (CPython 3.11's) and `BaseException`'s behaviour: args,
//! `__traceback__`, `__cause__`, `__context__`, `__suppress_context__`, notes, and the
//! per-class attributes (`StopIteration.value`, `SystemExit.code`, `OSError.errno`, ...), which
//! are ordinary instance attributes set by each class's `__init__`.

use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::Cell;

pub struct ExceptionObj {
    pub args: Cell<Value>,
    pub traceback: Cell<Value>,
    pub cause: Cell<Value>,
    pub context: Cell<Value>,
    pub suppress_context: Cell<bool>,
}

impl Trace for ExceptionObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for v in [
            self.args.get(),
            self.traceback.get(),
            self.cause.get(),
            self.context.get(),
        ] {
            v.trace(visit)
        }
    }
}

impl Payload for ExceptionObj {
    const KIND: ObjKind = ObjKind::Exception;
}

macro_rules! exc_registry {
    ($( $field:ident : $name:literal < $base:ident ),* $(,)?) => {
        /// The builtin exception classes.
        pub struct ExcTypes { $(pub $field: Value,)* }
        impl ExcTypes {
            pub fn empty() -> ExcTypes { ExcTypes { $($field: Value::NULL,)* } }
            pub fn trace(&self, visit: &mut dyn FnMut(Value)) { $(visit(self.$field);)* }
        }
        /// (field accessor, Python name, base accessor) in creation order.
        fn table() -> Vec<(fn(&mut ExcTypes) -> &mut Value, &'static str, fn(&ExcTypes) -> Value)> {
            vec![$( (|e: &mut ExcTypes| &mut e.$field, $name, |e: &ExcTypes| e.$base), )*]
        }
    };
}

exc_registry! {
    base_exception: "BaseException" < base_exception,
    base_exception_group: "BaseExceptionGroup" < base_exception,
    generator_exit: "GeneratorExit" < base_exception,
    keyboard_interrupt: "KeyboardInterrupt" < base_exception,
    system_exit: "SystemExit" < base_exception,
    exception: "Exception" < base_exception,
    arithmetic_error: "ArithmeticError" < exception,
    floating_point_error: "FloatingPointError" < arithmetic_error,
    overflow_error: "OverflowError" < arithmetic_error,
    zero_division_error: "ZeroDivisionError" < arithmetic_error,
    assertion_error: "AssertionError" < exception,
    attribute_error: "AttributeError" < exception,
    buffer_error: "BufferError" < exception,
    eof_error: "EOFError" < exception,
    exception_group: "ExceptionGroup" < base_exception_group,
    import_error: "ImportError" < exception,
    module_not_found_error: "ModuleNotFoundError" < import_error,
    lookup_error: "LookupError" < exception,
    index_error: "IndexError" < lookup_error,
    key_error: "KeyError" < lookup_error,
    memory_error: "MemoryError" < exception,
    name_error: "NameError" < exception,
    unbound_local_error: "UnboundLocalError" < name_error,
    os_error: "OSError" < exception,
    blocking_io_error: "BlockingIOError" < os_error,
    child_process_error: "ChildProcessError" < os_error,
    connection_error: "ConnectionError" < os_error,
    broken_pipe_error: "BrokenPipeError" < connection_error,
    connection_aborted_error: "ConnectionAbortedError" < connection_error,
    connection_refused_error: "ConnectionRefusedError" < connection_error,
    connection_reset_error: "ConnectionResetError" < connection_error,
    file_exists_error: "FileExistsError" < os_error,
    file_not_found_error: "FileNotFoundError" < os_error,
    interrupted_error: "InterruptedError" < os_error,
    is_a_directory_error: "IsADirectoryError" < os_error,
    not_a_directory_error: "NotADirectoryError" < os_error,
    permission_error: "PermissionError" < os_error,
    process_lookup_error: "ProcessLookupError" < os_error,
    timeout_error: "TimeoutError" < os_error,
    reference_error: "ReferenceError" < exception,
    runtime_error: "RuntimeError" < exception,
    not_implemented_error: "NotImplementedError" < runtime_error,
    recursion_error: "RecursionError" < runtime_error,
    stop_async_iteration: "StopAsyncIteration" < exception,
    stop_iteration: "StopIteration" < exception,
    syntax_error: "SyntaxError" < exception,
    indentation_error: "IndentationError" < syntax_error,
    tab_error: "TabError" < indentation_error,
    system_error: "SystemError" < exception,
    type_error: "TypeError" < exception,
    value_error: "ValueError" < exception,
    unicode_error: "UnicodeError" < value_error,
    unicode_decode_error: "UnicodeDecodeError" < unicode_error,
    unicode_encode_error: "UnicodeEncodeError" < unicode_error,
    unicode_translate_error: "UnicodeTranslateError" < unicode_error,
    warning: "Warning" < exception,
    bytes_warning: "BytesWarning" < warning,
    deprecation_warning: "DeprecationWarning" < warning,
    encoding_warning: "EncodingWarning" < warning,
    future_warning: "FutureWarning" < warning,
    import_warning: "ImportWarning" < warning,
    pending_deprecation_warning: "PendingDeprecationWarning" < warning,
    resource_warning: "ResourceWarning" < warning,
    runtime_warning: "RuntimeWarning" < warning,
    syntax_warning: "SyntaxWarning" < warning,
    unicode_warning: "UnicodeWarning" < warning,
    user_warning: "UserWarning" < warning,
}

/// Creates the exception classes and puts them in `builtins` (done by `modules::builtins`).
pub fn init(vm: &mut Vm) {
    let object = vm.types.object;
    for (field, name, base_of) in table() {
        let base = if name == "BaseException" {
            object
        } else {
            base_of(&vm.exc)
        };
        let flags = TypeFlags::BASETYPE
            .union(TypeFlags::HAS_DICT)
            .union(TypeFlags::EXCEPTION);
        let ty = typeobj::new_static_type(vm, name, base, ObjKind::Exception, flags);
        *field(&mut vm.exc) = ty;
    }
    // ExceptionGroup(BaseExceptionGroup, Exception): fix its bases and MRO.
    let eg = vm.exc.exception_group;
    let bases = vec![vm.exc.base_exception_group, vm.exc.exception];
    if let Ok(mro) = typeobj::compute_mro(vm, eg, &bases) {
        *typeobj::tobj(eg).mro.borrow_mut() = mro;
    }
    let bt = crate::types::tuple::new_tuple(vm, bases);
    typeobj::tobj(eg).bases.set(bt);
    typeobj::tobj(vm.exc.exception)
        .subclasses
        .borrow_mut()
        .push(eg);

    let be = vm.exc.base_exception;
    typeobj::add_methods(vm, be, BASE_EXCEPTION_METHODS);
    typeobj::add_getsets(vm, be, BASE_EXCEPTION_GETSETS);
    for (ty, defs) in [
        (vm.exc.stop_iteration, STOP_ITERATION_METHODS),
        (vm.exc.system_exit, SYSTEM_EXIT_METHODS),
        (vm.exc.key_error, KEY_ERROR_METHODS),
        (vm.exc.import_error, IMPORT_ERROR_METHODS),
        (vm.exc.name_error, NAME_ERROR_METHODS),
        (vm.exc.attribute_error, ATTRIBUTE_ERROR_METHODS),
        (vm.exc.syntax_error, SYNTAX_ERROR_METHODS),
        (vm.exc.os_error, OS_ERROR_METHODS),
    ] {
        typeobj::add_methods(vm, ty, defs);
    }
    crate::types::exception_group::init(vm);
    crate::types::str_codec::install_unicode_errors(vm);
}

/// Allocates an exception of class `ty` with `args` and runs its class's attribute set-up
/// (what `__init__` does), without going through Python-level dispatch.
pub fn new_exception(vm: &mut Vm, ty: Value, args: Vec<Value>) -> Value {
    let t = crate::types::tuple::new_tuple(vm, args);
    let e = alloc_exception(vm, ty, t);
    let _ = init_special(vm, e, t);
    e
}

fn alloc_exception(_vm: &mut Vm, ty: Value, args: Value) -> Value {
    alloc(
        ty,
        ExceptionObj {
            args: Cell::new(args),
            traceback: Cell::new(Value::NONE),
            cause: Cell::new(Value::NONE),
            context: Cell::new(Value::NONE),
            suppress_context: Cell::new(false),
        },
    )
}

pub fn exc_obj(v: Value) -> Option<&'static ExceptionObj> {
    v.downcast::<ExceptionObj>()
}

fn set_attr(vm: &mut Vm, obj: Value, name: &str, v: Value) {
    let n = vm.intern(name);
    crate::types::instance::set(vm, obj, n, v);
}

/// The attributes particular builtin exception classes derive from their arguments.
fn init_special(vm: &mut Vm, e: Value, args: Value) -> PyResult<()> {
    let ty = vm.type_of(e);
    let a = crate::types::tuple::items(args).unwrap_or(&[]).to_vec();
    let first = a.first().copied().unwrap_or(Value::NONE);
    let sub = |t: Value| typeobj::is_subtype(ty, t);
    if sub(vm.exc.stop_iteration) || sub(vm.exc.stop_async_iteration) {
        set_attr(vm, e, "value", first);
    } else if sub(vm.exc.system_exit) {
        let code = if a.len() > 1 { args } else { first };
        set_attr(vm, e, "code", code);
    } else if sub(vm.exc.import_error) {
        let msg = if a.len() == 1 { first } else { Value::NONE };
        set_attr(vm, e, "msg", msg);
        for n in ["name", "path"] {
            if crate::types::instance::get(e, vm.intern(n)).is_none() {
                set_attr(vm, e, n, Value::NONE);
            }
        }
    } else if sub(vm.exc.name_error) || sub(vm.exc.attribute_error) {
        let n = vm.intern("name");
        if crate::types::instance::get(e, n).is_none() {
            set_attr(vm, e, "name", Value::NONE);
        }
        if sub(vm.exc.attribute_error) && crate::types::instance::get(e, vm.intern("obj")).is_none()
        {
            set_attr(vm, e, "obj", Value::NONE);
        }
    } else if sub(vm.exc.syntax_error) {
        let mut fields = [Value::NONE; 6];
        if let Some(details) = a.get(1).and_then(|d| crate::types::tuple::items(*d)) {
            for (i, v) in details.iter().take(6).enumerate() {
                fields[i] = *v;
            }
        }
        let msg = if a.is_empty() { Value::NONE } else { first };
        set_attr(vm, e, "msg", msg);
        for (i, n) in [
            "filename",
            "lineno",
            "offset",
            "text",
            "end_lineno",
            "end_offset",
        ]
        .iter()
        .enumerate()
        {
            set_attr(vm, e, n, fields[i]);
        }
        set_attr(vm, e, "print_file_and_line", Value::NONE);
    } else if sub(vm.exc.os_error) {
        let (errno, strerror) = if a.len() >= 2 {
            (a[0], a[1])
        } else {
            (Value::NONE, Value::NONE)
        };
        set_attr(vm, e, "errno", errno);
        set_attr(vm, e, "strerror", strerror);
        // BlockingIOError(errno, strerror, n): the third argument is `characters_written`,
        // not a filename, and the arguments stay whole (CPython, exact type only).
        if a.len() == 3 && ty == vm.exc.blocking_io_error && crate::types::int::is_int(a[2]) {
            set_attr(vm, e, "characters_written", a[2]);
            set_attr(vm, e, "filename", Value::NONE);
            set_attr(vm, e, "filename2", Value::NONE);
            return Ok(());
        }
        let filename = if a.len() >= 3 { a[2] } else { Value::NONE };
        set_attr(vm, e, "filename", filename);
        let filename2 = if a.len() >= 5 { a[4] } else { Value::NONE };
        set_attr(vm, e, "filename2", filename2);
        if a.len() >= 3 && a.len() <= 5 {
            // args become (errno, strerror) when a filename was given, as CPython.
            let t = crate::types::tuple::new_tuple(vm, vec![a[0], a[1]]);
            if let Some(x) = exc_obj(e) {
                x.args.set(t);
            }
        }
    }
    Ok(())
}

// ----- BaseException methods -----

static BASE_EXCEPTION_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", exc_new),
    native!("__init__", "($self, /, *args, **kwargs)", exc_init),
    native!("__str__", "($self, /)", exc_str),
    native!("__repr__", "($self, /)", exc_repr),
    native!("with_traceback", "($self, tb, /)", exc_with_traceback),
    native!("add_note", "($self, note, /)", exc_add_note),
    native!("__reduce__", "($self, /)", exc_reduce),
    native!("__setstate__", "($self, state, /)", exc_setstate),
];

static BASE_EXCEPTION_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (
        native!("args", "($self, /)", get_args),
        Some(native!("args", "($self, value, /)", set_args)),
    ),
    (
        native!("__traceback__", "($self, /)", get_traceback),
        Some(native!("__traceback__", "($self, value, /)", set_traceback)),
    ),
    (
        native!("__cause__", "($self, /)", get_cause),
        Some(native!("__cause__", "($self, value, /)", set_cause)),
    ),
    (
        native!("__context__", "($self, /)", get_context),
        Some(native!("__context__", "($self, value, /)", set_context)),
    ),
    (
        native!("__suppress_context__", "($self, /)", get_suppress),
        Some(native!(
            "__suppress_context__",
            "($self, value, /)",
            set_suppress
        )),
    ),
];

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static ExceptionObj> {
    match exc_obj(v) {
        Some(e) => Ok(e),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'BaseException' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

fn exc_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    if !typeobj::is_subtype(ty, vm.exc.base_exception) {
        return Err(vm.type_error(format!(
            "BaseException.__new__({}): {} is not a subtype of BaseException",
            typeobj::type_name(ty),
            typeobj::type_name(ty)
        )));
    }
    let args = a[1];
    let e = alloc_exception(vm, ty, args);
    Ok(e)
}

fn exc_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this(vm, a[0])?;
    let args = a[1];
    e.args.set(args);
    init_special(vm, a[0], args)?;
    Ok(Value::NONE)
}

fn exc_str(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this(vm, a[0])?;
    let args = crate::types::tuple::items(e.args.get()).unwrap_or(&[]);
    match args.len() {
        0 => Ok(vm.intern("")),
        1 => crate::ops::repr::str(vm, args[0]),
        _ => crate::ops::repr::repr(vm, e.args.get()),
    }
}

fn exc_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this(vm, a[0])?;
    let name = vm.type_name(a[0]);
    let args = crate::types::tuple::items(e.args.get()).unwrap_or(&[]);
    let inner = if args.len() == 1 {
        let r = crate::ops::repr::repr(vm, args[0])?;
        crate::types::str::as_str(r).unwrap_or("").to_string()
    } else {
        let r = crate::ops::repr::repr(vm, e.args.get())?;
        let s = crate::types::str::as_str(r).unwrap_or("()");
        s.strip_prefix('(')
            .and_then(|s| s.strip_suffix(')'))
            .unwrap_or(s)
            .trim_end_matches(',')
            .to_string()
    };
    Ok(vm.new_string(format!("{name}({inner})")))
}

fn exc_with_traceback(vm: &mut Vm, a: &[Value]) -> PyResult {
    set_traceback(vm, a)?;
    Ok(a[0])
}

fn exc_add_note(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[1].is::<crate::types::str::StrObj>() {
        return Err(vm.type_error(format!("note must be a str, not '{}'", vm.type_name(a[1]))));
    }
    let name = vm.intern("__notes__");
    let notes = match crate::ops::attr::getattr_opt(vm, a[0], name)? {
        Some(n) => n,
        None => {
            let l = crate::types::list::new_list(vm, vec![]);
            crate::ops::attr::setattr(vm, a[0], name, l)?;
            l
        }
    };
    match notes.downcast::<crate::types::list::ListObj>() {
        Some(l) => {
            l.push(a[1]);
            Ok(Value::NONE)
        }
        None => Err(vm.type_error("Cannot add note: __notes__ is not a list")),
    }
}

fn exc_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let args = e.args.get();
    let attrs = crate::types::instance::items(a[0]);
    if attrs.is_empty() {
        return Ok(crate::types::tuple::new_tuple(vm, vec![ty, args]));
    }
    let d = crate::types::instance::to_dict(vm, a[0]);
    Ok(crate::types::tuple::new_tuple(vm, vec![ty, args, d]))
}

fn exc_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    if a[1].is::<crate::types::dict::DictObj>() {
        for (k, v) in crate::types::dict::items(a[1]) {
            crate::ops::attr::setattr(vm, a[0], k, v)?;
        }
    }
    Ok(Value::NONE)
}

fn get_args(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(this(vm, a[0])?.args.get())
}
fn set_args(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this(vm, a[0])?;
    let items = crate::ops::iter::collect(vm, a[1])?;
    let t = crate::types::tuple::new_tuple(vm, items);
    e.args.set(t);
    Ok(Value::NONE)
}
fn get_traceback(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(this(vm, a[0])?.traceback.get())
}
fn set_traceback(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this(vm, a[0])?;
    if !a[1].is_none() && !a[1].is::<crate::interp::traceback::TracebackObj>() {
        return Err(vm.type_error("__traceback__ must be a traceback or None"));
    }
    e.traceback.set(a[1]);
    Ok(Value::NONE)
}
fn get_cause(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(this(vm, a[0])?.cause.get())
}
fn set_cause(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this(vm, a[0])?;
    if !a[1].is_none() && exc_obj(a[1]).is_none() {
        return Err(vm.type_error("exception cause must be None or derive from BaseException"));
    }
    e.cause.set(a[1]);
    e.suppress_context.set(true);
    Ok(Value::NONE)
}
fn get_context(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(this(vm, a[0])?.context.get())
}
fn set_context(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this(vm, a[0])?;
    if !a[1].is_none() && exc_obj(a[1]).is_none() {
        return Err(vm.type_error("exception context must be None or derive from BaseException"));
    }
    e.context.set(a[1]);
    Ok(Value::NONE)
}
fn get_suppress(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(this(vm, a[0])?.suppress_context.get()))
}
fn set_suppress(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this(vm, a[0])?;
    let b = crate::ops::truth::is_true(vm, a[1])?;
    e.suppress_context.set(b);
    Ok(Value::NONE)
}

// ----- per-class behaviour -----

static STOP_ITERATION_METHODS: &[NativeDef] = &[];
static SYSTEM_EXIT_METHODS: &[NativeDef] = &[];
static IMPORT_ERROR_METHODS: &[NativeDef] = &[
    native!(
        "__init__",
        "($self, /, *args, name=None, path=None)",
        import_error_init
    ),
    native!("__str__", "($self, /)", import_error_str),
];
static NAME_ERROR_METHODS: &[NativeDef] = &[native!(
    "__init__",
    "($self, /, *args, name=None)",
    name_error_init
)];
static ATTRIBUTE_ERROR_METHODS: &[NativeDef] = &[native!(
    "__init__",
    "($self, /, *args, name=None, obj=None)",
    attribute_error_init
)];
static KEY_ERROR_METHODS: &[NativeDef] = &[native!("__str__", "($self, /)", key_error_str)];
static SYNTAX_ERROR_METHODS: &[NativeDef] = &[native!("__str__", "($self, /)", syntax_error_str)];
static OS_ERROR_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", os_error_new),
    native!("__str__", "($self, /)", os_error_str),
];

fn import_error_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this(vm, a[0])?;
    e.args.set(a[1]);
    init_special(vm, a[0], a[1])?;
    for (i, n) in [(2, "name"), (3, "path")] {
        let v = if a[i].is_null() { Value::NONE } else { a[i] };
        set_attr(vm, a[0], n, v);
    }
    Ok(Value::NONE)
}

fn import_error_str(vm: &mut Vm, a: &[Value]) -> PyResult {
    let msg = crate::types::instance::get(a[0], vm.intern("msg"));
    match msg {
        Some(m) if !m.is_none() => crate::ops::repr::str(vm, m),
        _ => exc_str(vm, a),
    }
}

fn name_error_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this(vm, a[0])?;
    e.args.set(a[1]);
    let v = if a[2].is_null() { Value::NONE } else { a[2] };
    set_attr(vm, a[0], "name", v);
    Ok(Value::NONE)
}

fn attribute_error_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this(vm, a[0])?;
    e.args.set(a[1]);
    for (i, n) in [(2, "name"), (3, "obj")] {
        let v = if a[i].is_null() { Value::NONE } else { a[i] };
        set_attr(vm, a[0], n, v);
    }
    Ok(Value::NONE)
}

fn key_error_str(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = this(vm, a[0])?;
    let args = crate::types::tuple::items(e.args.get()).unwrap_or(&[]);
    if args.len() == 1 {
        return crate::ops::repr::repr(vm, args[0]);
    }
    exc_str(vm, a)
}

fn syntax_error_str(vm: &mut Vm, a: &[Value]) -> PyResult {
    let get = |vm: &mut Vm, n: &str| {
        crate::types::instance::get(a[0], vm.intern(n)).unwrap_or(Value::NONE)
    };
    let msg = get(vm, "msg");
    let msg_s = if msg.is_none() {
        String::new()
    } else {
        let s = crate::ops::repr::str(vm, msg)?;
        crate::types::str::as_str(s).unwrap_or("").to_string()
    };
    let filename = get(vm, "filename");
    let lineno = get(vm, "lineno");
    let fname = crate::types::str::as_str(filename).map(|f| {
        std::path::Path::new(f)
            .file_name()
            .map(|x| x.to_string_lossy().into_owned())
            .unwrap_or_else(|| f.to_string())
    });
    let line = crate::types::int::int_ref(lineno).and_then(|i| i.to_i64());
    let s = match (fname, line) {
        (Some(f), Some(l)) => format!("{msg_s} ({f}, line {l})"),
        (Some(f), None) => format!("{msg_s} ({f})"),
        (None, Some(l)) => format!("{msg_s} (line {l})"),
        (None, None) => msg_s,
    };
    Ok(vm.new_string(s))
}

/// `OSError(errno, ...)` picks the subclass matching errno, as CPython.
fn os_error_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut ty = a[0];
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]);
    if ty == vm.exc.os_error
        && args.len() >= 2
        && let Some(errno) = crate::types::int::int_ref(args[0]).and_then(|i| i.to_i64())
        && let Some(sub) = errno_subclass(vm, errno)
    {
        ty = sub;
    }
    let e = alloc_exception(vm, ty, a[1]);
    init_special(vm, e, a[1])?;
    Ok(e)
}

pub fn errno_subclass(vm: &Vm, errno: i64) -> Option<Value> {
    let x = &vm.exc;
    Some(match errno as i32 {
        11 | 114 | 115 => x.blocking_io_error, // EAGAIN, EALREADY, EINPROGRESS
        10 => x.child_process_error,
        32 | 108 => x.broken_pipe_error,
        103 => x.connection_aborted_error,
        111 => x.connection_refused_error,
        104 => x.connection_reset_error,
        17 => x.file_exists_error,
        2 => x.file_not_found_error,
        4 => x.interrupted_error,
        21 => x.is_a_directory_error,
        20 => x.not_a_directory_error,
        1 | 13 => x.permission_error,
        3 => x.process_lookup_error,
        110 => x.timeout_error,
        _ => return None,
    })
}

fn os_error_str(vm: &mut Vm, a: &[Value]) -> PyResult {
    let get = |vm: &mut Vm, n: &str| {
        crate::types::instance::get(a[0], vm.intern(n)).unwrap_or(Value::NONE)
    };
    let errno = get(vm, "errno");
    let strerror = get(vm, "strerror");
    let filename = get(vm, "filename");
    let filename2 = get(vm, "filename2");
    if !errno.is_none() && !strerror.is_none() {
        let e = crate::ops::repr::str(vm, errno)?;
        let s = crate::ops::repr::str(vm, strerror)?;
        let (e, s) = (
            crate::types::str::as_str(e).unwrap_or(""),
            crate::types::str::as_str(s).unwrap_or(""),
        );
        let text = if !filename.is_none() {
            let f = crate::ops::repr::repr(vm, filename)?;
            let f = crate::types::str::as_str(f).unwrap_or("");
            if !filename2.is_none() {
                let f2 = crate::ops::repr::repr(vm, filename2)?;
                let f2 = crate::types::str::as_str(f2).unwrap_or("");
                format!("[Errno {e}] {s}: {f} -> {f2}")
            } else {
                format!("[Errno {e}] {s}: {f}")
            }
        } else {
            format!("[Errno {e}] {s}")
        };
        return Ok(vm.new_string(text));
    }
    exc_str(vm, a)
}

/// Builds an OSError (right subclass) from an `std::io::Error`, with an optional filename.
pub fn from_io_error(vm: &mut Vm, err: &std::io::Error, filename: Option<Value>) -> crate::vm::Exc {
    let errno = err.raw_os_error().unwrap_or(0);
    let msg = os_strerror(errno);
    let errno_v = crate::types::int::from_i64(vm, errno as i64);
    let msg_v = vm.new_string(msg);
    let mut args = vec![errno_v, msg_v];
    if let Some(f) = filename {
        args.push(f);
    }
    let ty = errno_subclass(vm, errno as i64).unwrap_or(vm.exc.os_error);
    crate::vm::Exc(new_exception(vm, ty, args))
}

/// The C library's message for an errno (what CPython shows), without the "(os error N)" suffix
/// Rust appends.
pub fn os_strerror(errno: i32) -> String {
    let s = std::io::Error::from_raw_os_error(errno).to_string();
    match s.rfind(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}
