//! `_sre`: the regular expression engine under CPython 3.11's `re` package.
//!
//! `re._compiler` turns a pattern into a list of code words and calls
//! `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`; this module checks the
//! code and compiles it into a [`program::Program`] once, and the returned `re.Pattern` runs the
//! backtracking [`engine`] over str (by code point), bytes, bytearray and memoryview subjects.
//!
//! Files: `chars.rs` (character classes, case mappings, sets), `program.rs` (code checking and
//! compilation), `engine.rs` (matching and searching), `pattern.rs` (`re.Pattern` and the
//! scanner), `matchobj.rs` (`re.Match`).

pub mod chars;
pub mod engine;
pub mod matchobj;
pub mod pattern;
pub mod program;

use crate::native;
use crate::native::NativeDef;
use crate::types::bytes::{ByteArrayObj, BytesObj};
use crate::types::int::{self, IntRef};
use crate::types::str::StrObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub use engine::Abort;

/// 3.11's `_sre.MAGIC` (checked by `re._constants`).
pub const MAGIC: i64 = 20220615;
pub const CODESIZE: i64 = 4;

static FUNCS: &[NativeDef] = &[
    native!("getcodesize", "($module, /)", sre_getcodesize),
    native!(
        "ascii_iscased",
        "($module, character, /)",
        sre_ascii_iscased
    ),
    native!(
        "unicode_iscased",
        "($module, character, /)",
        sre_unicode_iscased
    ),
    native!(
        "ascii_tolower",
        "($module, character, /)",
        sre_ascii_tolower
    ),
    native!(
        "unicode_tolower",
        "($module, character, /)",
        sre_unicode_tolower
    ),
    native!(
        "compile",
        "($module, /, pattern, flags, code, groups, groupindex, indexgroup)",
        pattern::sre_compile
    ),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_sre", FUNCS);
    let set = |vm: &mut Vm, name: &str, v: Value| {
        let k = vm.intern(name);
        crate::types::dict::set_item_str(vm, crate::types::module::module_dict(m), k, v);
    };
    let v = int::from_i64(vm, MAGIC);
    set(vm, "MAGIC", v);
    let v = int::from_i64(vm, CODESIZE);
    set(vm, "CODESIZE", v);
    let v = int::from_i64(vm, program::MAXREPEAT as i64);
    set(vm, "MAXREPEAT", v);
    let v = int::from_i64(vm, program::MAXGROUPS as i64);
    set(vm, "MAXGROUPS", v);
    let v = vm.new_str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ");
    set(vm, "copyright", v);
    pattern::install_types(vm);
    Ok(m)
}

fn sre_getcodesize(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(int::from_i64(vm, CODESIZE))
}

/// The clinic `int` converter: `__index__`, then a C int.
fn c_int(vm: &mut Vm, v: Value) -> PyResult<i32> {
    if let Some(i) = v.as_small_int() {
        if let Ok(i) = i32::try_from(i) {
            return Ok(i);
        }
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    if v.is::<crate::types::float::FloatObj>() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let r = crate::ops::number::index(vm, v)?;
    match int::int_ref(r).and_then(|i| i.to_i64()) {
        Some(i) if i32::try_from(i).is_ok() => Ok(i as i32),
        _ => Err(vm.overflow_error("Python int too large to convert to C int")),
    }
}

/// The clinic `Py_ssize_t` converter (OverflowError when it does not fit).
pub fn ssize(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = v.as_small_int() {
        return Ok(i);
    }
    if v.is::<crate::types::float::FloatObj>() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let r = crate::ops::number::index(vm, v)?;
    match int::int_ref(r).and_then(|i| i.to_i64()) {
        Some(i) => Ok(i),
        None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    }
}

/// `PyNumber_AsSsize_t(v, NULL)`: `__index__`, saturating huge values.
pub fn ssize_clamped(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = v.as_small_int() {
        return Ok(i);
    }
    let r = crate::ops::number::index(vm, v)?;
    Ok(match int::int_ref(r) {
        Some(IntRef::Small(i)) => i,
        Some(IntRef::Big(b)) => {
            if int::sign(IntRef::Big(b)) == num_bigint::Sign::Minus {
                i64::MIN
            } else {
                i64::MAX
            }
        }
        None => 0,
    })
}

fn sre_ascii_iscased(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = c_int(vm, a[1])? as u32;
    Ok(Value::from_bool(c < 128 && (c as u8).is_ascii_alphabetic()))
}

fn sre_unicode_iscased(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = c_int(vm, a[1])? as u32;
    Ok(Value::from_bool(
        c != chars::lower_unicode(c) || c != chars::upper_unicode(c),
    ))
}

fn sre_ascii_tolower(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = c_int(vm, a[1])?;
    Ok(int::from_i64(
        vm,
        chars::lower_ascii(c as u32) as i32 as i64,
    ))
}

fn sre_unicode_tolower(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = c_int(vm, a[1])?;
    Ok(int::from_i64(
        vm,
        chars::lower_unicode(c as u32) as i32 as i64,
    ))
}

/// The characters of a subject: borrowed bytes (bytes objects, ASCII str), a copy of a
/// mutable buffer, or the code points of a non-ASCII str.
pub enum Text {
    Bytes(&'static [u8]),
    Owned(Vec<u8>),
    Wide(std::rc::Rc<[u32]>),
}

impl Text {
    pub fn len(&self) -> usize {
        match self {
            Text::Bytes(b) => b.len(),
            Text::Owned(b) => b.len(),
            Text::Wide(w) => w.len(),
        }
    }
}

/// A subject: its text and whether it is bytes-like (else str).
pub struct Subject {
    pub text: Text,
    pub is_bytes: bool,
}

/// `getstring()`: str or a bytes-like buffer, else TypeError.
pub fn subject(vm: &mut Vm, v: Value) -> PyResult<Subject> {
    if let Some(s) = v.downcast::<StrObj>() {
        let text = if s.is_ascii() {
            Text::Bytes(s.as_str().as_bytes())
        } else {
            Text::Wide(s.code_points().collect::<Vec<u32>>().into())
        };
        return Ok(Subject {
            text,
            is_bytes: false,
        });
    }
    if let Some(b) = v.downcast::<BytesObj>() {
        return Ok(Subject {
            text: Text::Bytes(&b.data),
            is_bytes: true,
        });
    }
    if let Some(b) = v.downcast::<ByteArrayObj>() {
        return Ok(Subject {
            text: Text::Owned(b.data.borrow().clone()),
            is_bytes: true,
        });
    }
    if let Some(m) = v.downcast::<crate::types::memoryview::MemoryViewObj>() {
        if m.released.get() {
            return Err(vm.value_error("operation forbidden on released memoryview object"));
        }
        return Ok(Subject {
            text: Text::Owned(m.data()),
            is_bytes: true,
        });
    }
    // Other buffer exporters (array.array) are matched as their bytes.
    if let Some(data) = crate::modules::array::buffer_bytes(v) {
        return Ok(Subject {
            text: Text::Owned(data),
            is_bytes: true,
        });
    }
    Err(vm.type_error(format!(
        "expected string or bytes-like object, got '{}'",
        vm.type_name(v)
    )))
}

/// `text[i:j]` as CPython's `getslice`: an exact str, or bytes (the object itself when it is
/// an exact bytes object and the slice covers it).
pub fn slice(vm: &mut Vm, string: Value, text: &Text, i: usize, j: usize) -> Value {
    if let Some(s) = string.downcast::<StrObj>() {
        let (i, j) = (i.min(s.char_len()), j.min(s.char_len()));
        if i == 0 && j == s.char_len() && vm.type_of(string) == vm.types.str_ {
            return string;
        }
        return vm.new_str(s.slice_chars(i, j.max(i)));
    }
    let data: &[u8] = match text {
        Text::Bytes(b) => b,
        Text::Owned(b) => b,
        Text::Wide(_) => &[],
    };
    let (i, j) = (i.min(data.len()), j.min(data.len()));
    if i == 0 && j == data.len() && vm.type_of(string) == vm.types.bytes {
        return string;
    }
    crate::types::bytes::new_bytes(vm, data[i..j.max(i)].to_vec())
}

/// `string[i:j]` of a match's subject, read now (CPython re-reads the buffer, so a bytearray
/// that changed since shows its current bytes; the indices are clamped to its length).
pub fn slice_now(vm: &mut Vm, string: Value, i: usize, j: usize) -> PyResult {
    if string.is::<StrObj>() {
        return Ok(slice(vm, string, &Text::Owned(Vec::new()), i, j));
    }
    if let Some(b) = string.downcast::<BytesObj>() {
        return Ok(slice(vm, string, &Text::Bytes(&b.data), i, j));
    }
    let s = subject(vm, string)?;
    Ok(slice(vm, string, &s.text, i, j))
}

/// The error a failed match reports.
pub fn abort_error(vm: &mut Vm, a: Abort) -> crate::vm::Exc {
    match a {
        // Not `vm.safe_point()`: that may collect, and callers hold values in Rust locals.
        // The signal's Python handler runs now; one that returns normally still ends this
        // match (callers that can restart a match handle Interrupted themselves).
        Abort::Interrupted => match crate::modules::signals::check(vm) {
            Err(e) => e,
            Ok(()) => {
                let ki = vm.exc.keyboard_interrupt;
                vm.new_exc_args(ki, vec![])
            }
        },
        Abort::Internal => vm.runtime_error("internal error in regular expression engine"),
    }
}
