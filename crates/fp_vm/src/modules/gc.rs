//! `gc`: control of the collector (`heap.rs`). The collector is a tracing mark-sweep, so
//! there are no generations to report, nothing is ever "uncollectable", and `gc.garbage`
//! stays empty.

use crate::native;
use crate::native::NativeDef;
use crate::types::module::set_attr;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

static FUNCS: &[NativeDef] = &[
    native!("collect", "(generation=2)", collect),
    native!("enable", "()", enable),
    native!("disable", "()", disable),
    native!("isenabled", "()", isenabled),
    native!("get_count", "()", get_count),
    native!("get_threshold", "()", get_threshold),
    native!(
        "set_threshold",
        "(threshold0, threshold1=0, threshold2=0, /)",
        set_threshold
    ),
    native!("get_debug", "()", get_debug),
    native!("set_debug", "(flags, /)", set_debug),
    native!("get_stats", "()", get_stats),
    native!("get_referents", "(*objs)", get_referents),
    native!("get_referrers", "(*objs)", get_referrers),
    native!("get_objects", "(generation=None)", get_objects),
    native!("is_tracked", "(obj, /)", is_tracked),
    native!("is_finalized", "(obj, /)", is_finalized),
    native!("freeze", "()", none),
    native!("unfreeze", "()", none),
    native!("get_freeze_count", "()", zero),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "gc", FUNCS);
    for name in ["garbage", "callbacks"] {
        let l = crate::types::list::new_list(vm, vec![]);
        set_attr(vm, m, name, l);
    }
    for (name, v) in [
        ("DEBUG_STATS", 1),
        ("DEBUG_COLLECTABLE", 2),
        ("DEBUG_UNCOLLECTABLE", 4),
        ("DEBUG_SAVEALL", 32),
        ("DEBUG_LEAK", 38),
    ] {
        set_attr(vm, m, name, Value::try_small_int(v).unwrap_or(Value::NONE));
    }
    Ok(m)
}

fn collect(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[0].is_null() {
        let g = crate::ops::number::index_i64(vm, a[0])?;
        if !(0..=2).contains(&g) {
            return Err(vm.value_error("invalid generation"));
        }
    }
    // Called straight from the eval loop (this call is the only native level), every live
    // value is in a VM frame: collect now. Called from Rust code that re-entered the
    // interpreter, Rust locals may hold values the collector cannot see: collect at the next
    // safe point instead.
    if vm.gc_safe_here(1) {
        vm.collect_garbage();
    } else {
        crate::heap::request_collection();
    }
    Ok(Value::small(0))
}

fn enable(vm: &mut Vm, _a: &[Value]) -> PyResult {
    vm.gc_enabled = true;
    Ok(Value::NONE)
}

fn disable(vm: &mut Vm, _a: &[Value]) -> PyResult {
    vm.gc_enabled = false;
    Ok(Value::NONE)
}

fn isenabled(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::from_bool(vm.gc_enabled))
}

fn get_count(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(crate::types::tuple::new_tuple(
        vm,
        vec![Value::small(0), Value::small(0), Value::small(0)],
    ))
}

fn get_threshold(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let t = vm.state_get("gc.threshold");
    if let Some(t) = t {
        return Ok(t);
    }
    Ok(crate::types::tuple::new_tuple(
        vm,
        vec![Value::small(700), Value::small(10), Value::small(10)],
    ))
}

fn set_threshold(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut items = Vec::new();
    for v in a {
        let n = if v.is_null() {
            0
        } else {
            crate::ops::number::index_i64(vm, *v)?
        };
        items.push(crate::types::int::from_i64(vm, n));
    }
    let t = crate::types::tuple::new_tuple(vm, items);
    vm.state_set("gc.threshold", t);
    Ok(Value::NONE)
}

fn get_debug(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(vm.state_get("gc.debug").unwrap_or(Value::small(0)))
}

fn set_debug(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = crate::ops::number::index_i64(vm, a[0])?;
    let v = crate::types::int::from_i64(vm, n);
    vm.state_set("gc.debug", v);
    Ok(Value::NONE)
}

fn get_stats(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let (collections, _) = crate::heap::stats();
    let mut gens = Vec::new();
    for g in 0..3 {
        let d = crate::types::dict::new_dict(vm);
        let c = if g == 2 { collections as i64 } else { 0 };
        for (k, v) in [("collections", c), ("collected", 0), ("uncollectable", 0)] {
            let k = vm.intern(k);
            let v = crate::types::int::from_i64(vm, v);
            crate::types::dict::set_item(vm, d, k, v)?;
        }
        gens.push(d);
    }
    Ok(crate::types::list::new_list(vm, gens))
}

/// The objects each argument refers to directly: exactly what the collector traces.
fn get_referents(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut out = Vec::new();
    for obj in crate::types::tuple::items(a[0]).unwrap_or(&[]) {
        if let Some(h) = obj.header() {
            let mut visit = |v: Value| {
                if v.is_ptr() {
                    out.push(v)
                }
            };
            h.trace_all(&mut visit);
        }
    }
    Ok(crate::types::list::new_list(vm, out))
}

/// The heap objects Python code may see, as CPython's collector tracks them: containers,
/// not atomic values, and none of the interpreter's internal objects (attribute stores,
/// maps, frames, which the frame pool may be reusing).
fn visible_objects() -> Vec<Value> {
    use crate::object::ObjKind;
    crate::heap::all_objects()
        .into_iter()
        .filter(|v| {
            v.header().is_some_and(|h| {
                !matches!(
                    h.vt.kind,
                    ObjKind::Int
                        | ObjKind::Float
                        | ObjKind::Complex
                        | ObjKind::Str
                        | ObjKind::Bytes
                        | ObjKind::AttrStore
                        | ObjKind::Map
                        | ObjKind::SlotStore
                        | ObjKind::Frame
                        | ObjKind::NativeData
                )
            })
        })
        .collect()
}

fn get_objects(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[0].is_null() && !a[0].is_none() {
        let g = crate::ops::number::index_i64(vm, a[0])?;
        // -1 is the C default: every generation.
        if g < -1 {
            return Err(vm.value_error("generation parameter cannot be negative"));
        }
        if g > 2 {
            return Err(vm.value_error(
                "generation parameter must be less than the number of available generations (3)",
            ));
        }
    }
    let objs = visible_objects();
    Ok(crate::types::list::new_list(vm, objs))
}

/// The objects that refer to any of `objs` (their attribute storage counts as theirs).
fn get_referrers(vm: &mut Vm, a: &[Value]) -> PyResult {
    let targets: Vec<Value> = crate::types::tuple::items(a[0]).unwrap_or(&[]).to_vec();
    let mut out = Vec::new();
    for obj in visible_objects() {
        let Some(h) = obj.header() else { continue };
        let mut hit = false;
        let mut visit = |v: Value| {
            if targets.contains(&v) {
                hit = true;
            } else if v.header().is_some_and(|vh| {
                matches!(
                    vh.vt.kind,
                    crate::object::ObjKind::AttrStore | crate::object::ObjKind::SlotStore
                )
            }) && let Some(vh) = v.header()
            {
                vh.trace_all(&mut |w: Value| {
                    if targets.contains(&w) {
                        hit = true;
                    }
                });
            }
        };
        h.trace_all(&mut visit);
        if hit {
            out.push(obj);
        }
    }
    Ok(crate::types::list::new_list(vm, out))
}

fn is_tracked(_vm: &mut Vm, a: &[Value]) -> PyResult {
    use crate::object::ObjKind;
    let tracked = a[0].header().is_some_and(|h| {
        !matches!(
            h.vt.kind,
            ObjKind::Int | ObjKind::Float | ObjKind::Complex | ObjKind::Str | ObjKind::Bytes
        )
    });
    Ok(Value::from_bool(tracked))
}

/// Whether `obj`'s finalizer has run: its type has one and it is no longer registered.
fn is_finalized(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = vm.type_of(a[0]);
    let done =
        crate::types::typeobj::has_finalizer(ty) && !crate::heap::is_registered_finalizer(a[0]);
    Ok(Value::from_bool(done))
}

fn none(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NONE)
}

fn zero(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::small(0))
}
