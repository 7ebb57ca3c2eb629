//! `match` statement support for the eval loop: MATCH_KEYS and MATCH_CLASS.

use crate::ops;
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub(super) fn match_keys(vm: &mut Vm, subject: Value, keys: Value) -> PyResult {
    let ks = crate::types::tuple::items(keys).unwrap_or(&[]).to_vec();
    let mut vals = Vec::with_capacity(ks.len());
    let get = ops::attr::getattr_str(vm, subject, "get")?;
    let dummy = crate::heap::alloc(vm.types.object, ());
    let mut seen: Vec<Value> = Vec::new();
    for k in ks {
        for s in &seen {
            if ops::compare::eq(vm, *s, k)? {
                let r = ops::repr::repr_string(vm, k)?;
                return Err(vm.value_error(format!("mapping pattern checks duplicate key ({r})")));
            }
        }
        seen.push(k);
        let v = ops::call::call(vm, get, &[k, dummy])?;
        if v == dummy {
            return Ok(Value::NONE);
        }
        vals.push(v);
    }
    Ok(crate::types::tuple::new_tuple(vm, vals))
}

pub(super) fn match_class(
    vm: &mut Vm,
    subject: Value,
    cls: Value,
    npos: usize,
    names: Value,
) -> PyResult {
    if !cls.is::<typeobj::TypeObject>() {
        return Err(vm.type_error("called match pattern must be a type"));
    }
    let st = vm.type_of(subject);
    if !typeobj::is_subtype(st, cls) {
        if !crate::modules::builtins::is_instance(vm, subject, cls)? {
            return Ok(Value::NONE);
        }
    }
    let mut out = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    if npos > 0 {
        let match_args = ops::attr::getattr_opt(vm, cls, vm.names.match_args)?;
        let cname = typeobj::type_name(cls);
        match match_args {
            Some(ma) => {
                let Some(items) = crate::types::tuple::items(ma) else {
                    return Err(vm.type_error(format!(
                        "{cname}.__match_args__ must be a tuple (got {})",
                        vm.type_name(ma)
                    )));
                };
                if npos > items.len() {
                    let s = if items.len() == 1 { "" } else { "s" };
                    return Err(vm.type_error(format!(
                        "{cname}() accepts {} positional sub-pattern{s} ({npos} given)",
                        items.len()
                    )));
                }
                for name in &items[..npos] {
                    let Some(n) = crate::types::str::as_str(*name) else {
                        return Err(vm.type_error(format!(
                            "__match_args__ elements must be strings (got {})",
                            vm.type_name(*name)
                        )));
                    };
                    seen.push(n.to_string());
                    match ops::attr::getattr_opt(vm, subject, *name)? {
                        Some(v) => out.push(v),
                        None => return Ok(Value::NONE),
                    }
                }
            }
            None => {
                // Builtins matching themselves: bool, bytearray, bytes, dict, float, frozenset,
                // int, list, set, str, tuple take one positional sub-pattern: the subject.
                let self_match = [
                    vm.types.bool_,
                    vm.types.bytearray,
                    vm.types.bytes,
                    vm.types.dict,
                    vm.types.float,
                    vm.types.frozenset,
                    vm.types.int,
                    vm.types.list,
                    vm.types.set,
                    vm.types.str_,
                    vm.types.tuple,
                ];
                if self_match.contains(&cls) {
                    if npos > 1 {
                        return Err(vm.type_error(format!(
                            "{cname}() accepts 1 positional sub-pattern ({npos} given)"
                        )));
                    }
                    out.push(subject);
                } else {
                    return Err(vm.type_error(format!(
                        "{cname}() accepts 0 positional sub-patterns ({npos} given)"
                    )));
                }
            }
        }
    }
    for name in crate::types::tuple::items(names).unwrap_or(&[]).to_vec() {
        let n = crate::types::str::as_str(name).unwrap_or("?").to_string();
        if seen.contains(&n) {
            let cname = typeobj::type_name(cls);
            return Err(vm.type_error(format!(
                "{cname}() got multiple sub-patterns for attribute '{n}'"
            )));
        }
        seen.push(n);
        match ops::attr::getattr_opt(vm, subject, name)? {
            Some(v) => out.push(v),
            None => return Ok(Value::NONE),
        }
    }
    Ok(crate::types::tuple::new_tuple(vm, out))
}
