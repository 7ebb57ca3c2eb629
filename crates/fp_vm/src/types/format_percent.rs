//! printf-style formatting, `str % args` (CPython's `PyUnicode_Format`): conversions
//! `d i u o x X e E f F g G c r s a %`, flags `- + space # 0`, `*` width and precision,
//! `%(key)` mapping lookups, and CPython's error messages. The same engine does
//! `bytes % args` (`percent_format_bytes`): the bytes are handled as Latin-1 text, with the
//! bytes rules for `%s`/`%b`, `%r`/`%a` and `%c`.

use crate::ops;
use crate::types::format::{FloatFlags, FloatMode, MAX_WIDTH, float_to_string};
use crate::types::int::{self, IntRef};
use crate::types::str::{StrObj, as_str};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;

/// Where conversions take their arguments from.
struct Args {
    /// The tuple items, or the single argument.
    items: Vec<Value>,
    /// Tuple arguments: length; a single argument: -1.
    arglen: i64,
    argidx: i64,
    /// The mapping for `%(key)s`, when the argument is one.
    dict: Option<Value>,
    /// A value fetched by `%(key)` for the next conversion.
    keyed: Option<Value>,
}

impl Args {
    fn next(&mut self, vm: &mut Vm) -> PyResult<Value> {
        if self.argidx < self.arglen {
            self.argidx += 1;
            if self.arglen < 0 {
                return Ok(self.keyed.unwrap_or(self.items[0]));
            }
            return Ok(self.items[(self.argidx - 1) as usize]);
        }
        Err(vm.type_error("not enough arguments for format string"))
    }
}

#[derive(Default, Clone, Copy)]
struct Flags {
    ljust: bool,
    sign: bool,
    blank: bool,
    alt: bool,
    zero: bool,
}

/// Which `%` operator is running.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Str,
    Bytes,
}

/// `fmt % args`.
pub fn percent_format(vm: &mut Vm, fmt: &str, args: Value) -> PyResult<String> {
    format_impl(vm, fmt, args, Mode::Str)
}

/// `fmt % args` for bytes and bytearray formats.
pub fn percent_format_bytes(vm: &mut Vm, fmt: &[u8], args: Value) -> PyResult<Vec<u8>> {
    let text: String = fmt.iter().map(|&b| b as char).collect();
    let out = format_impl(vm, &text, args, Mode::Bytes)?;
    Ok(out.chars().map(|c| c as u32 as u8).collect())
}

fn format_impl(vm: &mut Vm, fmt: &str, args: Value, mode: Mode) -> PyResult<String> {
    let is_tuple = vm.type_of(args) == vm.types.tuple || args.is::<crate::types::tuple::TupleObj>();
    let mut a = if is_tuple {
        let items = crate::types::tuple::items(args).unwrap_or(&[]).to_vec();
        let n = items.len() as i64;
        Args {
            items,
            arglen: n,
            argidx: 0,
            dict: None,
            keyed: None,
        }
    } else {
        Args {
            items: vec![args],
            arglen: -1,
            argidx: -2,
            dict: None,
            keyed: None,
        }
    };
    let is_text = match mode {
        Mode::Str => args.is::<StrObj>(),
        Mode::Bytes => crate::types::bytes::bytes_data(args).is_some(),
    };
    if !is_tuple && !is_text && ops::has_special(vm, args, vm.names.getitem) {
        a.dict = Some(args);
    }
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if chars.get(i) == Some(&'%') {
            out.push('%');
            i += 1;
            continue;
        }
        i = one_conversion(vm, &chars, i, &mut a, &mut out, mode)?;
    }
    if a.argidx < a.arglen && a.dict.is_none() {
        return Err(vm.type_error(match mode {
            Mode::Str => "not all arguments converted during string formatting",
            Mode::Bytes => "not all arguments converted during bytes formatting",
        }));
    }
    Ok(out)
}

/// Reads a decimal number for width/precision.
fn read_number(vm: &mut Vm, chars: &[char], i: &mut usize, what: &str) -> PyResult<i64> {
    let mut n: i64 = 0;
    while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
        n = match n.checked_mul(10).and_then(|x| x.checked_add(d as i64)) {
            Some(x) => x,
            None => return Err(vm.value_error(format!("{what} too big"))),
        };
        *i += 1;
    }
    Ok(n)
}

fn star_arg(vm: &mut Vm, a: &mut Args) -> PyResult<i64> {
    let v = a.next(vm)?;
    if !int::is_int(v) {
        return Err(vm.type_error("* wants int"));
    }
    match int::int_ref(v).and_then(|i| i.to_i64()) {
        Some(x) => Ok(x),
        None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    }
}

/// Parses and applies one conversion starting after its `%`; returns the next index.
fn one_conversion(
    vm: &mut Vm,
    chars: &[char],
    mut i: usize,
    a: &mut Args,
    out: &mut String,
    mode: Mode,
) -> PyResult<usize> {
    if chars.get(i) == Some(&'(') {
        let Some(dict) = a.dict else {
            return Err(vm.type_error("format requires a mapping"));
        };
        i += 1;
        let start = i;
        let mut depth = 1;
        while i < chars.len() {
            match chars[i] {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if depth != 0 {
            return Err(vm.value_error("incomplete format key"));
        }
        let key: String = chars[start..i].iter().collect();
        i += 1;
        let k = match mode {
            Mode::Str => vm.new_string(key),
            Mode::Bytes => {
                let b: Vec<u8> = key.chars().map(|c| c as u32 as u8).collect();
                crate::types::bytes::new_bytes(vm, b)
            }
        };
        let v = ops::item::getitem(vm, dict, k)?;
        a.keyed = Some(v);
        a.arglen = -1;
        a.argidx = -2;
    }
    let mut f = Flags::default();
    while let Some(&c) = chars.get(i) {
        match c {
            '-' => f.ljust = true,
            '+' => f.sign = true,
            ' ' => f.blank = true,
            '#' => f.alt = true,
            '0' => f.zero = true,
            _ => break,
        }
        i += 1;
    }
    let mut width: i64 = -1;
    if chars.get(i) == Some(&'*') {
        i += 1;
        width = star_arg(vm, a)?;
        if width < 0 {
            f.ljust = true;
            width = width.saturating_neg();
        }
    } else if chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
        width = read_number(vm, chars, &mut i, "width")?;
    }
    let mut prec: i64 = -1;
    if chars.get(i) == Some(&'.') {
        i += 1;
        if chars.get(i) == Some(&'*') {
            i += 1;
            prec = star_arg(vm, a)?.max(0);
        } else {
            prec = read_number(vm, chars, &mut i, "precision")?;
        }
    }
    // Length modifiers are accepted and ignored.
    while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
        i += 1;
    }
    let Some(&conv) = chars.get(i) else {
        return Err(vm.value_error("incomplete format"));
    };
    if width > MAX_WIDTH as i64 || prec > MAX_WIDTH as i64 {
        return Err(vm.memory_error());
    }
    let conv_index = i;
    i += 1;
    // The argument is fetched before the conversion character is checked (as CPython).
    let v = a.next(vm)?;
    let numeric = matches!(
        conv,
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G'
    );
    let text_conv = matches!(conv, 's' | 'r' | 'a' | 'c') || (mode == Mode::Bytes && conv == 'b');
    if !numeric && !text_conv {
        let shown = if (' '..='~').contains(&conv) {
            conv
        } else {
            '?'
        };
        return Err(vm.value_error(format!(
            "unsupported format character '{shown}' ({:#x}) at index {conv_index}",
            conv as u32
        )));
    }
    let text = match conv {
        's' | 'b' if mode == Mode::Bytes => truncate(bytes_text(vm, v)?, prec),
        'r' | 'a' if mode == Mode::Bytes => {
            let r = crate::modules::builtins::ascii_of(vm, v)?;
            truncate(as_str(r).unwrap_or("").to_string(), prec)
        }
        'c' if mode == Mode::Bytes => byte_char_arg(vm, v)?.to_string(),
        's' => truncate(ops::repr::str_string(vm, v)?, prec),
        'r' => truncate(ops::repr::repr_string(vm, v)?, prec),
        'a' => {
            let r = crate::modules::builtins::ascii_of(vm, v)?;
            truncate(as_str(r).unwrap_or("").to_string(), prec)
        }
        'c' => char_arg(vm, v)?.to_string(),
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => match int::int_ref(v) {
            Some(IntRef::Small(n)) => format_small(n, conv, f.alt, prec),
            _ => {
                let n = int_arg(vm, v, conv)?;
                format_long(vm, &n, conv, f.alt, prec)?
            }
        },
        _ => {
            let x = ops::number::to_f64(vm, v)?;
            let (mode, upper) = match conv {
                'e' => (FloatMode::Exp, false),
                'E' => (FloatMode::Exp, true),
                'f' => (FloatMode::Fixed, false),
                'F' => (FloatMode::Fixed, true),
                'g' => (FloatMode::General, false),
                _ => (FloatMode::General, true),
            };
            let flags = FloatFlags {
                alt: f.alt,
                add_dot_0: false,
                upper,
            };
            let p = if prec < 0 { 6 } else { prec as usize };
            float_to_string(x, mode, p, flags, None, false)
        }
    };
    write_padded(out, &text, conv, numeric, f, width);
    Ok(i)
}

fn truncate(s: String, prec: i64) -> String {
    if prec < 0 {
        return s;
    }
    match s.char_indices().nth(prec as usize) {
        Some((off, _)) => s[..off].to_string(),
        None => s,
    }
}

/// `%s`/`%b` of bytes formatting: the object's bytes as Latin-1 text.
fn bytes_text(vm: &mut Vm, v: Value) -> PyResult<String> {
    let data = match crate::types::bytes::bytes_data(v) {
        Some(d) => d,
        None => {
            let name = vm.intern("__bytes__");
            match ops::call_special(vm, v, name, &[])? {
                Some(b) => match crate::types::bytes::bytes_data(b) {
                    Some(d) if b.is::<crate::types::bytes::BytesObj>() => d,
                    _ => {
                        return Err(vm.type_error(format!(
                            "__bytes__ returned non-bytes (type {})",
                            vm.type_name(b)
                        )));
                    }
                },
                None => {
                    return Err(vm.type_error(format!(
                        "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                        vm.type_name(v)
                    )));
                }
            }
        }
    };
    Ok(data.iter().map(|&b| b as char).collect())
}

/// `%c` of bytes formatting: an int in range(256) or a single byte.
fn byte_char_arg(vm: &mut Vm, v: Value) -> PyResult<char> {
    if let Some(i) = int::int_ref(v) {
        return match i.to_i64() {
            Some(x @ 0..=255) => Ok(x as u8 as char),
            _ => Err(vm.overflow_error("%c arg not in range(256)")),
        };
    }
    if let Some(d) = crate::types::bytes::bytes_data(v)
        && d.len() == 1
    {
        return Ok(d[0] as char);
    }
    Err(vm.type_error("%c requires an integer in range(256) or a single byte"))
}

fn char_arg(vm: &mut Vm, v: Value) -> PyResult<char> {
    if let Some(s) = as_str(v) {
        let mut it = s.chars();
        if let (Some(c), None) = (it.next(), it.next()) {
            return Ok(c);
        }
        return Err(vm.type_error("%c requires int or char"));
    }
    if let Some(i) = int::int_ref(v) {
        let x = i.to_i64().unwrap_or(-1);
        return crate::types::str::char_arg(vm, x);
    }
    Err(vm.type_error("%c requires int or char"))
}

/// The integer for `%d`-style (int(), truncating floats) or `%x`-style (`__index__`)
/// conversions.
fn int_arg(vm: &mut Vm, v: Value, conv: char) -> PyResult<BigInt> {
    if let Some(i) = int::int_ref(v) {
        return Ok(i.to_bigint());
    }
    let wrong = |vm: &mut Vm| {
        let what = if matches!(conv, 'o' | 'x' | 'X') {
            "an integer is required"
        } else {
            "a real number is required"
        };
        vm.type_error(format!("%{conv} format: {what}, not {}", vm.type_name(v)))
    };
    if matches!(conv, 'o' | 'x' | 'X') {
        if !ops::has_special(vm, v, vm.names.index) {
            return Err(wrong(vm));
        }
        let r = ops::number::index(vm, v)?;
        return Ok(int::int_ref(r).map(|i| i.to_bigint()).unwrap_or_default());
    }
    if let Some(x) = crate::types::float::as_f64(v) {
        if x.is_nan() {
            return Err(vm.value_error("cannot convert float NaN to integer"));
        }
        if x.is_infinite() {
            return Err(vm.overflow_error("cannot convert float infinity to integer"));
        }
        return Ok(crate::types::float::f64_to_bigint(x.trunc()).unwrap_or_default());
    }
    let r = if let Some(r) = ops::call_special(vm, v, vm.names.int_, &[])? {
        r
    } else if ops::has_special(vm, v, vm.names.index) {
        ops::number::index(vm, v)?
    } else {
        return Err(wrong(vm));
    };
    match int::int_ref(r) {
        Some(i) => Ok(i.to_bigint()),
        None => Err(vm.type_error(format!(
            "__int__ returned non-int (type {})",
            vm.type_name(r)
        ))),
    }
}

/// `format_long` for a machine-sized int (the common case, without big-int work).
fn format_small(n: i64, conv: char, alt: bool, prec: i64) -> String {
    let m = n.unsigned_abs();
    let digits = match conv {
        'o' => format!("{m:o}"),
        'x' => format!("{m:x}"),
        'X' => format!("{m:X}"),
        _ => m.to_string(),
    };
    let mut out = String::with_capacity(digits.len() + 4);
    if n < 0 {
        out.push('-');
    }
    if alt {
        match conv {
            'o' => out.push_str("0o"),
            'x' => out.push_str("0x"),
            'X' => out.push_str("0X"),
            _ => {}
        }
    }
    if prec > digits.len() as i64 {
        out.extend(std::iter::repeat_n('0', prec as usize - digits.len()));
    }
    out.push_str(&digits);
    out
}

/// Sign, `#` prefix and digits (zero-extended to `prec`) of an integer conversion.
fn format_long(vm: &mut Vm, n: &BigInt, conv: char, alt: bool, prec: i64) -> PyResult<String> {
    let negative = n.sign() == num_bigint::Sign::Minus;
    let mut digits = match conv {
        'o' => n.magnitude().to_str_radix(8),
        'x' => n.magnitude().to_str_radix(16),
        'X' => n.magnitude().to_str_radix(16).to_uppercase(),
        _ => {
            let v = int::from_bigint(vm, n.magnitude().clone().into());
            let r = int::int_ref(v).unwrap_or(IntRef::Small(0));
            int::to_decimal_string(vm, r)?
        }
    };
    if prec > digits.len() as i64 {
        let mut z = "0".repeat(prec as usize - digits.len());
        z.push_str(&digits);
        digits = z;
    }
    let mut out = String::with_capacity(digits.len() + 3);
    if negative {
        out.push('-');
    }
    if alt {
        match conv {
            'o' => out.push_str("0o"),
            'x' => out.push_str("0x"),
            'X' => out.push_str("0X"),
            _ => {}
        }
    }
    out.push_str(&digits);
    Ok(out)
}

/// Writes one converted value with width, sign and `0`-padding (CPython's
/// `unicode_format_arg_output`).
fn write_padded(out: &mut String, text: &str, conv: char, numeric: bool, f: Flags, width: i64) {
    let mut body = text;
    let mut sign: Option<char> = None;
    if numeric {
        if let Some(c @ ('-' | '+')) = body.chars().next() {
            sign = Some(c);
            body = &body[1..];
        } else if f.sign {
            sign = Some('+');
        } else if f.blank {
            sign = Some(' ');
        }
    }
    let zero_fill = numeric && f.zero && !f.ljust;
    let prefix = if numeric && f.alt && matches!(conv, 'o' | 'x' | 'X') && body.len() >= 2 {
        let (p, rest) = body.split_at(2);
        body = rest;
        p
    } else {
        ""
    };
    let len = sign.is_some() as i64 + prefix.len() as i64 + body.chars().count() as i64;
    let pad = (width - len).max(0) as usize;
    if f.ljust {
        if let Some(s) = sign {
            out.push(s);
        }
        out.push_str(prefix);
        out.push_str(body);
        out.extend(std::iter::repeat_n(' ', pad));
    } else if zero_fill {
        if let Some(s) = sign {
            out.push(s);
        }
        out.push_str(prefix);
        out.extend(std::iter::repeat_n('0', pad));
        out.push_str(body);
    } else {
        out.extend(std::iter::repeat_n(' ', pad));
        if let Some(s) = sign {
            out.push(s);
        }
        out.push_str(prefix);
        out.push_str(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_mode() {
        let mut vm = Vm::new(Default::default());
        let vm = &mut *vm;
        let b = crate::types::bytes::new_bytes(vm, b"by".to_vec());
        let five = int::from_i64(vm, 5);
        let c = int::from_i64(vm, 65);
        let e = vm.new_str("é");
        let t = crate::types::tuple::new_tuple(vm, vec![b, five, five, c, e]);
        let r = percent_format_bytes(vm, b"\xff%s %d %x %c %r", t).unwrap();
        assert_eq!(r, b"\xffby 5 5 A '\\xe9'".to_vec());
        let err = percent_format_bytes(vm, b"%s", five).unwrap_err();
        let msg = ops::repr::str_string(vm, err.0).unwrap();
        assert_eq!(
            msg,
            "%b requires a bytes-like object, or an object that implements __bytes__, not 'int'"
        );
        let err = percent_format_bytes(vm, b"x", five).unwrap_err();
        let msg = ops::repr::str_string(vm, err.0).unwrap();
        assert_eq!(msg, "not all arguments converted during bytes formatting");
    }
}
