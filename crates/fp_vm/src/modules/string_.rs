//! `_string`: the helpers `string.Formatter` uses to split format strings
//! (`formatter_parser`) and field names (`formatter_field_name_split`), sharing the field
//! parser of `str.format` (`types/format_str.rs`).

use crate::native;
use crate::native::NativeDef;
use crate::types::format_str::parse_field;
use crate::types::tuple::new_tuple;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

static FUNCS: &[NativeDef] = &[
    native!("formatter_parser", "(format_string, /)", formatter_parser),
    native!(
        "formatter_field_name_split",
        "(field_name, /)",
        formatter_field_name_split
    ),
];

pub fn init(vm: &mut Vm) -> PyResult {
    Ok(crate::modules::module_with_functions(vm, "_string", FUNCS))
}

fn str_arg(vm: &mut Vm, v: Value) -> PyResult<&'static str> {
    match crate::types::str::as_str(v) {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!("expected str, got {}", vm.type_name(v)))),
    }
}

/// Iterator of `(literal_text, field_name, format_spec, conversion)`; the last three are None
/// after text with no field. (Parsed eagerly: a malformed string raises at the call.)
fn formatter_parser(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s: Vec<char> = str_arg(vm, a[0])?.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let mut lit = String::new();
        let mut field = None;
        while i < s.len() {
            let c = s[i];
            i += 1;
            if c != '{' && c != '}' {
                lit.push(c);
                continue;
            }
            if i < s.len() && s[i] == c {
                // An escaped brace ends this literal (CPython yields it as its own item).
                lit.push(c);
                i += 1;
                break;
            }
            if c == '}' {
                return Err(vm.value_error("Single '}' encountered in format string"));
            }
            if i >= s.len() {
                return Err(vm.value_error("Single '{' encountered in format string"));
            }
            let (f, next) = parse_field(vm, &s, i)?;
            i = next;
            field = Some(f);
            break;
        }
        let litv = vm.new_string(lit);
        let item = match field {
            None => new_tuple(vm, vec![litv, Value::NONE, Value::NONE, Value::NONE]),
            Some(f) => {
                let name: String = s[f.name.0..f.name.1].iter().collect();
                let spec: String = s[f.spec.0..f.spec.1].iter().collect();
                let name = vm.new_string(name);
                let spec = vm.new_string(spec);
                let conv = match f.conversion {
                    Some(c) => vm.new_string(c.to_string()),
                    None => Value::NONE,
                };
                new_tuple(vm, vec![litv, name, spec, conv])
            }
        };
        out.push(item);
    }
    let l = crate::types::list::new_list(vm, out);
    crate::ops::iter::get_iter(vm, l)
}

/// A run of ASCII digits as an int value, else the text as a str.
fn key_value(vm: &mut Vm, part: &[char]) -> PyResult<Value> {
    let text: String = part.iter().collect();
    if !part.is_empty() && part.iter().all(|c| c.is_ascii_digit()) {
        match text.parse::<i64>() {
            Ok(n) if n <= isize::MAX as i64 => return Ok(crate::types::int::from_i64(vm, n)),
            _ => return Err(vm.value_error("Too many decimal digits in format string")),
        }
    }
    Ok(vm.new_string(text))
}

/// `(first, iterator of (is_attribute, key))` for `first.attr[key]...`.
fn formatter_field_name_split(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name: Vec<char> = str_arg(vm, a[0])?.chars().collect();
    let first_end = name
        .iter()
        .position(|c| *c == '.' || *c == '[')
        .unwrap_or(name.len());
    let first = if first_end == 0 {
        vm.new_str("")
    } else {
        key_value(vm, &name[..first_end])?
    };
    let mut rest = Vec::new();
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
            let attr = vm.new_string(attr);
            rest.push(new_tuple(vm, vec![Value::TRUE, attr]));
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
            let key = key_value(vm, part)?;
            rest.push(new_tuple(vm, vec![Value::FALSE, key]));
            if i < name.len() && name[i] != '.' && name[i] != '[' {
                return Err(
                    vm.value_error("Only '.' or '[' may follow ']' in format field specifier")
                );
            }
        } else {
            return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    let l = crate::types::list::new_list(vm, rest);
    let it = crate::ops::iter::get_iter(vm, l)?;
    Ok(new_tuple(vm, vec![first, it]))
}
