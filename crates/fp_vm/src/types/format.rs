//! The format-spec mini-language (PEP 3101): parsing `[[fill]align][sign][z][#][0][width]
//! [grouping][.precision][type]`, and rendering str, int, float and complex values with it.
//! Also the float-to-text core shared with `%`-formatting (`format_percent.rs`): CPython's
//! `PyOS_double_to_string` rules (`e`, `f`, `g`, `r` modes with the `#`, add-".0" and `z`
//! flags), built on Rust's exact (correctly rounded, ties-to-even) float formatting.
//!
//! Installs `__format__` on `str`, `int` (and so `bool`), `float` and `complex`.

use crate::native;
use crate::native::NativeDef;
use crate::types::complex::ComplexObj;
use crate::types::int::{self, IntRef};
use crate::types::str::as_str;
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

pub fn install(vm: &mut Vm) {
    let t = vm.types.int;
    typeobj::add_methods(vm, t, INT_FORMAT);
    let t = vm.types.float;
    typeobj::add_methods(vm, t, FLOAT_FORMAT);
    let t = vm.types.complex;
    typeobj::add_methods(vm, t, COMPLEX_FORMAT);
}

static INT_FORMAT: &[NativeDef] = &[native!("__format__", "($self, format_spec, /)", int_format)];
static FLOAT_FORMAT: &[NativeDef] = &[native!(
    "__format__",
    "($self, format_spec, /)",
    float_format
)];
static COMPLEX_FORMAT: &[NativeDef] = &[native!(
    "__format__",
    "($self, format_spec, /)",
    complex_format
)];

/// An error of the formatting core, turned into a Python exception by the caller.
#[derive(Debug, Clone, PartialEq)]
pub enum FmtError {
    Value(String),
    Overflow(String),
    Memory,
}

impl FmtError {
    pub fn into_exc(self, vm: &mut Vm) -> Exc {
        match self {
            FmtError::Value(m) => vm.value_error(m),
            FmtError::Overflow(m) => vm.overflow_error(m),
            FmtError::Memory => vm.memory_error(),
        }
    }
}

fn verr<T>(msg: impl Into<String>) -> Result<T, FmtError> {
    Err(FmtError::Value(msg.into()))
}

/// Widths and precisions beyond this are refused with MemoryError instead of attempting a
/// multi-gigabyte allocation (which would abort the process).
pub const MAX_WIDTH: usize = 1 << 31;

/// A parsed format spec.
#[derive(Debug, Clone, PartialEq)]
pub struct FormatSpec {
    pub fill: char,
    /// The alignment, explicit or the default of the value's kind.
    pub align: char,
    pub align_specified: bool,
    pub sign: Option<char>,
    pub no_neg_0: bool,
    pub alternate: bool,
    pub width: Option<usize>,
    /// `,` or `_` (thousands separator); the group size is chosen by the formatter.
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    /// The type code, or None when omitted and the kind has no default.
    pub ty: Option<char>,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Reads decimal digits at `pos`; Ok(None) when there are none.
fn parse_int(chars: &[char], pos: &mut usize) -> Result<Option<usize>, FmtError> {
    let start = *pos;
    let mut acc: usize = 0;
    while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        acc = match acc
            .checked_mul(10)
            .and_then(|a| a.checked_add(d as usize))
            .filter(|a| *a <= isize::MAX as usize)
        {
            Some(a) => a,
            None => return verr("Too many decimal digits in format string"),
        };
        *pos += 1;
    }
    Ok(if *pos == start { None } else { Some(acc) })
}

/// `'c'` as CPython prints a type code in error messages (`'\x0'` for control characters).
pub fn code_repr(c: char) -> String {
    let u = c as u32;
    if u > 32 && u < 128 {
        format!("'{c}'")
    } else {
        format!("'\\x{u:x}'")
    }
}

/// Parses a format spec. `default_type` is applied when the spec has no type code;
/// `default_align` is `<` for strings and `>` for numbers; `type_name` is for messages.
pub fn parse_spec(
    spec: &str,
    type_name: &str,
    default_type: Option<char>,
    default_align: char,
) -> Result<FormatSpec, FmtError> {
    let chars: Vec<char> = spec.chars().collect();
    let mut out = FormatSpec {
        fill: ' ',
        align: default_align,
        align_specified: false,
        sign: None,
        no_neg_0: false,
        alternate: false,
        width: None,
        grouping: None,
        precision: None,
        ty: default_type,
    };
    let mut pos = 0;
    let mut fill_specified = false;
    if chars.len() >= 2 && is_align(chars[1]) {
        out.fill = chars[0];
        out.align = chars[1];
        fill_specified = true;
        out.align_specified = true;
        pos = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        out.align = chars[0];
        out.align_specified = true;
        pos = 1;
    }
    if let Some(&c) = chars.get(pos)
        && matches!(c, '+' | '-' | ' ')
    {
        out.sign = Some(c);
        pos += 1;
    }
    if chars.get(pos) == Some(&'z') {
        out.no_neg_0 = true;
        pos += 1;
    }
    if chars.get(pos) == Some(&'#') {
        out.alternate = true;
        pos += 1;
    }
    // The leading '0' of the width means zero padding (sign-aware for numbers).
    if !fill_specified && chars.get(pos) == Some(&'0') {
        out.fill = '0';
        if !out.align_specified && default_align == '>' {
            out.align = '=';
        }
        pos += 1;
    }
    out.width = parse_int(&chars, &mut pos)?;
    if chars.get(pos) == Some(&',') {
        out.grouping = Some(',');
        pos += 1;
    }
    if chars.get(pos) == Some(&'_') {
        if out.grouping.is_some() {
            return verr("Cannot specify both ',' and '_'.");
        }
        out.grouping = Some('_');
        pos += 1;
    }
    if chars.get(pos) == Some(&',') && out.grouping == Some('_') {
        return verr("Cannot specify both ',' and '_'.");
    }
    if chars.get(pos) == Some(&'.') {
        pos += 1;
        match parse_int(&chars, &mut pos)? {
            Some(p) => out.precision = Some(p),
            None => return verr("Format specifier missing precision"),
        }
    }
    if chars.len() - pos > 1 {
        return verr(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        ));
    }
    if let Some(&c) = chars.get(pos) {
        out.ty = Some(c);
    }
    if let Some(g) = out.grouping {
        let t = out.ty;
        let ok = match t {
            None => true,
            Some(c) => {
                matches!(c, 'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F')
                    || (g == '_' && matches!(c, 'b' | 'o' | 'x' | 'X'))
            }
        };
        if !ok {
            let c = t.unwrap_or('\0');
            return verr(format!("Cannot specify '{g}' with {}.", code_repr(c)));
        }
    }
    if out.width.is_some_and(|w| w > MAX_WIDTH) {
        return Err(FmtError::Memory);
    }
    Ok(out)
}

fn unknown_code(c: char, type_name: &str) -> FmtError {
    FmtError::Value(format!(
        "Unknown format code {} for object of type '{type_name}'",
        code_repr(c)
    ))
}

// ----- padding and number layout -----

fn push_fill(out: &mut String, c: char, n: usize) {
    out.extend(std::iter::repeat_n(c, n));
}

/// Pads `s` (of `len` code points) to the spec's width with its fill and alignment.
fn pad(s: &str, len: usize, spec: &FormatSpec) -> String {
    let width = spec.width.unwrap_or(0);
    if len >= width {
        return s.to_string();
    }
    let n = width - len;
    let mut out = String::with_capacity(s.len() + n * spec.fill.len_utf8());
    let (left, right) = match spec.align {
        '>' | '=' => (n, 0),
        '^' => (n / 2, n - n / 2),
        _ => (0, n),
    };
    push_fill(&mut out, spec.fill, left);
    out.push_str(s);
    push_fill(&mut out, spec.fill, right);
    out
}

/// A number split the way the layout needs it: `[sign][prefix][digits][.][remainder]`, where
/// only `digits` (ASCII) are grouped and zero-padded.
pub struct NumberParts<'a> {
    pub negative: bool,
    pub prefix: &'a str,
    pub digits: &'a str,
    pub has_decimal: bool,
    pub remainder: &'a str,
}

/// Groups `digits` with `sep` every `group` digits (group 0: no grouping), left-padding with
/// zeros until the grouped text is at least `min_width` long (CPython's
/// `_PyUnicode_InsertThousandsGrouping`).
fn group_digits(digits: &str, min_width: isize, sep: Option<char>, group: usize) -> String {
    let d = digits.as_bytes();
    let mut remaining = d.len() as isize;
    let mut min_width = min_width;
    // Groups are produced right to left, then reversed.
    let mut chunks: Vec<String> = Vec::new();
    let mut end = d.len();
    let take = |remaining: isize, l: isize, end: &mut usize| -> String {
        let n_zeros = (l - remaining).max(0) as usize;
        let n_chars = remaining.min(l).max(0) as usize;
        let mut s = String::with_capacity(n_zeros + n_chars);
        push_fill(&mut s, '0', n_zeros);
        s.push_str(std::str::from_utf8(&d[*end - n_chars..*end]).unwrap_or(""));
        *end -= n_chars;
        s
    };
    let mut broken = false;
    if let (Some(_), true) = (sep, group > 0) {
        loop {
            let g = group as isize;
            let l = g.min(remaining.max(min_width).max(1));
            let n_chars = remaining.min(l).max(0);
            chunks.push(take(remaining, l, &mut end));
            remaining -= n_chars;
            min_width -= l;
            if remaining <= 0 && min_width <= 0 {
                broken = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !broken {
        let l = remaining.max(min_width).max(1);
        chunks.push(take(remaining, l, &mut end));
    }
    chunks.reverse();
    match sep {
        Some(c) if group > 0 => {
            let mut s = String::new();
            for (i, ch) in chunks.iter().enumerate() {
                if i > 0 {
                    s.push(c);
                }
                s.push_str(ch);
            }
            s
        }
        _ => chunks.concat(),
    }
}

/// Lays a number out with sign, padding, grouping (CPython's `calc_number_widths` +
/// `fill_number`).
pub fn render_number(p: &NumberParts, spec: &FormatSpec, group: usize) -> String {
    let sign = match (p.negative, spec.sign) {
        (true, _) => Some('-'),
        (false, Some('+')) => Some('+'),
        (false, Some(' ')) => Some(' '),
        _ => None,
    };
    let n_sign = sign.is_some() as usize;
    let n_prefix = p.prefix.chars().count();
    let n_decimal = p.has_decimal as usize;
    let n_rem = p.remainder.chars().count();
    let non_digit = n_sign + n_prefix + n_decimal + n_rem;
    let width = spec.width.map(|w| w as isize).unwrap_or(-1);
    let min_width = if spec.fill == '0' && spec.align == '=' {
        width - non_digit as isize
    } else {
        0
    };
    let grouped = if p.digits.is_empty() {
        String::new()
    } else {
        group_digits(p.digits, min_width, spec.grouping, group)
    };
    let total = non_digit + grouped.len();
    let n_pad = (width - total as isize).max(0) as usize;
    let (lpad, spad, rpad) = match spec.align {
        '<' => (0, 0, n_pad),
        '^' => (n_pad / 2, 0, n_pad - n_pad / 2),
        '=' => (0, n_pad, 0),
        _ => (n_pad, 0, 0),
    };
    let mut out = String::with_capacity(total + n_pad);
    push_fill(&mut out, spec.fill, lpad);
    if let Some(s) = sign {
        out.push(s);
    }
    out.push_str(p.prefix);
    push_fill(&mut out, spec.fill, spad);
    out.push_str(&grouped);
    if p.has_decimal {
        out.push('.');
    }
    out.push_str(p.remainder);
    push_fill(&mut out, spec.fill, rpad);
    out
}

/// Splits formatted float text (no sign) into digits / decimal point / remainder.
fn split_float_text(s: &str) -> (&str, bool, &str) {
    let n = s.bytes().take_while(|b| b.is_ascii_digit()).count();
    let (digits, rest) = s.split_at(n);
    match rest.strip_prefix('.') {
        Some(r) => (digits, true, r),
        None => (digits, false, rest),
    }
}

// ----- float to text -----

/// The conversion modes of CPython's `PyOS_double_to_string`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatMode {
    /// `f`: `precision` digits after the point.
    Fixed,
    /// `e`: `precision` digits after the point, exponent notation.
    Exp,
    /// `g`: `precision` significant digits, fixed or exponent by magnitude.
    General,
    /// `repr`: shortest round-tripping digits.
    Repr,
}

/// Digits beyond these are always zero for an f64 (its exact expansion is finite), so larger
/// precisions are formatted at the cap and padded.
const MAX_FIXED_PREC: usize = 1100;
const MAX_SIG_DIGITS: usize = 800;

/// The first `n` (>= 1) significant digits of finite `x >= 0`, correctly rounded, and the
/// position of the decimal point relative to them.
fn sig_digits(x: f64, n: usize) -> (String, i32) {
    let s = format!("{:.*e}", n.clamp(1, MAX_SIG_DIGITS) - 1, x);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let mut digits: String = m.chars().filter(|c| c.is_ascii_digit()).collect();
    while digits.len() < n {
        digits.push('0');
    }
    (digits, e.parse::<i32>().unwrap_or(0) + 1)
}

/// The shortest round-tripping digits of finite `x >= 0` and the decimal point position.
fn shortest_digits(x: f64) -> (String, i32) {
    let s = format!("{x:e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: String = m.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits, e.parse::<i32>().unwrap_or(0) + 1)
}

/// Writes `digits` with the decimal point at `decpt`, padded with zeros so that at least
/// `min_digits` digit positions are shown.
fn layout_digits(
    digits: &str,
    decpt: i32,
    use_exp: bool,
    min_digits: i32,
    flags: FloatFlags,
) -> String {
    let (decpt, exp) = if use_exp { (1, decpt - 1) } else { (decpt, 0) };
    let d = digits.as_bytes();
    let nd = d.len() as i32;
    let vstart = if decpt <= 0 { decpt - 1 } else { 0 };
    let mut vend = nd.max(min_digits);
    vend = if !use_exp && flags.add_dot_0 {
        vend.max(decpt + 1)
    } else {
        vend.max(decpt)
    };
    let mut out = String::with_capacity((vend - vstart) as usize + 8);
    for i in vstart..vend {
        if i == decpt {
            out.push('.');
        }
        out.push(if i >= 0 && i < nd {
            d[i as usize] as char
        } else {
            '0'
        });
    }
    if decpt == vend && flags.alt {
        out.push('.');
    }
    if use_exp {
        out.push(if flags.upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.unsigned_abs()));
    }
    out
}

/// Flags of the float conversion.
#[derive(Clone, Copy, Debug, Default)]
pub struct FloatFlags {
    /// `#`: keep the point and trailing zeros.
    pub alt: bool,
    /// Add ".0" to integral values in fixed notation (`repr`, the empty format type).
    pub add_dot_0: bool,
    /// Upper-case `E`, `INF`, `NAN`.
    pub upper: bool,
}

/// The text of `|x|` in the given mode (no sign). `inf`/`nan` for non-finite values.
pub fn float_magnitude(x: f64, mode: FloatMode, precision: usize, flags: FloatFlags) -> String {
    if !x.is_finite() {
        let s = if x.is_nan() { "nan" } else { "inf" };
        return if flags.upper {
            s.to_uppercase()
        } else {
            s.to_string()
        };
    }
    let x = x.abs();
    match mode {
        FloatMode::Fixed => {
            let p = precision.min(MAX_FIXED_PREC);
            let mut s = format!("{x:.p$}");
            if precision > p {
                push_fill(&mut s, '0', precision - p);
            }
            if precision == 0 && flags.alt {
                s.push('.');
            }
            s
        }
        FloatMode::Exp => {
            let (digits, decpt) = sig_digits(x, precision + 1);
            layout_digits(&digits, decpt, true, precision as i32 + 1, flags)
        }
        FloatMode::General => {
            let p = precision.max(1);
            let (mut digits, decpt) = sig_digits(x, p);
            if !flags.alt {
                let keep = digits.trim_end_matches('0').len().max(1);
                digits.truncate(keep);
            }
            let limit = if flags.add_dot_0 {
                p as i32 - 1
            } else {
                p as i32
            };
            let use_exp = decpt <= -4 || decpt > limit;
            let min = if flags.alt { p as i32 } else { 0 };
            layout_digits(&digits, decpt, use_exp, min, flags)
        }
        FloatMode::Repr => {
            let (digits, decpt) = if x == 0.0 {
                ("0".to_string(), 1)
            } else {
                shortest_digits(x)
            };
            let use_exp = decpt <= -4 || decpt > 16;
            layout_digits(&digits, decpt, use_exp, 0, flags)
        }
    }
}

/// Whether formatted float text shows a zero value (for the `z` flag).
fn is_zero_text(s: &str) -> bool {
    s.split(['e', 'E'])
        .next()
        .unwrap_or("")
        .chars()
        .all(|c| c == '0' || c == '.')
}

/// `x` in the given mode with the sign applied: `-` for negative values, `+`/space per `sign`;
/// `no_neg_0` drops the minus of values that round to zero. NaN never has a minus.
pub fn float_to_string(
    x: f64,
    mode: FloatMode,
    precision: usize,
    flags: FloatFlags,
    sign: Option<char>,
    no_neg_0: bool,
) -> String {
    let mag = float_magnitude(x, mode, precision, flags);
    let mut negative = x.is_sign_negative() && !x.is_nan();
    if negative && no_neg_0 && is_zero_text(&mag) {
        negative = false;
    }
    let mut out = String::with_capacity(mag.len() + 1);
    if negative {
        out.push('-');
    } else if let Some(c @ ('+' | ' ')) = sign {
        out.push(c);
    }
    out.push_str(&mag);
    out
}

// ----- str -----

/// `format(s, spec)` for a str value.
pub fn format_str_spec(s: &str, spec: &str, type_name: &str) -> Result<String, FmtError> {
    let f = parse_spec(spec, type_name, Some('s'), '<')?;
    if f.ty != Some('s') {
        return Err(unknown_code(f.ty.unwrap_or('\0'), type_name));
    }
    match f.sign {
        Some(' ') => return verr("Space not allowed in string format specifier"),
        Some(_) => return verr("Sign not allowed in string format specifier"),
        None => {}
    }
    if f.no_neg_0 {
        return verr("Negative zero coercion (z) not allowed in string format specifier");
    }
    if f.alternate {
        return verr("Alternate form (#) not allowed in string format specifier");
    }
    if f.align == '=' {
        return verr("'=' alignment not allowed in string format specifier");
    }
    let (text, len) = match f.precision {
        Some(p) => match s.char_indices().nth(p) {
            Some((off, _)) => (&s[..off], p),
            None => (s, s.chars().count()),
        },
        None => (s, s.chars().count()),
    };
    Ok(pad(text, len, &f))
}

// ----- int -----

/// Digits of |i| in `base` (2, 8, 10, 16), lower case.
fn int_digits(vm: &mut Vm, i: IntRef, base: u32) -> PyResult<String> {
    match i {
        IntRef::Small(x) => {
            let m = x.unsigned_abs();
            Ok(match base {
                2 => format!("{m:b}"),
                8 => format!("{m:o}"),
                16 => format!("{m:x}"),
                _ => m.to_string(),
            })
        }
        IntRef::Big(b) => {
            if base == 10 {
                let s = int::to_decimal_string(vm, i)?;
                Ok(s.trim_start_matches('-').to_string())
            } else {
                Ok(b.magnitude().to_str_radix(base))
            }
        }
    }
}

/// `format(i, spec)` for an int (`type_name` names the value's type in messages).
pub fn format_int_spec(vm: &mut Vm, i: IntRef, spec: &str, type_name: &str) -> PyResult<String> {
    let f = parse_spec(spec, type_name, Some('d'), '>').map_err(|e| e.into_exc(vm))?;
    let ty = f.ty.unwrap_or('d');
    match ty {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = int::to_f64(vm, i)?;
            return float_with_spec(x, &f).map_err(|e| e.into_exc(vm));
        }
        'd' | 'n' | 'b' | 'o' | 'x' | 'X' | 'c' => {}
        c => return Err(unknown_code(c, type_name).into_exc(vm)),
    }
    let fail = |vm: &mut Vm, m: &str| Err(vm.value_error(m));
    if f.precision.is_some() {
        return fail(vm, "Precision not allowed in integer format specifier");
    }
    if f.no_neg_0 {
        return fail(
            vm,
            "Negative zero coercion (z) not allowed in integer format specifier",
        );
    }
    if ty == 'c' {
        if f.sign.is_some() {
            return fail(vm, "Sign not allowed with integer format specifier 'c'");
        }
        if f.alternate {
            return fail(
                vm,
                "Alternate form (#) not allowed with integer format specifier 'c'",
            );
        }
        let Some(x) = i.to_i64() else {
            return Err(vm.overflow_error("Python int too large to convert to C long"));
        };
        let c = crate::types::str::char_arg(vm, x)?;
        let s = c.to_string();
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: "",
            has_decimal: false,
            remainder: &s,
        };
        return Ok(render_number(&parts, &f, 0));
    }
    let (base, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = int_digits(vm, i, base)?;
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let group = match (ty, f.grouping) {
        ('n', _) | (_, None) => 0,
        (_, Some(_)) if base == 10 => 3,
        _ => 4,
    };
    let parts = NumberParts {
        negative: i.is_negative(),
        prefix: if f.alternate { prefix } else { "" },
        digits: &digits,
        has_decimal: false,
        remainder: "",
    };
    Ok(render_number(&parts, &f, group))
}

// ----- float -----

/// Formats a float with an already parsed spec (also used for ints with float type codes).
fn float_with_spec(x: f64, f: &FormatSpec) -> Result<String, FmtError> {
    let text = float_body(x, f, true, f.ty)?;
    let negative = text.starts_with('-');
    let mag = text.trim_start_matches(['-', '+', ' ']);
    let (digits, has_decimal, rem) = split_float_text(mag);
    let parts = NumberParts {
        negative,
        prefix: "",
        digits,
        has_decimal,
        remainder: rem,
    };
    Ok(render_number(
        &parts,
        f,
        if f.ty == Some('n') { 0 } else { 3 },
    ))
}

/// The sign and magnitude text of one float for a spec: the float rules of
/// `format_float_internal` (the empty type is repr-like, or `g` with at least one decimal
/// when a precision is given; `%` multiplies by 100).
fn float_body(
    x: f64,
    f: &FormatSpec,
    add_dot_0: bool,
    ty: Option<char>,
) -> Result<String, FmtError> {
    if f.precision.is_some_and(|p| p > i32::MAX as usize) {
        return verr("precision too big");
    }
    let mut flags = FloatFlags {
        alt: f.alternate,
        add_dot_0: false,
        upper: false,
    };
    let (mode, default_prec, mut x, pct) = match ty {
        None => {
            flags.add_dot_0 = add_dot_0;
            (FloatMode::Repr, 0, x, false)
        }
        Some('e') => (FloatMode::Exp, 6, x, false),
        Some('E') => {
            flags.upper = true;
            (FloatMode::Exp, 6, x, false)
        }
        Some('f') => (FloatMode::Fixed, 6, x, false),
        Some('F') => {
            flags.upper = true;
            (FloatMode::Fixed, 6, x, false)
        }
        Some('g') | Some('n') => (FloatMode::General, 6, x, false),
        Some('G') => {
            flags.upper = true;
            (FloatMode::General, 6, x, false)
        }
        Some('%') => (FloatMode::Fixed, 6, x * 100.0, true),
        Some(_) => (FloatMode::General, 6, x, false),
    };
    let (mode, prec) = match f.precision {
        None => (mode, default_prec),
        Some(p) if mode == FloatMode::Repr => (FloatMode::General, p),
        Some(p) => (mode, p),
    };
    if prec > MAX_WIDTH {
        return Err(FmtError::Memory);
    }
    if x.is_nan() {
        x = f64::NAN;
    }
    let mut s = float_to_string(x, mode, prec, flags, f.sign, f.no_neg_0);
    if pct {
        s.push('%');
    }
    Ok(s)
}

/// `format(x, spec)` for a float.
pub fn format_float_spec(x: f64, spec: &str, type_name: &str) -> Result<String, FmtError> {
    let f = parse_spec(spec, type_name, None, '>')?;
    match f.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => float_with_spec(x, &f),
        Some(c) => Err(unknown_code(c, type_name)),
    }
}

// ----- complex -----

/// `format(z, spec)` for a complex number.
pub fn format_complex_spec(
    re: f64,
    im: f64,
    spec: &str,
    type_name: &str,
) -> Result<String, FmtError> {
    let f = parse_spec(spec, type_name, None, '>')?;
    match f.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') => {}
        Some(c) => return Err(unknown_code(c, type_name)),
    }
    if f.fill == '0' {
        return verr("Zero padding is not allowed in complex format specifier");
    }
    if f.align == '=' {
        return verr("'=' alignment flag is not allowed in complex format specifier");
    }
    // With no type, the real part is omitted when it is +0, and parentheses surround the rest.
    let skip_re = f.ty.is_none() && re == 0.0 && re.is_sign_positive();
    let parens = f.ty.is_none() && !skip_re;
    let part = |x: f64, sign: Option<char>| -> Result<String, FmtError> {
        let g = FormatSpec { sign, ..f.clone() };
        let body = float_body(x, &g, false, f.ty)?;
        let negative = body.starts_with('-');
        let mag = body.trim_start_matches(['-', '+', ' ']);
        let (digits, has_decimal, rem) = split_float_text(mag);
        let parts = NumberParts {
            negative,
            prefix: "",
            digits,
            has_decimal,
            remainder: rem,
        };
        let plain = FormatSpec {
            width: None,
            fill: ' ',
            align: '>',
            sign,
            ..f.clone()
        };
        Ok(render_number(
            &parts,
            &plain,
            if f.ty == Some('n') { 0 } else { 3 },
        ))
    };
    let mut body = String::new();
    if parens {
        body.push('(');
    }
    if !skip_re {
        body.push_str(&part(re, f.sign)?);
    }
    let im_text = part(im, if skip_re { f.sign } else { Some('+') })?;
    body.push_str(&im_text);
    body.push('j');
    if parens {
        body.push(')');
    }
    let len = body.chars().count();
    Ok(pad(&body, len, &f))
}

// ----- natives -----

fn spec_arg(vm: &mut Vm, v: Value) -> PyResult<&'static str> {
    match as_str(v) {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!(
            "__format__() argument must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

fn int_format(vm: &mut Vm, a: &[Value]) -> PyResult {
    let spec = spec_arg(vm, a[1])?;
    if spec.is_empty() {
        return crate::ops::repr::str(vm, a[0]);
    }
    let Some(i) = int::int_ref(a[0]) else {
        return Err(vm.type_error("descriptor '__format__' requires an 'int' object"));
    };
    let name = vm.type_name(a[0]);
    let s = format_int_spec(vm, i, spec, &name)?;
    Ok(vm.new_string(s))
}

fn float_format(vm: &mut Vm, a: &[Value]) -> PyResult {
    let spec = spec_arg(vm, a[1])?;
    if spec.is_empty() {
        return crate::ops::repr::str(vm, a[0]);
    }
    let x = crate::types::float::as_f64(a[0]).unwrap_or(0.0);
    let name = vm.type_name(a[0]);
    match format_float_spec(x, spec, &name) {
        Ok(s) => Ok(vm.new_string(s)),
        Err(e) => Err(e.into_exc(vm)),
    }
}

fn complex_format(vm: &mut Vm, a: &[Value]) -> PyResult {
    let spec = spec_arg(vm, a[1])?;
    if spec.is_empty() {
        if vm.type_of(a[0]) == vm.types.complex
            && let Some(c) = a[0].downcast::<ComplexObj>()
        {
            let s = crate::types::complex::repr_complex(c.re, c.im);
            return Ok(vm.new_string(s));
        }
        return crate::ops::repr::str(vm, a[0]);
    }
    let (re, im) = a[0]
        .downcast::<ComplexObj>()
        .map(|c| (c.re, c.im))
        .unwrap_or((0.0, 0.0));
    let name = vm.type_name(a[0]);
    match format_complex_spec(re, im, spec, &name) {
        Ok(s) => Ok(vm.new_string(s)),
        Err(e) => Err(e.into_exc(vm)),
    }
}

/// `str.__format__(self, format_spec)`.
pub fn str_format(vm: &mut Vm, a: &[Value]) -> PyResult {
    let spec = spec_arg(vm, a[1])?;
    if spec.is_empty() {
        return crate::ops::repr::str(vm, a[0]);
    }
    let s = as_str(a[0]).unwrap_or("");
    let name = vm.type_name(a[0]);
    match format_str_spec(s, spec, &name) {
        Ok(r) => Ok(vm.new_string(r)),
        Err(e) => Err(e.into_exc(vm)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ff(x: f64, spec: &str) -> String {
        format_float_spec(x, spec, "float").unwrap_or_else(|e| format!("{e:?}"))
    }
    fn fs(s: &str, spec: &str) -> String {
        format_str_spec(s, spec, "str").unwrap_or_else(|e| format!("{e:?}"))
    }
    fn fc(re: f64, im: f64, spec: &str) -> String {
        format_complex_spec(re, im, spec, "complex").unwrap_or_else(|e| format!("{e:?}"))
    }
    fn fi(i: i64, spec: &str) -> String {
        let mut vm = crate::vm::Vm::new(Default::default());
        match format_int_spec(&mut vm, IntRef::Small(i), spec, "int") {
            Ok(s) => s,
            Err(e) => {
                let msg = crate::ops::repr::str_string(&mut vm, e.0).unwrap_or_default();
                format!("{}: {msg}", vm.type_name(e.0))
            }
        }
    }

    #[test]
    fn parse_errors() {
        let e = |s: &str| match parse_spec(s, "int", Some('d'), '>') {
            Err(FmtError::Value(m)) => m,
            other => format!("{other:?}"),
        };
        assert_eq!(e(",_"), "Cannot specify both ',' and '_'.");
        assert_eq!(e("_,"), "Cannot specify both ',' and '_'.");
        assert_eq!(e(",,"), "Cannot specify ',' with ','.");
        assert_eq!(e("."), "Format specifier missing precision");
        assert_eq!(
            e("xx"),
            "Invalid format specifier 'xx' for object of type 'int'"
        );
        assert_eq!(e(",s"), "Cannot specify ',' with 's'.");
        assert_eq!(e("_c"), "Cannot specify '_' with 'c'.");
        assert_eq!(
            e("99999999999999999999"),
            "Too many decimal digits in format string"
        );
        let s = parse_spec("*^+z#012,.3f", "float", None, '>').unwrap();
        assert_eq!(
            (s.fill, s.align, s.sign, s.no_neg_0, s.alternate),
            ('*', '^', Some('+'), true, true)
        );
        assert_eq!(
            (s.width, s.grouping, s.precision, s.ty),
            (Some(12), Some(','), Some(3), Some('f'))
        );
        assert_eq!(code_repr('\0'), "'\\x0'");
        assert_eq!(code_repr('é'), "'\\xe9'");
    }

    #[test]
    fn strings() {
        assert_eq!(fs("héllo", "*^11"), "***héllo***");
        assert_eq!(fs("abc", "010"), "abc0000000");
        assert_eq!(fs("héllo", "10.3"), "hél       ");
        assert_eq!(fs("ab", "^5.0"), "     ");
        assert_eq!(
            fs("ab", "+"),
            "Value(\"Sign not allowed in string format specifier\")"
        );
        assert_eq!(
            fs("a", ".2d"),
            "Value(\"Unknown format code 'd' for object of type 'str'\")"
        );
    }

    #[test]
    fn ints() {
        assert_eq!(fi(1234567, "0=20,"), "0,000,000,001,234,567");
        assert_eq!(fi(1234567, "020_"), "0_000_000_001_234_567");
        assert_eq!(fi(-255, "#010_x"), "-0x00_00ff");
        assert_eq!(fi(-255, "#010x"), "-0x00000ff");
        assert_eq!(fi(255, "#_b"), "0b1111_1111");
        assert_eq!(fi(12, "#X"), "0XC");
        assert_eq!(fi(65, "<10c"), "A         ");
        assert_eq!(fi(5, "<010"), "5000000000");
        assert_eq!(fi(7, "%"), "700.000000%");
        assert_eq!(fi(1234, "012,"), "0,000,001,234");
        assert_eq!(fi(-42, "=6"), "-   42");
        assert_eq!(
            fi(5, ".2d"),
            "ValueError: Precision not allowed in integer format specifier"
        );
        assert_eq!(fi(-1, "c"), "OverflowError: %c arg not in range(0x110000)");
        assert_eq!(
            fi(5, "s"),
            "ValueError: Unknown format code 's' for object of type 'int'"
        );
    }

    #[test]
    fn floats() {
        assert_eq!(ff(1.5, ".3"), "1.5");
        assert_eq!(ff(123.0, ".3"), "1.23e+02");
        assert_eq!(ff(12.0, ".3"), "12.0");
        assert_eq!(ff(1e16, ""), "1e+16");
        assert_eq!(ff(1e15, ""), "1000000000000000.0");
        assert_eq!(ff(1e-5, ""), "1e-05");
        assert_eq!(ff(123.456, "#.0e"), "1.e+02");
        assert_eq!(ff(1.0, "#g"), "1.00000");
        assert_eq!(ff(0.0, "#.3g"), "0.00");
        assert_eq!(ff(1234567.0, ",g"), "1.23457e+06");
        assert_eq!(ff(1234567.0, "015,.2f"), "0,001,234,567.00");
        assert_eq!(ff(-1234567.0, "016,.2f"), "-0,001,234,567.00");
        assert_eq!(ff(1234.5, "0=12,.1f"), "00,001,234.5");
        assert_eq!(ff(1234.5, "*=12,.1f"), "*****1,234.5");
        assert_eq!(ff(5.0, "n"), "5");
        assert_eq!(ff(-0.0, "z"), "0.0");
        assert_eq!(ff(-0.001, "z.1f"), "0.0");
        assert_eq!(ff(-0.001, "z.1e"), "-1.0e-03");
        assert_eq!(ff(-1e-9, "z.2%"), "0.00%");
        assert_eq!(ff(f64::INFINITY, "010"), "0000000inf");
        assert_eq!(ff(f64::NEG_INFINITY, "=+10"), "-      inf");
        assert_eq!(ff(-f64::NAN, "+"), "+nan");
        assert_eq!(ff(f64::NAN, "F"), "NAN");
        assert_eq!(ff(2.675, ".2f"), "2.67");
        assert_eq!(ff(0.125, ".2f"), "0.12");
        assert_eq!(ff(0.375, ".2f"), "0.38");
        assert_eq!(ff(5e-324, "e"), "4.940656e-324");
        assert_eq!(ff(1e300 * 1e10, "f"), "inf");
        assert_eq!(ff(0.015, ".0%"), "2%");
        assert_eq!(ff(0.1, ".30"), "0.100000000000000005551115123126");
        assert_eq!(ff(1e-7, "g"), "1e-07");
        assert_eq!(ff(1.0, ".1000f").len(), 1002);
        assert_eq!(ff(1.0, ".2000e").len(), 2006);
        assert_eq!(
            ff(1.5, "c"),
            "Value(\"Unknown format code 'c' for object of type 'float'\")"
        );
    }

    #[test]
    fn complexes() {
        assert_eq!(fc(1.0, 2.0, "*>12"), "******(1+2j)");
        assert_eq!(fc(1.0, 2.0, "+"), "(+1+2j)");
        assert_eq!(fc(-0.0, 0.0, ""), "(-0+0j)");
        assert_eq!(fc(0.0, 1.0, "g"), "0+1j");
        assert_eq!(fc(0.0, 1.0, ".2f"), "0.00+1.00j");
        assert_eq!(fc(-0.0, -1.0, "z"), "(0-1j)");
        assert_eq!(fc(1.5, 0.5, "^20.3e"), "1.500e+00+5.000e-01j");
        assert_eq!(fc(f64::NAN, f64::INFINITY, "f"), "nan+infj");
        assert_eq!(fc(1.0, 2.0, "#"), "(1.+2.j)");
        assert_eq!(fc(1234.0, 5678.0, ",.2f"), "1,234.00+5,678.00j");
        assert_eq!(
            fc(1.0, 2.0, "010"),
            "Value(\"Zero padding is not allowed in complex format specifier\")"
        );
    }
}
