//! `_csv.Dialect`: the validated, immutable set of options a reader or writer works with.
//!
//! `Dialect(dialect=None, **options)` takes each option from the keyword arguments, else from
//! the attributes of `dialect` (a registered name, a `Dialect`, or any object such as a
//! `csv.Dialect` subclass; attribute lookups that fail count as "not given"), else the
//! default, and checks them with CPython's TypeError messages. A `Dialect` instance given
//! with no options is returned as is.

use super::{QUOTE_MINIMAL, QUOTE_NONE};
use crate::modules::stdobj::{self, StdData};
use crate::native::NativeDef;
use crate::ops;
use crate::types::str::as_str;
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};

/// The options of a dialect. `lineterminator` is kept as the str object given (its text is
/// copied into `lt` for the writer).
pub(crate) struct Dialect {
    pub delimiter: char,
    pub quotechar: Option<char>,
    pub escapechar: Option<char>,
    pub lineterminator: Value,
    pub lt: Box<str>,
    /// The characters the writer must quote or escape (delimiter, quotechar, escapechar and
    /// those of the line terminator): a bit per ASCII code, plus whether any is not ASCII.
    pub special_ascii: u128,
    pub special_non_ascii: bool,
    pub doublequote: bool,
    pub quoting: i64,
    pub skipinitialspace: bool,
    pub strict: bool,
}

impl StdData for Dialect {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(&[self.lineterminator], visit);
    }
}

/// The option names, in the order of CPython's keyword list (after `dialect`).
const OPTIONS: [&str; 8] = [
    "delimiter",
    "doublequote",
    "escapechar",
    "lineterminator",
    "quotechar",
    "quoting",
    "skipinitialspace",
    "strict",
];

static DIALECT_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", dialect_new),
    native!("__reduce__", "($self, /)", dialect_reduce),
    native!("__reduce_ex__", "($self, protocol, /)", dialect_reduce_ex),
];

macro_rules! dialect_attrs {
    ($($name:literal => $get:ident, $deny:ident, |$vm:ident, $d:ident| $body:expr;)*) => {
        $(
            fn $get($vm: &mut Vm, a: &[Value]) -> PyResult {
                let $d = dialect_of($vm, a[0])?;
                Ok($body)
            }
            fn $deny(vm: &mut Vm, _a: &[Value]) -> PyResult {
                Err(vm.attribute_error(concat!(
                    "attribute '", $name, "' of '_csv.Dialect' objects is not writable"
                )))
            }
        )*
        static DIALECT_ATTRS: &[(NativeDef, NativeDef)] = &[
            $((
                native!($name, "($self, /)", $get),
                native!($name, "($self, value=None, /)", $deny),
            ),)*
        ];
    };
}

dialect_attrs! {
    "delimiter" => get_delimiter, deny_delimiter, |vm, d| char_value(vm, Some(d.delimiter));
    "doublequote" => get_doublequote, deny_doublequote, |_vm, d| Value::from_bool(d.doublequote);
    "escapechar" => get_escapechar, deny_escapechar, |vm, d| char_value(vm, d.escapechar);
    "lineterminator" => get_lineterminator, deny_lineterminator, |_vm, d| d.lineterminator;
    "quotechar" => get_quotechar, deny_quotechar, |vm, d| char_value(vm, d.quotechar);
    "quoting" => get_quoting, deny_quoting, |_vm, d| Value::small(d.quoting);
    "skipinitialspace" => get_skipinitialspace, deny_skipinitialspace,
        |_vm, d| Value::from_bool(d.skipinitialspace);
    "strict" => get_strict, deny_strict, |_vm, d| Value::from_bool(d.strict);
}

fn char_value(vm: &mut Vm, c: Option<char>) -> Value {
    match c {
        Some(c) => {
            let mut buf = [0u8; 4];
            vm.new_str(c.encode_utf8(&mut buf))
        }
        None => Value::NONE,
    }
}

pub(super) fn new_dialect_type(vm: &mut Vm) -> Value {
    let ty = super::new_type(
        vm,
        "Dialect",
        "CSV dialect\n\nThe Dialect type records CSV parsing and generation options.\n",
        DIALECT_METHODS,
    );
    super::add_readonly_attrs(vm, ty, DIALECT_ATTRS);
    ty
}

/// The dialect state of `v` (a reader's or writer's dialect).
pub(crate) fn dialect_of(vm: &mut Vm, v: Value) -> PyResult<&'static Dialect> {
    match stdobj::get::<Dialect>(v) {
        Some(d) => Ok(d),
        None => Err(vm.type_error("expected a _csv.Dialect")),
    }
}

fn dialect_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = typeobj::type_name(vm.type_of(a[0]));
    Err(vm.type_error(format!("cannot pickle '{name}' instances")))
}

fn dialect_reduce_ex(vm: &mut Vm, a: &[Value]) -> PyResult {
    dialect_reduce(vm, a)
}

/// A one-character option (`delimiter`): NULL keeps the default.
fn set_char(vm: &mut Vm, name: &str, src: Value, dflt: char) -> PyResult<char> {
    if src.is_null() {
        return Ok(dflt);
    }
    let Some(s) = as_str(src) else {
        return Err(vm.type_error(format!(
            "\"{name}\" must be string, not {}",
            vm.type_name(src)
        )));
    };
    one_char(vm, name, s)
}

/// A one-character option that may be None (`escapechar`, `quotechar`).
fn set_char_or_none(
    vm: &mut Vm,
    name: &str,
    src: Value,
    dflt: Option<char>,
) -> PyResult<Option<char>> {
    if src.is_null() {
        return Ok(dflt);
    }
    if src.is_none() {
        return Ok(None);
    }
    let Some(s) = as_str(src) else {
        return Err(vm.type_error(format!(
            "\"{name}\" must be string or None, not {}",
            vm.type_name(src)
        )));
    };
    one_char(vm, name, s).map(Some)
}

fn one_char(vm: &mut Vm, name: &str, s: &str) -> PyResult<char> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(vm.type_error(format!("\"{name}\" must be a 1-character string"))),
    }
}

fn set_bool(vm: &mut Vm, src: Value, dflt: bool) -> PyResult<bool> {
    if src.is_null() {
        Ok(dflt)
    } else {
        ops::truth::is_true(vm, src)
    }
}

/// `Dialect.__new__(cls, dialect=None, delimiter=..., ...)`.
fn dialect_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let cls = a[0];
    let dty = super::dialect_type(vm);
    crate::types::int_methods::check_new_type(vm, cls, dty, "_csv.Dialect")?;
    let mut names = vec!["dialect"];
    names.extend(OPTIONS);
    let mut vals = super::parse_keywords(vm, None, a[1], a[2], &names)?;
    let mut dialect = vals.remove(0);
    if !dialect.is_null() {
        if as_str(dialect).is_some() {
            dialect = super::dialect_from_registry(vm, dialect)?;
        }
        // A Dialect given with no option overrides is reused as is.
        if vals.iter().all(|v| v.is_null()) && typeobj::is_subtype(vm.type_of(dialect), dty) {
            return Ok(dialect);
        }
        for (i, name) in OPTIONS.iter().enumerate() {
            if vals[i].is_null() {
                let n = vm.intern(name);
                // CPython clears any error of the attribute lookup: the option is then unset.
                vals[i] = ops::attr::getattr(vm, dialect, n).unwrap_or(Value::NULL);
            }
        }
    }
    // The options in OPTIONS order; NULL where neither given nor found on `dialect`.
    let (delimiter, doublequote, escapechar, lineterminator) = (vals[0], vals[1], vals[2], vals[3]);
    let (quotechar, quoting, skipinitialspace, strict) = (vals[4], vals[5], vals[6], vals[7]);
    let delim = set_char(vm, "delimiter", delimiter, ',')?;
    let dq = set_bool(vm, doublequote, true)?;
    let esc = set_char_or_none(vm, "escapechar", escapechar, None)?;
    let lt = if lineterminator.is_null() {
        vm.new_str("\r\n")
    } else if lineterminator.is_none() {
        Value::NULL
    } else if as_str(lineterminator).is_some() {
        lineterminator
    } else {
        return Err(vm.type_error("\"lineterminator\" must be a string"));
    };
    let qc = set_char_or_none(vm, "quotechar", quotechar, Some('"'))?;
    let mut q = if quoting.is_null() {
        QUOTE_MINIMAL
    } else {
        if vm.type_of(quoting) != vm.types.int {
            return Err(vm.type_error("\"quoting\" must be an integer"));
        }
        match crate::types::int::int_ref(quoting).and_then(|r| r.to_i64()) {
            Some(i) if i32::try_from(i).is_ok() => i,
            _ => return Err(vm.overflow_error("Python int too large to convert to C int")),
        }
    };
    let skip = set_bool(vm, skipinitialspace, false)?;
    let strict_b = set_bool(vm, strict, false)?;
    if !(0..=QUOTE_NONE).contains(&q) {
        return Err(vm.type_error("bad \"quoting\" value"));
    }
    if quotechar.is_none() && quoting.is_null() {
        q = QUOTE_NONE;
    }
    if q != QUOTE_NONE && qc.is_none() {
        return Err(vm.type_error("quotechar must be set if quoting enabled"));
    }
    if lt.is_null() {
        return Err(vm.type_error("lineterminator must be set"));
    }
    let lt_text: Box<str> = as_str(lt).unwrap_or("").into();
    let mut special_ascii = 0u128;
    let mut special_non_ascii = false;
    for c in [Some(delim), qc, esc]
        .into_iter()
        .flatten()
        .chain(lt_text.chars())
    {
        match u32::from(c) {
            b @ 0..=127 => special_ascii |= 1u128 << b,
            _ => special_non_ascii = true,
        }
    }
    Ok(stdobj::new_obj(
        cls,
        Dialect {
            delimiter: delim,
            quotechar: qc,
            escapechar: esc,
            lineterminator: lt,
            lt: lt_text,
            special_ascii,
            special_non_ascii,
            doublequote: dq,
            quoting: q,
            skipinitialspace: skip,
            strict: strict_b,
        },
    ))
}
