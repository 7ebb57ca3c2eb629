//! `re.Match`: the spans of one successful run and the group accessors.

use super::pattern::{Found, PatternObj};
use super::{slice_now, ssize_clamped};
use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::ops;
use crate::types::int;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};

pub struct MatchObj {
    pub string: Value,
    pub pattern: Value,
    pub pos: usize,
    pub endpos: usize,
    pub lastindex: isize,
    /// Start and end of group 0, 1, ... (-1 when the group did not take part).
    pub spans: Box<[isize]>,
}

impl Trace for MatchObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.string.trace(visit);
        self.pattern.trace(visit);
    }
}

impl Payload for MatchObj {
    const KIND: ObjKind = ObjKind::SreMatch;
}

pub fn new_match(
    vm: &mut Vm,
    pattern: Value,
    string: Value,
    pos: usize,
    endpos: usize,
    f: Found,
) -> Value {
    let ty = vm.state_get("_sre.Match").unwrap_or(vm.types.object);
    alloc(
        ty,
        MatchObj {
            string,
            pattern,
            pos,
            endpos,
            lastindex: f.lastindex,
            spans: f.spans.into_boxed_slice(),
        },
    )
}

pub static METHODS: &[NativeDef] = &[
    native_staticmethod!(
        "__new__",
        "($type, *args, **kwargs)",
        super::pattern::no_new
    ),
    native!("group", "($self, *args)", match_group),
    native!("__getitem__", "($self, key, /)", match_getitem),
    native!("groups", "($self, /, default=None)", match_groups),
    native!("groupdict", "($self, /, default=None)", match_groupdict),
    native!("start", "($self, group=0, /)", match_start),
    native!("end", "($self, group=0, /)", match_end),
    native!("span", "($self, group=0, /)", match_span),
    native!("expand", "($self, /, template)", match_expand),
    native!("__copy__", "($self, /)", match_copy),
    native!("__deepcopy__", "($self, memo, /)", match_copy),
    native!("__repr__", "($self, /)", match_repr),
    native_classmethod!(
        "__class_getitem__",
        "($type, item, /)",
        crate::types::seq_methods::class_getitem
    ),
];

pub static GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("string", "($self, /)", match_string), None),
    (native!("re", "($self, /)", match_re), None),
    (native!("pos", "($self, /)", match_pos), None),
    (native!("endpos", "($self, /)", match_endpos), None),
    (native!("lastindex", "($self, /)", match_lastindex), None),
    (native!("lastgroup", "($self, /)", match_lastgroup), None),
    (native!("regs", "($self, /)", match_regs), None),
];

fn mobj(vm: &mut Vm, v: Value) -> PyResult<&'static MatchObj> {
    match v.downcast::<MatchObj>() {
        Some(m) => Ok(m),
        None => Err(vm.type_error(format!(
            "descriptor requires a 're.Match' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

fn ngroups(m: &MatchObj) -> usize {
    m.spans.len() / 2
}

fn pattern_of(m: &MatchObj) -> Option<&'static PatternObj> {
    m.pattern.downcast::<PatternObj>()
}

/// `match_getindex`: an int-like group number or a group name, else IndexError.
fn group_index(vm: &mut Vm, m: &MatchObj, g: Value) -> PyResult<usize> {
    let is_index = int::is_int(g) || ops::has_special(vm, g, vm.names.index);
    let i = if is_index {
        ssize_clamped(vm, g)?
    } else {
        let gi = pattern_of(m).map(|p| p.groupindex).unwrap_or(Value::NULL);
        let mut i = -1;
        if !gi.is_null() {
            if let Some(v) = crate::types::dict::get_item(vm, gi, g)?
                && int::is_int(v)
            {
                i = ssize_clamped(vm, v)?;
            }
        }
        i
    };
    if i < 0 || i >= ngroups(m) as i64 {
        return Err(vm.index_error("no such group"));
    }
    Ok(i as usize)
}

/// Group `i`'s text, or `default` when it did not take part. The subject is read again, as
/// CPython does (a bytearray may have changed since).
fn group_value(vm: &mut Vm, m: &MatchObj, i: usize, default: Value) -> PyResult {
    let (a, b) = (m.spans[2 * i], m.spans[2 * i + 1]);
    if m.string.is_none() || a < 0 || b < 0 {
        return Ok(default);
    }
    slice_now(vm, m.string, a as usize, b as usize)
}

fn match_group(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = mobj(vm, a[0])?;
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    match args.len() {
        0 => group_value(vm, m, 0, Value::NONE),
        1 => {
            let i = group_index(vm, m, args[0])?;
            group_value(vm, m, i, Value::NONE)
        }
        _ => {
            let mut out = Vec::with_capacity(args.len());
            for g in args {
                let i = group_index(vm, m, g)?;
                out.push(group_value(vm, m, i, Value::NONE)?);
            }
            Ok(crate::types::tuple::new_tuple(vm, out))
        }
    }
}

fn match_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = mobj(vm, a[0])?;
    let i = group_index(vm, m, a[1])?;
    group_value(vm, m, i, Value::NONE)
}

fn default_arg(v: Value) -> Value {
    if v.is_null() { Value::NONE } else { v }
}

fn match_groups(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = mobj(vm, a[0])?;
    let d = default_arg(a[1]);
    let mut out = Vec::with_capacity(ngroups(m));
    for i in 1..ngroups(m) {
        out.push(group_value(vm, m, i, d)?);
    }
    Ok(crate::types::tuple::new_tuple(vm, out))
}

fn match_groupdict(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = mobj(vm, a[0])?;
    let d = default_arg(a[1]);
    let out = crate::types::dict::new_dict(vm);
    let gi = pattern_of(m).map(|p| p.groupindex).unwrap_or(Value::NULL);
    if gi.is_null() {
        return Ok(out);
    }
    for k in crate::types::dict::keys(gi) {
        let i = group_index(vm, m, k)?;
        let v = group_value(vm, m, i, d)?;
        crate::types::dict::set_item(vm, out, k, v)?;
    }
    Ok(out)
}

fn span_of(vm: &mut Vm, a: &[Value]) -> PyResult<(isize, isize)> {
    let m = mobj(vm, a[0])?;
    let i = if a[1].is_null() {
        0
    } else {
        group_index(vm, m, a[1])?
    };
    Ok((m.spans[2 * i], m.spans[2 * i + 1]))
}

fn match_start(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (s, _) = span_of(vm, a)?;
    Ok(int::from_i64(vm, s as i64))
}

fn match_end(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (_, e) = span_of(vm, a)?;
    Ok(int::from_i64(vm, e as i64))
}

fn pair(vm: &mut Vm, s: isize, e: isize) -> Value {
    let s = int::from_i64(vm, s as i64);
    let e = int::from_i64(vm, e as i64);
    crate::types::tuple::new_tuple(vm, vec![s, e])
}

fn match_span(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (s, e) = span_of(vm, a)?;
    Ok(pair(vm, s, e))
}

/// `expand(template)`: 3.11 hands it to `re._expand(pattern, match, template)`.
fn match_expand(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = mobj(vm, a[0])?;
    let re = crate::modules::import_module(vm, "re")?;
    let f = ops::attr::getattr_str(vm, re, "_expand")?;
    ops::call::call(vm, f, &[m.pattern, a[0], a[1]])
}

fn match_copy(vm: &mut Vm, a: &[Value]) -> PyResult {
    mobj(vm, a[0])?;
    Ok(a[0])
}

fn match_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = mobj(vm, a[0])?;
    let g = group_value(vm, m, 0, Value::NONE)?;
    let r = ops::repr::repr_string(vm, g)?;
    let r: String = r.chars().take(50).collect();
    let s = format!(
        "<re.Match object; span=({}, {}), match={r}>",
        m.spans[0], m.spans[1]
    );
    Ok(vm.new_string(s))
}

fn match_string(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(mobj(vm, a[0])?.string)
}

fn match_re(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(mobj(vm, a[0])?.pattern)
}

fn match_pos(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = mobj(vm, a[0])?.pos;
    Ok(int::from_usize(vm, p))
}

fn match_endpos(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = mobj(vm, a[0])?.endpos;
    Ok(int::from_usize(vm, p))
}

fn match_lastindex(vm: &mut Vm, a: &[Value]) -> PyResult {
    let li = mobj(vm, a[0])?.lastindex;
    if li >= 0 {
        Ok(int::from_i64(vm, li as i64))
    } else {
        Ok(Value::NONE)
    }
}

fn match_lastgroup(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = mobj(vm, a[0])?;
    let ig = pattern_of(m).map(|p| p.indexgroup).unwrap_or(Value::NULL);
    if ig.is_null() || m.lastindex < 0 {
        return Ok(Value::NONE);
    }
    let items = crate::types::tuple::items(ig).unwrap_or(&[]);
    Ok(items
        .get(m.lastindex as usize)
        .copied()
        .unwrap_or(Value::NONE))
}

fn match_regs(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = mobj(vm, a[0])?;
    let mut out = Vec::with_capacity(ngroups(m));
    for i in 0..ngroups(m) {
        out.push(pair(vm, m.spans[2 * i], m.spans[2 * i + 1]));
    }
    Ok(crate::types::tuple::new_tuple(vm, out))
}
