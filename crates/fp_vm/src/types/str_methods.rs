//! `str`'s Python-visible methods: construction (`str(object)`, `str(bytes, encoding,
//! errors)`), the protocol dunders (indexing by code point, concatenation, repetition, `%`,
//! comparisons, hashing), padding, joining, translation, encoding and the case/predicate
//! methods. Searching, splitting and stripping live in `str_search.rs`, the Unicode rules in
//! `str_unicode.rs`, codecs in `str_codec.rs`, formatting in `format*.rs`.

use crate::native::NativeDef;
use crate::ops;
use crate::types::str::{StrObj, as_str, char_for, code_point};
use crate::types::str_search as search;
use crate::types::str_unicode as uni;
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};

pub fn install(vm: &mut Vm) {
    let t = vm.types.str_;
    typeobj::add_methods(vm, t, STR_METHODS);
    typeobj::add_methods(vm, t, search::SEARCH_METHODS);
}

static STR_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", str_new),
    native!("__repr__", "($self, /)", str_repr),
    native!("__str__", "($self, /)", str_str),
    native!("__hash__", "($self, /)", str_hash),
    native!("__len__", "($self, /)", str_len),
    native!("__iter__", "($self, /)", str_iter),
    native!("__contains__", "($self, key, /)", str_contains),
    native!("__getitem__", "($self, key, /)", str_getitem),
    native!("__add__", "($self, value, /)", str_add),
    native!("__mul__", "($self, value, /)", str_mul),
    native!("__rmul__", "($self, value, /)", str_mul),
    native!("__mod__", "($self, value, /)", str_mod),
    native!("__rmod__", "($self, value, /)", str_rmod),
    native!("__eq__", "($self, value, /)", str_eq),
    native!("__ne__", "($self, value, /)", str_ne),
    native!("__lt__", "($self, value, /)", str_lt),
    native!("__le__", "($self, value, /)", str_le),
    native!("__gt__", "($self, value, /)", str_gt),
    native!("__ge__", "($self, value, /)", str_ge),
    native!(
        "__format__",
        "($self, format_spec, /)",
        crate::types::format::str_format
    ),
    native!("__getnewargs__", "($self, /)", str_getnewargs),
    native!("__sizeof__", "($self, /)", str_sizeof),
    native!("capitalize", "($self, /)", str_capitalize),
    native!("casefold", "($self, /)", str_casefold),
    native!("lower", "($self, /)", str_lower),
    native!("upper", "($self, /)", str_upper),
    native!("swapcase", "($self, /)", str_swapcase),
    native!("title", "($self, /)", str_title),
    native!("center", "($self, width, fillchar=' ', /)", str_center),
    native!("ljust", "($self, width, fillchar=' ', /)", str_ljust),
    native!("rjust", "($self, width, fillchar=' ', /)", str_rjust),
    native!("zfill", "($self, width, /)", str_zfill),
    native!("join", "($self, iterable, /)", str_join).gc_clean(),
    native!(
        "encode",
        "($self, /, encoding='utf-8', errors='strict')",
        str_encode
    ),
    native!("translate", "($self, table, /)", str_translate),
    native_staticmethod!("maketrans", "(x, y=None, z=None, /)", str_maketrans),
    native!("isalnum", "($self, /)", str_isalnum),
    native!("isalpha", "($self, /)", str_isalpha),
    native!("isascii", "($self, /)", str_isascii),
    native!("isdecimal", "($self, /)", str_isdecimal),
    native!("isdigit", "($self, /)", str_isdigit),
    native!("isidentifier", "($self, /)", str_isidentifier),
    native!("islower", "($self, /)", str_islower),
    native!("isnumeric", "($self, /)", str_isnumeric),
    native!("isprintable", "($self, /)", str_isprintable),
    native!("isspace", "($self, /)", str_isspace),
    native!("istitle", "($self, /)", str_istitle),
    native!("isupper", "($self, /)", str_isupper),
    native!(
        "format",
        "($self, /, *args, **kwargs)",
        crate::types::format_str::str_format_method
    ),
    native!(
        "format_map",
        "($self, mapping, /)",
        crate::types::format_str::str_format_map
    ),
];

// ----- shared helpers -----

/// The str payload of `self` (the descriptor machinery has checked the type).
pub fn this(vm: &mut Vm, v: Value) -> PyResult<&'static StrObj> {
    match v.downcast::<StrObj>() {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'str' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

/// A str argument, or TypeError `"{prefix}must be str, not T"`.
pub fn str_arg(vm: &mut Vm, v: Value, prefix: &str) -> PyResult<&'static StrObj> {
    match v.downcast::<StrObj>() {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!("{prefix}must be str, not {}", vm.type_name(v)))),
    }
}

/// Returns `orig` itself when it is an exact str with text `s` (CPython returns self for
/// unchanged results), else a new str.
pub fn result_str(vm: &mut Vm, orig: Value, s: &str, changed: bool) -> Value {
    if !changed && vm.type_of(orig) == vm.types.str_ {
        return orig;
    }
    vm.new_str(s)
}

fn opt_index(vm: &mut Vm, v: Value, default: i64) -> PyResult<i64> {
    if v.is_null() {
        Ok(default)
    } else {
        ops::number::index_i64(vm, v)
    }
}

// ----- construction -----

fn str_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]);
    if args.len() > 3 {
        return Err(vm.type_error(format!(
            "str() takes at most 3 arguments ({} given)",
            args.len()
                + if a[2].is_null() {
                    0
                } else {
                    crate::types::dict::len(a[2])
                }
        )));
    }
    let mut slots = [Value::NULL; 3];
    slots[..args.len()].copy_from_slice(args);
    if !a[2].is_null() {
        for (k, v) in crate::types::dict::items(a[2]) {
            let name = as_str(k).unwrap_or("");
            let idx = match name {
                "object" => 0,
                "encoding" => 1,
                "errors" => 2,
                _ => {
                    return Err(
                        vm.type_error(format!("'{name}' is an invalid keyword argument for str()"))
                    );
                }
            };
            if !slots[idx].is_null() {
                return Err(vm.type_error(format!(
                    "argument for str() given by name ('{name}') and position ({})",
                    idx + 1
                )));
            }
            slots[idx] = v;
        }
    }
    let [object, encoding, errors] = slots;
    let value = if encoding.is_null() && errors.is_null() {
        if object.is_null() {
            vm.names.empty
        } else {
            ops::repr::str(vm, object)?
        }
    } else {
        let enc = match encoding {
            e if e.is_null() => "utf-8",
            e => match as_str(e) {
                Some(s) => s,
                None => {
                    return Err(vm.type_error(format!(
                        "str() argument 'encoding' must be str, not {}",
                        vm.type_name(e)
                    )));
                }
            },
        };
        let errs = match errors {
            e if e.is_null() => "strict",
            e => match as_str(e) {
                Some(s) => s,
                None => {
                    return Err(vm.type_error(format!(
                        "str() argument 'errors' must be str, not {}",
                        vm.type_name(e)
                    )));
                }
            },
        };
        let object = if object.is_null() {
            crate::types::bytes::new_bytes(vm, Vec::new())
        } else {
            object
        };
        if object.is::<StrObj>() {
            return Err(vm.type_error("decoding str is not supported"));
        }
        let Some(data) = crate::types::bytes::bytes_data(object) else {
            return Err(vm.type_error(format!(
                "decoding to str: need a bytes-like object, {} found",
                vm.type_name(object)
            )));
        };
        let s = crate::types::str_codec::decode(vm, &data, enc, errs, object)?;
        vm.new_string(s)
    };
    if ty == vm.types.str_ {
        return Ok(value);
    }
    if !typeobj::is_subtype(ty, vm.types.str_) {
        return Err(vm.type_error(format!(
            "str.__new__({}): {} is not a subtype of str",
            typeobj::type_name(ty),
            typeobj::type_name(ty)
        )));
    }
    let text = as_str(value).unwrap_or("");
    Ok(crate::heap::alloc(ty, StrObj::new(text)))
}

// ----- protocol dunders -----

fn str_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let r = ops::repr::repr_str(s.as_str());
    Ok(vm.new_string(r))
}

fn str_str(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(result_str(vm, a[0], s.as_str(), false))
}

fn str_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(crate::types::int::from_i64(vm, s.hash()))
}

fn str_len(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(crate::types::int::from_usize(vm, s.char_len()))
}

fn str_iter(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?;
    Ok(crate::types::iterators::new_iter(
        vm.types.str_iterator,
        crate::types::iterators::IterState::Str {
            s: a[0],
            byte_pos: 0,
        },
    ))
}

fn str_contains(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let Some(sub) = as_str(a[1]) else {
        return Err(vm.type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            vm.type_name(a[1])
        )));
    };
    Ok(Value::from_bool(s.as_str().contains(sub)))
}

/// `s[i]` / `s[a:b:c]` by code point.
pub fn getitem(vm: &mut Vm, sv: Value, key: Value) -> PyResult {
    let s = this(vm, sv)?;
    let n = s.char_len() as i64;
    if let Some(sl) = key.downcast::<crate::types::range::SliceObj>() {
        let (start, _stop, step, len) = crate::types::range::slice_indices(vm, sl, n)?;
        if len <= 0 {
            return Ok(vm.names.empty);
        }
        if step == 1 {
            let start = start as usize;
            if start == 0 && len == n && vm.type_of(sv) == vm.types.str_ {
                return Ok(sv);
            }
            let sub = s.slice_chars(start, start + len as usize);
            return Ok(vm.new_str(sub));
        }
        let mut out = String::with_capacity(len as usize);
        if s.is_ascii() {
            let b = s.as_str().as_bytes();
            for k in 0..len {
                out.push(b[(start + k * step) as usize] as char);
            }
        } else {
            let chars: Vec<char> = s.as_str().chars().collect();
            for k in 0..len {
                if let Some(c) = chars.get((start + k * step) as usize) {
                    out.push(*c);
                }
            }
        }
        return Ok(vm.new_string(out));
    }
    if !crate::types::int::is_int(key) && !ops::has_special(vm, key, vm.names.index) {
        return Err(vm.type_error(format!(
            "string indices must be integers, not '{}'",
            vm.type_name(key)
        )));
    }
    let i = ops::number::index_i64(vm, key)?;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("string index out of range"));
    }
    let c = s.char_at(j as usize);
    let mut buf = [0u8; 4];
    Ok(vm.new_str(c.encode_utf8(&mut buf)))
}

fn str_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    getitem(vm, a[0], a[1])
}

fn str_add(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let Some(t) = as_str(a[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let mut out = String::with_capacity(s.as_str().len() + t.len());
    out.push_str(s.as_str());
    out.push_str(t);
    Ok(vm.new_string(out))
}

/// The largest str (in UTF-8 bytes) repetition builds; larger ones raise MemoryError.
pub const MAX_STR_BYTES: usize = 1 << 32;

/// `s * n` (n already an int).
pub fn repeat(vm: &mut Vm, s: &str, n: i64) -> PyResult {
    if n <= 0 || s.is_empty() {
        return Ok(vm.names.empty);
    }
    match s.len().checked_mul(n as usize) {
        // Beyond this the allocation would abort the process instead of raising.
        Some(total) if total <= MAX_STR_BYTES => Ok(vm.new_string(s.repeat(n as usize))),
        _ => Err(vm.memory_error()),
    }
}

fn str_mul(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    if !crate::types::int::is_int(a[1]) && !ops::has_special(vm, a[1], vm.names.index) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let n = match ops::number::index_i64(vm, a[1]) {
        Ok(n) => n,
        Err(e) if vm.exc_matches(e, vm.exc.index_error) => {
            return Err(vm.overflow_error(format!(
                "cannot fit '{}' into an index-sized integer",
                vm.type_name(a[1])
            )));
        }
        Err(e) => return Err(e),
    };
    repeat(vm, s.as_str(), n)
}

fn str_mod(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let r = crate::types::format_percent::percent_format(vm, s.as_str(), a[1])?;
    Ok(vm.new_string(r))
}

fn str_rmod(vm: &mut Vm, a: &[Value]) -> PyResult {
    // `other % str`: only a str left operand formats; anything else is not ours.
    if let Some(fmt) = as_str(a[1]) {
        let r = crate::types::format_percent::percent_format(vm, fmt, a[0])?;
        return Ok(vm.new_string(r));
    }
    Ok(Value::NOT_IMPLEMENTED)
}

fn compare(vm: &mut Vm, a: &[Value], f: fn(std::cmp::Ordering) -> bool) -> PyResult {
    let s = this(vm, a[0])?;
    match a[1].downcast::<StrObj>() {
        Some(t) => Ok(Value::from_bool(f(crate::types::str::compare(s, t)))),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn str_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, |o| o.is_eq())
}
fn str_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, |o| o.is_ne())
}
fn str_lt(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, |o| o.is_lt())
}
fn str_le(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, |o| o.is_le())
}
fn str_gt(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, |o| o.is_gt())
}
fn str_ge(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, |o| o.is_ge())
}

fn str_getnewargs(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let copy = vm.new_str(s.as_str());
    Ok(crate::types::tuple::new_tuple(vm, vec![copy]))
}

/// CPython's compact-string sizes: 1, 2 or 4 bytes per code point plus the header.
fn str_sizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let n = s.char_len();
    let max = s.code_points().max().unwrap_or(0);
    let size = if max < 0x80 {
        48 + n + 1
    } else if max < 0x100 {
        72 + n + 1
    } else if max < 0x10000 {
        72 + 2 * (n + 1)
    } else {
        72 + 4 * (n + 1)
    };
    Ok(crate::types::int::from_usize(vm, size))
}

// ----- case conversions and predicates -----

macro_rules! case_method {
    ($name:ident, $f:path) => {
        fn $name(vm: &mut Vm, a: &[Value]) -> PyResult {
            let s = this(vm, a[0])?;
            let r = $f(s.as_str());
            Ok(vm.new_string(r))
        }
    };
}

case_method!(str_capitalize, uni::capitalize);
case_method!(str_casefold, uni::casefold);
case_method!(str_lower, uni::lower);
case_method!(str_upper, uni::upper);
case_method!(str_swapcase, uni::swapcase);
case_method!(str_title, uni::title);

/// A predicate true when the string is non-empty and every character satisfies `f`.
macro_rules! all_chars {
    ($name:ident, $f:path) => {
        fn $name(vm: &mut Vm, a: &[Value]) -> PyResult {
            let s = this(vm, a[0])?.as_str();
            Ok(Value::from_bool(!s.is_empty() && s.chars().all($f)))
        }
    };
}

all_chars!(str_isalnum, uni::is_alnum);
all_chars!(str_isalpha, uni::is_alpha);
all_chars!(str_isdecimal, uni::is_decimal);
all_chars!(str_isdigit, uni::is_digit);
all_chars!(str_isnumeric, uni::is_numeric);
all_chars!(str_isspace, uni::is_space);

fn str_isascii(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(Value::from_bool(s.is_ascii()))
}

fn str_isprintable(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?.as_str();
    Ok(Value::from_bool(s.chars().all(uni::is_printable)))
}

fn str_isidentifier(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?.as_str();
    Ok(Value::from_bool(uni::is_identifier(s)))
}

fn str_islower(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?.as_str();
    Ok(Value::from_bool(uni::is_lower_str(s)))
}

fn str_isupper(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?.as_str();
    Ok(Value::from_bool(uni::is_upper_str(s)))
}

fn str_istitle(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?.as_str();
    Ok(Value::from_bool(uni::is_title_str(s)))
}

// ----- padding -----

fn fill_char(vm: &mut Vm, v: Value, method: &str) -> PyResult<char> {
    if v.is_null() {
        return Ok(' ');
    }
    let Some(s) = as_str(v) else {
        return Err(vm.type_error(format!(
            "The fill character must be a unicode character, not {}",
            vm.type_name(v)
        )));
    };
    let _ = method;
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(vm.type_error("The fill character must be exactly one character long")),
    }
}

/// Pads to `width` code points with `left` fill characters on the left and the rest right.
fn padded(
    vm: &mut Vm,
    orig: Value,
    width: i64,
    fill: char,
    left_of: impl Fn(usize) -> usize,
) -> PyResult {
    let s = this(vm, orig)?;
    let n = s.char_len();
    if width <= n as i64 {
        return Ok(result_str(vm, orig, s.as_str(), false));
    }
    let marg = width as usize - n;
    if marg > crate::types::format::MAX_WIDTH {
        return Err(vm.memory_error());
    }
    let left = left_of(marg);
    let mut out = String::with_capacity(s.as_str().len() + marg * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s.as_str());
    out.extend(std::iter::repeat_n(fill, marg - left));
    Ok(vm.new_string(out))
}

fn str_center(vm: &mut Vm, a: &[Value]) -> PyResult {
    let width = ops::number::index_i64(vm, a[1])?;
    let fill = fill_char(vm, a[2], "center")?;
    // CPython's rounding: the extra space goes left when both margin and width are odd.
    let w = width.max(0) as usize;
    padded(vm, a[0], width, fill, move |marg| marg / 2 + (marg & w & 1))
}

fn str_ljust(vm: &mut Vm, a: &[Value]) -> PyResult {
    let width = ops::number::index_i64(vm, a[1])?;
    let fill = fill_char(vm, a[2], "ljust")?;
    padded(vm, a[0], width, fill, |_| 0)
}

fn str_rjust(vm: &mut Vm, a: &[Value]) -> PyResult {
    let width = ops::number::index_i64(vm, a[1])?;
    let fill = fill_char(vm, a[2], "rjust")?;
    padded(vm, a[0], width, fill, |marg| marg)
}

fn str_zfill(vm: &mut Vm, a: &[Value]) -> PyResult {
    let width = ops::number::index_i64(vm, a[1])?;
    let s = this(vm, a[0])?;
    let n = s.char_len();
    if width <= n as i64 {
        return Ok(result_str(vm, a[0], s.as_str(), false));
    }
    let fill = width as usize - n;
    if fill > crate::types::format::MAX_WIDTH {
        return Err(vm.memory_error());
    }
    let text = s.as_str();
    let mut out = String::with_capacity(text.len() + fill);
    let rest = match text.chars().next() {
        Some(c @ ('+' | '-')) => {
            out.push(c);
            &text[1..]
        }
        _ => text,
    };
    out.extend(std::iter::repeat_n('0', fill));
    out.push_str(rest);
    Ok(vm.new_string(out))
}

// ----- join -----

/// Audited for collection in its callbacks (`gc_clean`).
fn str_join(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let sep = this(vm, a[0])?.as_str();
    let it = a[1];
    let items = if let Some(l) = it.downcast::<crate::types::list::ListObj>() {
        l.snapshot()
    } else if let Some(t) = crate::types::tuple::items(it) {
        t.to_vec()
    } else {
        match ops::iter::get_iter(vm, it) {
            Ok(iter) => {
                if clean {
                    vm.root(iter);
                }
                let mut v = Vec::new();
                while let Some(x) = ops::iter::next_in(vm, iter, clean)? {
                    if clean {
                        vm.root(x);
                    }
                    v.push(x);
                }
                v
            }
            Err(e)
                if vm.exc_matches(e, vm.exc.type_error)
                    && !ops::has_special(vm, it, vm.names.iter) =>
            {
                return Err(vm.type_error("can only join an iterable"));
            }
            Err(e) => return Err(e),
        }
    };
    if items.len() == 1 && vm.type_of(items[0]) == vm.types.str_ {
        return Ok(items[0]);
    }
    let mut total = 0usize;
    for (i, x) in items.iter().enumerate() {
        match as_str(*x) {
            Some(s) => total += s.len(),
            None => {
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    vm.type_name(*x)
                )));
            }
        }
    }
    total += sep.len() * items.len().saturating_sub(1);
    let mut out = String::with_capacity(total);
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(as_str(*x).unwrap_or(""));
    }
    Ok(vm.new_string(out))
}

// ----- encode, translate, maketrans -----

fn str_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?.as_str();
    let enc = if a[1].is_null() {
        "utf-8"
    } else {
        match as_str(a[1]) {
            Some(e) => e,
            None => {
                return Err(vm.type_error(format!(
                    "encode() argument 'encoding' must be str, not {}",
                    vm.type_name(a[1])
                )));
            }
        }
    };
    let errors = if a[2].is_null() {
        "strict"
    } else {
        match as_str(a[2]) {
            Some(e) => e,
            None => {
                return Err(vm.type_error(format!(
                    "encode() argument 'errors' must be str, not {}",
                    vm.type_name(a[2])
                )));
            }
        }
    };
    let data = crate::types::str_codec::encode(vm, s, enc, errors, a[0])?;
    Ok(crate::types::bytes::new_bytes(vm, data))
}

fn char_value(vm: &mut Vm, c: char) -> Value {
    let mut buf = [0u8; 4];
    vm.new_str(c.encode_utf8(&mut buf))
}

fn str_translate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?.as_str();
    let table = a[1];
    let is_dict = vm.type_of(table) == vm.types.dict;
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    for c in s.chars() {
        let key = crate::types::int::from_i64(vm, code_point(c) as i64);
        let mapped = if is_dict {
            crate::types::dict::get_item(vm, table, key)?
        } else {
            match ops::item::getitem(vm, table, key) {
                Ok(v) => Some(v),
                Err(e) if vm.exc_matches(e, vm.exc.lookup_error) => None,
                Err(e) => return Err(e),
            }
        };
        let Some(m) = mapped else {
            out.push(c);
            continue;
        };
        changed = true;
        if m.is_none() {
            continue;
        }
        if let Some(t) = as_str(m) {
            out.push_str(t);
        } else if let Some(i) = crate::types::int::int_ref(m) {
            match i
                .to_i64()
                .and_then(|x| u32::try_from(x).ok())
                .filter(|&x| x < 0x110000)
            {
                Some(cp) => match char_for(cp) {
                    Some(ch) => out.push(ch),
                    None => return Err(crate::types::str::unrepresentable_error(vm, cp)),
                },
                None => {
                    return Err(vm.value_error("character mapping must be in range(0x110000)"));
                }
            }
        } else {
            return Err(vm.type_error("character mapping must return integer, None or str"));
        }
    }
    Ok(result_str(vm, a[0], &out, changed))
}

fn str_maketrans(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (x, y, z) = (a[0], a[1], a[2]);
    let d = crate::types::dict::new_dict(vm);
    if y.is_null() {
        if !x.is::<crate::types::dict::DictObj>() {
            return Err(
                vm.type_error("if you give only one argument to maketrans it must be a dict")
            );
        }
        for (k, v) in crate::types::dict::items(x) {
            let key = if let Some(ks) = as_str(k) {
                let mut it = ks.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => crate::types::int::from_i64(vm, code_point(c) as i64),
                    _ => {
                        return Err(
                            vm.value_error("string keys in translate table must be of length 1")
                        );
                    }
                }
            } else if crate::types::int::is_int(k) {
                k
            } else {
                return Err(vm.type_error("keys in translate table must be strings or integers"));
            };
            crate::types::dict::set_item(vm, d, key, v)?;
        }
        return Ok(d);
    }
    let Some(xs) = as_str(x) else {
        return Err(vm.type_error(
            "first maketrans argument must be a string if there is a second argument",
        ));
    };
    let Some(ys) = as_str(y) else {
        return Err(vm.type_error(format!(
            "maketrans() argument 2 must be str, not {}",
            vm.type_name(y)
        )));
    };
    if xs.chars().count() != ys.chars().count() {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for (cx, cy) in xs.chars().zip(ys.chars()) {
        let k = crate::types::int::from_i64(vm, code_point(cx) as i64);
        let v = crate::types::int::from_i64(vm, code_point(cy) as i64);
        crate::types::dict::set_item(vm, d, k, v)?;
    }
    if !z.is_null() && !z.is_none() {
        let Some(zs) = as_str(z) else {
            return Err(vm.type_error(format!(
                "maketrans() argument 3 must be str, not {}",
                vm.type_name(z)
            )));
        };
        for c in zs.chars() {
            let k = crate::types::int::from_i64(vm, code_point(c) as i64);
            crate::types::dict::set_item(vm, d, k, Value::NONE)?;
        }
    }
    Ok(d)
}

/// One-character str for `c` (shared with the other str modules).
pub fn char_str(vm: &mut Vm, c: char) -> Value {
    char_value(vm, c)
}

pub fn opt_index_arg(vm: &mut Vm, v: Value, default: i64) -> PyResult<i64> {
    opt_index(vm, v, default)
}

#[cfg(test)]
mod tests {
    use crate::ops;
    use crate::value::Value;
    use crate::vm::Vm;

    /// Calls `obj.name(*args)` and returns the repr of the result, or "Type: message".
    fn call(vm: &mut Vm, obj: Value, name: &str, args: &[Value]) -> String {
        let r = ops::attr::getattr_str(vm, obj, name).and_then(|m| ops::call::call(vm, m, args));
        match r {
            Ok(v) => ops::repr::repr_string(vm, v).unwrap_or_default(),
            Err(e) => {
                let msg = ops::repr::str_string(vm, e.0).unwrap_or_default();
                format!("{}: {msg}", vm.type_name(e.0))
            }
        }
    }

    fn s(vm: &mut Vm, t: &str) -> Value {
        vm.new_str(t)
    }

    fn i(vm: &mut Vm, n: i64) -> Value {
        crate::types::int::from_i64(vm, n)
    }

    #[test]
    fn methods_via_protocol() {
        let mut vm = Vm::new(Default::default());
        let vm = &mut *vm;
        let abc = s(vm, "  a  b   c  ");
        assert_eq!(call(vm, abc, "split", &[]), "['a', 'b', 'c']");
        let sp = s(vm, " ");
        assert_eq!(
            call(vm, abc, "split", &[sp]),
            "['', '', 'a', '', 'b', '', '', 'c', '', '']"
        );
        let x = s(vm, "héllo wörld");
        let o = s(vm, "ö");
        assert_eq!(call(vm, x, "find", &[o]), "7");
        assert_eq!(call(vm, x, "upper", &[]), "'HÉLLO WÖRLD'");
        assert_eq!(call(vm, x, "title", &[]), "'Héllo Wörld'");
        let w = i(vm, 15);
        let star = s(vm, "*");
        assert_eq!(call(vm, x, "center", &[w, star]), "'**héllo wörld**'");
        let one = i(vm, 1);
        assert_eq!(
            call(vm, x, "find", &[one]),
            "TypeError: must be str, not int"
        );
        let k = i(vm, -1);
        assert_eq!(call(vm, x, "__getitem__", &[k]), "'d'");
        let k = i(vm, 11);
        assert_eq!(
            call(vm, x, "__getitem__", &[k]),
            "IndexError: string index out of range"
        );
        let sl = crate::types::range::new_slice(vm, Value::NONE, Value::NONE, k);
        let m1 = i(vm, -1);
        let sl2 = crate::types::range::new_slice(vm, Value::NONE, Value::NONE, m1);
        assert_eq!(call(vm, x, "__getitem__", &[sl]), "'h'");
        assert_eq!(call(vm, x, "__getitem__", &[sl2]), "'dlröw olléh'");
        let sep = s(vm, ",");
        let items = vec![s(vm, "a"), s(vm, "b")];
        let l = crate::types::list::new_list(vm, items);
        assert_eq!(call(vm, sep, "join", &[l]), "'a,b'");
        let items = vec![s(vm, "a"), one];
        let l = crate::types::list::new_list(vm, items);
        assert_eq!(
            call(vm, sep, "join", &[l]),
            "TypeError: sequence item 1: expected str instance, int found"
        );
        let e = s(vm, "é");
        let ascii = s(vm, "ascii");
        assert_eq!(
            call(vm, e, "encode", &[ascii]),
            "UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)"
        );
    }

    #[test]
    fn construction() {
        let mut vm = Vm::new(Default::default());
        let vm = &mut *vm;
        let str_t = vm.types.str_;
        let call_t = |vm: &mut Vm, args: &[Value], kw: &[Value]| -> String {
            match ops::call::call_kw(vm, str_t, args, kw) {
                Ok(v) => ops::repr::repr_string(vm, v).unwrap_or_default(),
                Err(e) => {
                    let msg = ops::repr::str_string(vm, e.0).unwrap_or_default();
                    format!("{}: {msg}", vm.type_name(e.0))
                }
            }
        };
        assert_eq!(call_t(vm, &[], &[]), "''");
        let five = i(vm, 5);
        assert_eq!(call_t(vm, &[five], &[]), "'5'");
        let b = crate::types::bytes::new_bytes(vm, b"caf\xc3\xa9 \xff".to_vec());
        let (utf8, repl) = (s(vm, "utf-8"), s(vm, "replace"));
        assert_eq!(call_t(vm, &[b, utf8, repl], &[]), "'café \u{fffd}'");
        assert_eq!(
            call_t(vm, &[b, utf8], &[]),
            "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 6: invalid start byte"
        );
        let errors = vm.intern("errors");
        let ignore = s(vm, "ignore");
        assert_eq!(call_t(vm, &[b, ignore], &[errors]), "'café '");
        let x = s(vm, "x");
        assert_eq!(
            call_t(vm, &[x, utf8], &[]),
            "TypeError: decoding str is not supported"
        );
        assert_eq!(
            call_t(vm, &[x, x, x, x], &[]),
            "TypeError: str() takes at most 3 arguments (4 given)"
        );
        let bad = vm.intern("bad");
        assert_eq!(
            call_t(vm, &[x], &[bad]),
            "TypeError: 'bad' is an invalid keyword argument for str()"
        );
    }

    #[test]
    fn percent_and_format() {
        let mut vm = Vm::new(Default::default());
        let vm = &mut *vm;
        let f = s(vm, "%5d|%-5s|%05.1f|%x|%r");
        let args = vec![
            i(vm, 42),
            s(vm, "ab"),
            crate::types::float::new_float(vm, 3.14159),
            i(vm, 255),
            s(vm, "é"),
        ];
        let t = crate::types::tuple::new_tuple(vm, args);
        assert_eq!(call(vm, f, "__mod__", &[t]), "\"   42|ab   |003.1|ff|'é'\"");
        let f = s(vm, "%d %d");
        let one = i(vm, 1);
        assert_eq!(
            call(vm, f, "__mod__", &[one]),
            "TypeError: not enough arguments for format string"
        );
        let f = s(vm, "%d");
        let x = s(vm, "x");
        assert_eq!(
            call(vm, f, "__mod__", &[x]),
            "TypeError: %d format: a real number is required, not str"
        );
        let f = s(vm, "{0:>{1}}|{2!r:^7}|{{}}");
        let a = vec![s(vm, "ab"), i(vm, 5), s(vm, "x")];
        assert_eq!(call(vm, f, "format", &a), "\"   ab|  'x'  |{}\"");
        let f = s(vm, "{} {0}");
        assert_eq!(
            call(vm, f, "format", &a),
            "ValueError: cannot switch from automatic field numbering to manual field specification"
        );
        let f = s(vm, "{0[1]}{0[0]:.2f}");
        let items = vec![crate::types::float::new_float(vm, 2.675), s(vm, "!")];
        let l = crate::types::list::new_list(vm, items);
        assert_eq!(call(vm, f, "format", &[l]), "'!2.67'");
        let n = i(vm, 1234567);
        let spec = s(vm, "_x");
        assert_eq!(call(vm, n, "__format__", &[spec]), "'12_d687'");
        let spec = s(vm, "");
        assert_eq!(call(vm, Value::TRUE, "__format__", &[spec]), "'True'");
        let spec = s(vm, "d");
        assert_eq!(call(vm, Value::TRUE, "__format__", &[spec]), "'1'");
    }
}
