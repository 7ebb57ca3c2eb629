//! `str.format` and `str.format_map` (PEP 3101): literal text with `{{`/`}}` escapes,
//! replacement fields `{name.attr[index]!conv:spec}` with automatic or manual numbering,
//! nested fields inside the spec (two levels, as CPython), and CPython's error messages.

use crate::ops;
use crate::types::str::as_str;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Where field values come from.
struct Source {
    /// Positional arguments (None for format_map).
    args: Option<Vec<Value>>,
    /// Keyword arguments: a dict for format, any mapping for format_map; NULL when none.
    kwargs: Value,
    is_map: bool,
    /// Automatic numbering state: None unknown, Some(true) automatic, Some(false) manual.
    auto: Option<bool>,
    next_auto: usize,
}

/// `self.format(*args, **kwargs)`.
pub fn str_format_method(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fmt = crate::types::str_methods::this(vm, a[0])?.as_str();
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let mut src = Source {
        args: Some(args),
        kwargs: a[2],
        is_map: false,
        auto: None,
        next_auto: 0,
    };
    let chars: Vec<char> = fmt.chars().collect();
    let s = build(vm, &chars, &mut src, 2)?;
    Ok(vm.new_string(s))
}

/// `self.format_map(mapping)`.
pub fn str_format_map(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fmt = crate::types::str_methods::this(vm, a[0])?.as_str();
    let mut src = Source {
        args: None,
        kwargs: a[1],
        is_map: true,
        auto: None,
        next_auto: 0,
    };
    let chars: Vec<char> = fmt.chars().collect();
    let s = build(vm, &chars, &mut src, 2)?;
    Ok(vm.new_string(s))
}

/// One parsed replacement field.
pub(crate) struct Field {
    pub name: (usize, usize),
    pub conversion: Option<char>,
    pub spec: (usize, usize),
    pub spec_nested: bool,
}

/// Parses the field starting just after its `{`; returns it and the index after its `}`.
pub(crate) fn parse_field(vm: &mut Vm, s: &[char], mut i: usize) -> PyResult<(Field, usize)> {
    let start = i;
    let mut term = None;
    while i < s.len() {
        let c = s[i];
        i += 1;
        match c {
            '{' => return Err(vm.value_error("unexpected '{' in field name")),
            '[' => {
                while i < s.len() && s[i] != ']' {
                    i += 1;
                }
            }
            '}' | ':' | '!' => {
                term = Some(c);
                break;
            }
            _ => {}
        }
    }
    let Some(c) = term else {
        return Err(vm.value_error("expected '}' before end of string"));
    };
    let mut field = Field {
        name: (start, i - 1),
        conversion: None,
        spec: (i, i),
        spec_nested: false,
    };
    if c == '}' {
        return Ok((field, i));
    }
    if c == '!' {
        if i >= s.len() {
            return Err(vm.value_error("end of string while looking for conversion specifier"));
        }
        field.conversion = Some(s[i]);
        i += 1;
        if i < s.len() {
            let c2 = s[i];
            i += 1;
            if c2 == '}' {
                field.spec = (i, i);
                return Ok((field, i));
            }
            if c2 != ':' {
                return Err(vm.value_error("expected ':' after conversion specifier"));
            }
        }
    }
    let spec_start = i;
    let mut depth = 1;
    while i < s.len() {
        let ch = s[i];
        i += 1;
        match ch {
            '{' => {
                field.spec_nested = true;
                depth += 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    field.spec = (spec_start, i - 1);
                    return Ok((field, i));
                }
            }
            _ => {}
        }
    }
    Err(vm.value_error("unmatched '{' in format spec"))
}

/// Expands a format string (CPython's `build_string`; `depth` bounds nested specs).
fn build(vm: &mut Vm, s: &[char], src: &mut Source, depth: i32) -> PyResult<String> {
    if depth <= 0 {
        return Err(vm.value_error("Max string recursion exceeded"));
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        i += 1;
        match c {
            '{' => {
                if i >= s.len() {
                    return Err(vm.value_error("Single '{' encountered in format string"));
                }
                if s[i] == '{' {
                    out.push('{');
                    i += 1;
                    continue;
                }
                let (field, next) = parse_field(vm, s, i)?;
                i = next;
                render_field(vm, s, &field, src, depth, &mut out)?;
            }
            '}' => {
                if i < s.len() && s[i] == '}' {
                    out.push('}');
                    i += 1;
                    continue;
                }
                return Err(vm.value_error("Single '}' encountered in format string"));
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

fn render_field(
    vm: &mut Vm,
    s: &[char],
    field: &Field,
    src: &mut Source,
    depth: i32,
    out: &mut String,
) -> PyResult<()> {
    let name = &s[field.name.0..field.name.1];
    let mut obj = field_object(vm, name, src)?;
    if let Some(conv) = field.conversion {
        obj = match conv {
            'r' => ops::repr::repr(vm, obj)?,
            's' => ops::repr::str(vm, obj)?,
            'a' => crate::modules::builtins::ascii_of(vm, obj)?,
            c => {
                let shown = if (c as u32) > 32 && (c as u32) < 127 {
                    c.to_string()
                } else {
                    format!("\\x{:x}", c as u32)
                };
                return Err(vm.value_error(format!("Unknown conversion specifier {shown}")));
            }
        };
    }
    let spec_chars = &s[field.spec.0..field.spec.1];
    let spec = if field.spec_nested {
        build(vm, spec_chars, src, depth - 1)?
    } else {
        spec_chars.iter().collect()
    };
    if spec.is_empty() && vm.type_of(obj) == vm.types.str_ {
        out.push_str(as_str(obj).unwrap_or(""));
        return Ok(());
    }
    let spec_v = vm.new_string(spec);
    let r = crate::modules::builtins::format_value(vm, obj, spec_v)?;
    out.push_str(as_str(r).unwrap_or(""));
    Ok(())
}

/// Parses a run of ASCII digits as an index: None if not all digits (or empty).
fn digits_value(vm: &mut Vm, part: &[char]) -> PyResult<Option<usize>> {
    if part.is_empty() || !part.iter().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let mut n: usize = 0;
    for c in part {
        n = match n
            .checked_mul(10)
            .and_then(|x| x.checked_add(c.to_digit(10).unwrap_or(0) as usize))
            .filter(|x| *x <= isize::MAX as usize)
        {
            Some(x) => x,
            None => return Err(vm.value_error("Too many decimal digits in format string")),
        };
    }
    Ok(Some(n))
}

/// Resolves `first.attr[key]...` to the object to format.
fn field_object(vm: &mut Vm, name: &[char], src: &mut Source) -> PyResult<Value> {
    let first_end = name
        .iter()
        .position(|c| *c == '.' || *c == '[')
        .unwrap_or(name.len());
    let first = &name[..first_end];
    let index = if first.is_empty() {
        if src.auto == Some(false) {
            return Err(vm.value_error(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        src.auto = Some(true);
        src.next_auto += 1;
        Some(src.next_auto - 1)
    } else {
        let idx = digits_value(vm, first)?;
        if idx.is_some() {
            if src.auto == Some(true) {
                return Err(vm.value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            src.auto = Some(false);
        }
        idx
    };
    let mut obj = match index {
        Some(i) => {
            let Some(args) = &src.args else {
                return Err(vm.value_error("Format string contains positional fields"));
            };
            match args.get(i) {
                Some(v) => *v,
                None => {
                    return Err(vm.index_error(format!(
                        "Replacement index {i} out of range for positional args tuple"
                    )));
                }
            }
        }
        None => {
            let key: String = first.iter().collect();
            let k = vm.new_string(key);
            if src.kwargs.is_null() {
                return Err(vm.key_error(k));
            }
            if src.is_map {
                ops::item::getitem(vm, src.kwargs, k)?
            } else {
                match crate::types::dict::get_item(vm, src.kwargs, k)? {
                    Some(v) => v,
                    None => return Err(vm.key_error(k)),
                }
            }
        }
    };
    let mut i = first_end;
    while i < name.len() {
        let c = name[i];
        i += 1;
        if c == '.' {
            let start = i;
            while i < name.len() && name[i] != '.' && name[i] != '[' {
                i += 1;
            }
            if i == start {
                return Err(vm.value_error("Empty attribute in format string"));
            }
            let attr: String = name[start..i].iter().collect();
            let a = vm.intern(&attr);
            obj = ops::attr::getattr(vm, obj, a)?;
        } else if c == '[' {
            let start = i;
            while i < name.len() && name[i] != ']' {
                i += 1;
            }
            if i >= name.len() {
                return Err(vm.value_error("Missing ']' in format string"));
            }
            let part = &name[start..i];
            i += 1;
            if part.is_empty() {
                return Err(vm.value_error("Empty attribute in format string"));
            }
            let key = match digits_value(vm, part)? {
                Some(n) => crate::types::int::from_usize(vm, n),
                None => {
                    let k: String = part.iter().collect();
                    vm.new_string(k)
                }
            };
            obj = ops::item::getitem(vm, obj, key)?;
            if i < name.len() && name[i] != '.' && name[i] != '[' {
                return Err(
                    vm.value_error("Only '.' or '[' may follow ']' in format field specifier")
                );
            }
        } else {
            return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    Ok(obj)
}
