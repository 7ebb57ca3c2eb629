//! `_csv.writer`: turns rows (iterables of fields) into CSV records and passes each record,
//! line terminator included, to the file's `write` method. The quoting and escaping rules
//! are those of CPython's `join_append_data` (Modules/_csv.c).

use super::dialect::{Dialect, dialect_of};
use super::{QUOTE_ALL, QUOTE_NONE, QUOTE_NONNUMERIC, csv_error};
use crate::modules::stdobj::{self, StdData};
use crate::native::NativeDef;
use crate::ops;
use crate::types::str::as_str;
use crate::types::{int, typeobj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::RefCell;

const WRITER_DOC: &str = "CSV writer\n\nWriter objects are responsible for generating tabular data\nin CSV format from sequence input.\n";

pub(crate) struct Writer {
    /// The bound `write` method of the file.
    write: Value,
    dialect: Value,
    /// The record buffer, kept between rows so its capacity is reused (taken out while a
    /// row is built, since building it runs Python code).
    rec: RefCell<String>,
}

impl StdData for Writer {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(&[self.write, self.dialect], visit);
    }
}

static WRITER_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", writer_type_new),
    // CPython's objects of types without `__new__` cannot be pickled or copied.
    native!("__reduce_ex__", "($self, protocol, /)", writer_reduce_ex),
    native!(
        "writerow",
        "($self, /, *args, **kwargs)",
        writerow,
        "writerow(iterable)\n\nConstruct and write a CSV record from an iterable of fields.  Non-string\nelements will be converted to string."
    ),
    native!(
        "writerows",
        "($self, /, *args, **kwargs)",
        writerows,
        "writerows(iterable of iterables)\n\nConstruct and write a series of iterables to a csv file.  Non-string\nelements will be converted to string."
    ),
];

static WRITER_ATTRS: &[(NativeDef, NativeDef)] = &[(
    native!("dialect", "($self, /)", get_dialect),
    native!("dialect", "($self, value=None, /)", readonly),
)];

pub(super) fn new_writer_type(vm: &mut Vm) -> Value {
    let ty = super::new_type(vm, "writer", WRITER_DOC, WRITER_METHODS);
    super::add_readonly_attrs(vm, ty, WRITER_ATTRS);
    ty
}

fn writer_type_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    super::cannot_create(vm, a[0], "_csv.writer")
}

fn writer_reduce_ex(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.type_error("cannot pickle '_csv.writer' object"))
}

fn readonly(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.attribute_error("readonly attribute"))
}

fn writer_of(vm: &mut Vm, v: Value) -> PyResult<&'static Writer> {
    stdobj::expect::<Writer>(vm, v, "_csv.writer")
}

fn get_dialect(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(writer_of(vm, a[0])?.dialect)
}

/// `_csv.writer(fileobj, dialect='excel', **fmtparams)`.
pub(super) fn writer(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = super::unpack_args(vm, a[1], 1, 2)?;
    let name = vm.intern("write");
    let write = match ops::attr::getattr_opt(vm, args[0], name)? {
        Some(w) if ops::call::is_callable(vm, w) => w,
        _ => return Err(vm.type_error("argument 1 must have a \"write\" method")),
    };
    let dialect = super::call_dialect(vm, args[1], a[2])?;
    let ty = stdobj::state_type(vm, "_csv.writer");
    Ok(stdobj::new_obj(
        ty,
        Writer {
            write,
            dialect,
            rec: RefCell::new(String::new()),
        },
    ))
}

fn writerow(vm: &mut Vm, a: &[Value]) -> PyResult {
    let w = writer_of(vm, a[0])?;
    let row = super::single_arg(vm, "writer.writerow", a[1], a[2])?;
    write_row(vm, w, row)
}

fn writerows(vm: &mut Vm, a: &[Value]) -> PyResult {
    let w = writer_of(vm, a[0])?;
    let rows = super::single_arg(vm, "writer.writerows", a[1], a[2])?;
    let it = ops::iter::get_iter(vm, rows)?;
    while let Some(row) = ops::iter::next(vm, it)? {
        write_row(vm, w, row)?;
    }
    Ok(Value::NONE)
}

/// CPython's `PyNumber_Check`: ints, floats, complex numbers and objects whose type defines
/// `__index__`, `__int__` or `__float__` (QUOTE_NONNUMERIC leaves these unquoted).
fn is_number(vm: &mut Vm, v: Value) -> bool {
    if int::is_int(v)
        || v.is::<crate::types::float::FloatObj>()
        || v.is::<crate::types::complex::ComplexObj>()
    {
        return true;
    }
    if as_str(v).is_some() || v.is_none() {
        return false;
    }
    let ty = vm.type_of(v);
    ["__index__", "__int__", "__float__"]
        .iter()
        .any(|n| !typeobj::lookup_str(vm, ty, n).is_null())
}

/// Builds one record and writes it; returns what `write` returned.
fn write_row(vm: &mut Vm, w: &Writer, row: Value) -> PyResult {
    let d = dialect_of(vm, w.dialect)?;
    let it = match ops::iter::get_iter(vm, row) {
        Ok(it) => it,
        Err(e) if vm.exc_matches(e, vm.exc.type_error) => {
            let tn = vm.type_name(row);
            return Err(csv_error(vm, format!("iterable expected, not {tn}")));
        }
        Err(e) => return Err(e),
    };
    let mut rec = std::mem::take(&mut *w.rec.borrow_mut());
    rec.clear();
    let built = build_record(vm, d, it, &mut rec);
    let line = built.map(|()| vm.new_str(&rec));
    *w.rec.borrow_mut() = rec;
    let line = line?;
    ops::call::call(vm, w.write, &[line])
}

/// Joins the fields of iterator `it` into `rec`, line terminator included.
fn build_record(vm: &mut Vm, d: &Dialect, it: Value, rec: &mut String) -> PyResult<()> {
    let mut nfields = 0usize;
    while let Some(field) = ops::iter::next(vm, it)? {
        let quoted = match d.quoting {
            QUOTE_NONNUMERIC => !is_number(vm, field),
            QUOTE_ALL => true,
            _ => false,
        };
        if let Some(s) = as_str(field) {
            append_field(vm, d, rec, nfields, s, quoted)?;
        } else if field.is_none() {
            append_field(vm, d, rec, nfields, "", quoted)?;
        } else {
            let s = ops::repr::str_string(vm, field)?;
            append_field(vm, d, rec, nfields, &s, quoted)?;
        }
        nfields += 1;
    }
    if nfields > 0 && rec.is_empty() {
        // A lone empty field is written as "" so the line is not read back as [].
        if d.quoting == QUOTE_NONE {
            return Err(csv_error(vm, "single empty field record must be quoted"));
        }
        append_field(vm, d, rec, 0, "", true)?;
    }
    rec.push_str(&d.lt);
    Ok(())
}

/// Whether `c` needs quoting or escaping under `d`.
fn is_special(d: &Dialect, c: char) -> bool {
    match u32::from(c) {
        b @ 0..=127 => d.special_ascii & (1u128 << b) != 0,
        _ => {
            d.special_non_ascii
                && (c == d.delimiter
                    || Some(c) == d.escapechar
                    || Some(c) == d.quotechar
                    || d.lt.contains(c))
        }
    }
}

/// Whether `text` holds any character that needs quoting or escaping.
fn has_special(d: &Dialect, text: &str) -> bool {
    if d.special_non_ascii {
        text.chars().any(|c| is_special(d, c))
    } else {
        // Bytes of multi-byte UTF-8 sequences are >= 128, so they never match an ASCII bit.
        text.bytes()
            .any(|b| b < 128 && d.special_ascii & (1u128 << b) != 0)
    }
}

/// Appends field `text` (preceded by the delimiter unless it is the first) to `rec`,
/// quoting it when asked or when it holds a special character, escaping where the dialect
/// says. Nothing is appended when an error is raised.
fn append_field(
    vm: &mut Vm,
    d: &Dialect,
    rec: &mut String,
    nfields: usize,
    text: &str,
    mut quoted: bool,
) -> PyResult<()> {
    let escaped;
    let body = if has_special(d, text) {
        let mut out = String::with_capacity(text.len() + 2);
        for c in text.chars() {
            if is_special(d, c) {
                let mut want_escape = false;
                if d.quoting == QUOTE_NONE {
                    want_escape = true;
                } else {
                    if Some(c) == d.quotechar {
                        if d.doublequote {
                            out.push(c);
                        } else {
                            want_escape = true;
                        }
                    } else if Some(c) == d.escapechar {
                        want_escape = true;
                    }
                    if !want_escape {
                        quoted = true;
                    }
                }
                if want_escape {
                    match d.escapechar {
                        Some(e) => out.push(e),
                        None => {
                            return Err(csv_error(vm, "need to escape, but no escapechar set"));
                        }
                    }
                }
            }
            out.push(c);
        }
        escaped = out;
        escaped.as_str()
    } else {
        text
    };
    if nfields > 0 {
        rec.push(d.delimiter);
    }
    match d.quotechar.filter(|_| quoted) {
        Some(q) => {
            rec.push(q);
            rec.push_str(body);
            rec.push(q);
        }
        None => rec.push_str(body),
    }
    Ok(())
}
