//! `re.Pattern` (made by `_sre.compile`) and `_sre.SRE_Scanner`: running the engine over a
//! subject once (match, fullmatch, search) or repeatedly (findall, finditer, split, sub).

use super::engine::{Abort, Ch, State};
use super::matchobj;
use super::program::{self, Program};
use super::{Subject, Text, abort_error, slice, ssize, subject};
use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::ops;
use crate::types::dict::DictObj;
use crate::types::list::ListObj;
use crate::types::tuple::TupleObj;
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};
use std::cell::RefCell;
use std::rc::Rc;

pub struct PatternObj {
    /// The source pattern (str, bytes or None).
    pub pattern: Value,
    pub flags: i32,
    pub code: Box<[u32]>,
    pub prog: Program,
    /// Number of capture groups (group 0 not counted).
    pub groups: usize,
    /// Name -> index dict, or NULL when the pattern has no named groups.
    pub groupindex: Value,
    /// Index -> name tuple, or NULL.
    pub indexgroup: Value,
    /// 1 bytes, 0 str, -1 no pattern (None).
    pub isbytes: i8,
    /// The code points of the last long non-ASCII str subject, so repeated `match(s, pos)`
    /// calls over one text (tokenizers) do not decode it each time.
    cache: RefCell<Option<(Value, Rc<[u32]>)>>,
}

impl Trace for PatternObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.pattern.trace(visit);
        self.groupindex.trace(visit);
        self.indexgroup.trace(visit);
        if let Some((k, _)) = &*self.cache.borrow() {
            k.trace(visit);
        }
    }
}

impl Payload for PatternObj {
    const KIND: ObjKind = ObjKind::SrePattern;
}

/// Where a scanner stands: the next start (None once exhausted) and whether the previous
/// match was empty there.
pub struct ScanState {
    start: Option<usize>,
    must_advance: bool,
    end: usize,
}

pub struct ScannerObj {
    pub pattern: Value,
    pub string: Value,
    text: Text,
    pos: usize,
    state: RefCell<ScanState>,
}

impl Trace for ScannerObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.pattern.trace(visit);
        self.string.trace(visit);
    }
}

impl Payload for ScannerObj {
    const KIND: ObjKind = ObjKind::SreScanner;
}

pub fn install_types(vm: &mut Vm) {
    if vm.state_get("_sre.Pattern").is_some() {
        return;
    }
    let object = vm.types.object;
    let re = vm.intern("re");
    let t = typeobj::new_static_type(vm, "Pattern", object, ObjKind::SrePattern, TypeFlags(0));
    typeobj::add_methods(vm, t, PATTERN_METHODS);
    typeobj::add_getsets(vm, t, PATTERN_GETSETS);
    typeobj::set_type_attr(vm, t, "__module__", re);
    vm.state_set("_sre.Pattern", t);

    let m = typeobj::new_static_type(vm, "Match", object, ObjKind::SreMatch, TypeFlags(0));
    typeobj::add_methods(vm, m, matchobj::METHODS);
    typeobj::add_getsets(vm, m, matchobj::GETSETS);
    typeobj::set_type_attr(vm, m, "__module__", re);
    vm.state_set("_sre.Match", m);

    let s = typeobj::new_static_type(vm, "SRE_Scanner", object, ObjKind::SreScanner, TypeFlags(0));
    typeobj::add_methods(vm, s, SCANNER_METHODS);
    typeobj::add_getsets(vm, s, SCANNER_GETSETS);
    let sre = vm.intern("_sre");
    typeobj::set_type_attr(vm, s, "__module__", sre);
    vm.state_set("_sre.SRE_Scanner", s);
}

static PATTERN_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", no_new),
    native!(
        "match",
        "($self, /, string, pos=0, endpos=sys.maxsize)",
        pattern_match
    ),
    native!(
        "fullmatch",
        "($self, /, string, pos=0, endpos=sys.maxsize)",
        pattern_fullmatch
    ),
    native!(
        "search",
        "($self, /, string, pos=0, endpos=sys.maxsize)",
        pattern_search
    ),
    native!(
        "findall",
        "($self, /, string, pos=0, endpos=sys.maxsize)",
        pattern_findall
    ),
    native!(
        "finditer",
        "($self, /, string, pos=0, endpos=sys.maxsize)",
        pattern_finditer
    ),
    native!(
        "scanner",
        "($self, /, string, pos=0, endpos=sys.maxsize)",
        pattern_scanner
    ),
    native!("split", "($self, /, string, maxsplit=0)", pattern_split),
    native!("sub", "($self, /, repl, string, count=0)", pattern_sub),
    native!("subn", "($self, /, repl, string, count=0)", pattern_subn),
    native!("__copy__", "($self, /)", same),
    native!("__deepcopy__", "($self, memo, /)", same),
    native!("__eq__", "($self, value, /)", pattern_eq),
    native!("__ne__", "($self, value, /)", pattern_ne),
    native!("__hash__", "($self, /)", pattern_hash),
    native!("__repr__", "($self, /)", pattern_repr),
    native_classmethod!(
        "__class_getitem__",
        "($type, item, /)",
        crate::types::seq_methods::class_getitem
    ),
];

static PATTERN_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("pattern", "($self, /)", pattern_pattern), None),
    (native!("flags", "($self, /)", pattern_flags), None),
    (native!("groups", "($self, /)", pattern_groups), None),
    (
        native!("groupindex", "($self, /)", pattern_groupindex),
        None,
    ),
];

static SCANNER_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", no_new),
    native!("match", "($self, /)", scanner_match),
    native!("search", "($self, /)", scanner_search),
];

static SCANNER_GETSETS: &[(NativeDef, Option<NativeDef>)] =
    &[(native!("pattern", "($self, /)", scanner_pattern), None)];

/// Types of this module cannot be instantiated from Python.
pub fn no_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = match a[0].downcast::<typeobj::TypeObject>() {
        Some(_) => {
            let module = crate::types::dict::get_str(typeobj::tobj(a[0]).dict.get(), "__module__")
                .and_then(crate::types::str::as_str)
                .unwrap_or("_sre")
                .to_string();
            format!("{module}.{}", typeobj::type_name(a[0]))
        }
        None => "?".into(),
    };
    Err(vm.type_error(format!("cannot create '{name}' instances")))
}

fn same(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(a[0])
}

pub fn pat(vm: &mut Vm, v: Value) -> PyResult<&'static PatternObj> {
    match v.downcast::<PatternObj>() {
        Some(p) => Ok(p),
        None => Err(vm.type_error(format!(
            "descriptor requires a 're.Pattern' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`.
pub fn sre_compile(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (pattern, flags, code, groups, groupindex, indexgroup) =
        (a[1], a[2], a[3], a[4], a[5], a[6]);
    let flags = super::c_int(vm, flags)?;
    let Some(list) = code.downcast::<ListObj>() else {
        return Err(bad_arg(vm, "code", "list", code));
    };
    let groups = ssize(vm, groups)?;
    if !groupindex.is::<DictObj>() {
        return Err(bad_arg(vm, "groupindex", "dict", groupindex));
    }
    if !indexgroup.is::<TupleObj>() {
        return Err(bad_arg(vm, "indexgroup", "tuple", indexgroup));
    }
    let items = list.snapshot();
    let mut words = Vec::with_capacity(items.len());
    for o in items {
        words.push(code_word(vm, o)?);
    }
    let isbytes = if pattern.is_none() {
        -1
    } else {
        i8::from(subject(vm, pattern)?.is_bytes)
    };
    let groups_ok = (0..=program::MAXGROUPS as i64).contains(&groups);
    let prog = if groups_ok {
        program::build(&words, groups as u64).ok()
    } else {
        None
    };
    let Some(prog) = prog else {
        return Err(vm.runtime_error("invalid SRE code"));
    };
    let (gi, ig) = if crate::types::dict::len(groupindex) > 0 {
        let ig = if crate::types::tuple::items(indexgroup).is_some_and(|t| !t.is_empty()) {
            indexgroup
        } else {
            Value::NULL
        };
        (groupindex, ig)
    } else {
        (Value::NULL, Value::NULL)
    };
    let ty = vm.state_get("_sre.Pattern").unwrap_or(vm.types.object);
    Ok(alloc(
        ty,
        PatternObj {
            pattern,
            flags,
            code: words.into_boxed_slice(),
            prog,
            groups: groups as usize,
            groupindex: gi,
            indexgroup: ig,
            isbytes,
            cache: RefCell::new(None),
        },
    ))
}

fn bad_arg(vm: &mut Vm, name: &str, want: &str, got: Value) -> crate::vm::Exc {
    let t = vm.type_name(got);
    vm.type_error(format!(
        "compile() argument '{name}' must be {want}, not {t}"
    ))
}

/// `PyLong_AsUnsignedLong` narrowed to a code word.
fn code_word(vm: &mut Vm, o: Value) -> PyResult<u32> {
    if !crate::types::int::is_int(o) {
        return Err(vm.type_error("an integer is required"));
    }
    let r = crate::types::int::int_ref(o);
    match r {
        Some(crate::types::int::IntRef::Small(i)) if i < 0 => {
            Err(vm.overflow_error("can't convert negative value to unsigned int"))
        }
        Some(crate::types::int::IntRef::Small(i)) => u32::try_from(i)
            .map_err(|_| vm.overflow_error("regular expression code size limit exceeded")),
        Some(crate::types::int::IntRef::Big(b)) => {
            if crate::types::int::sign(crate::types::int::IntRef::Big(b)) == num_bigint::Sign::Minus
            {
                Err(vm.overflow_error("can't convert negative value to unsigned int"))
            } else if b.bits() <= 64 {
                Err(vm.overflow_error("regular expression code size limit exceeded"))
            } else {
                Err(vm.overflow_error("Python int too large to convert to C unsigned long"))
            }
        }
        None => Err(vm.type_error("an integer is required")),
    }
}

// ----- running the engine -----

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum How {
    Match,
    FullMatch,
    Search,
}

/// A successful run: spans of group 0 and each group (-1 when unset), and `lastindex`.
pub struct Found {
    pub spans: Vec<isize>,
    pub lastindex: isize,
    /// A group ended before it started (an engine bug in CPython's words).
    pub bad_span: bool,
}

fn found<C: Ch>(st: &State<'_, C>, groups: usize) -> Found {
    let mut f = Found {
        spans: vec![-1isize; 2 * (groups + 1)],
        lastindex: -1,
        bad_span: false,
    };
    fill(st, groups, &mut f);
    f
}

/// Copies the spans of the match `st` just found into `f`.
fn fill<C: Ch>(st: &State<'_, C>, groups: usize, f: &mut Found) {
    f.spans[0] = st.start as isize;
    f.spans[1] = st.ptr as isize;
    f.bad_span = false;
    for i in 0..groups {
        let j = 2 * i;
        if (j + 1) as isize <= st.lastmark && st.marks[j] >= 0 && st.marks[j + 1] >= 0 {
            f.spans[j + 2] = st.marks[j];
            f.spans[j + 3] = st.marks[j + 1];
            if st.marks[j] > st.marks[j + 1] {
                f.bad_span = true;
            }
        } else {
            f.spans[j + 2] = -1;
            f.spans[j + 3] = -1;
        }
    }
    f.lastindex = st.lastindex;
}

/// Calls `each` for the successive non-overlapping matches from `start` (at most `max`
/// when `max` > 0; none when `max` < 0), reusing one matching state; returns their count.
fn each_on<C: Ch>(
    vm: &mut Vm,
    t: &[C],
    p: &PatternObj,
    mut start: usize,
    end: usize,
    max: i64,
    each: &mut dyn FnMut(&mut Vm, &Found) -> PyResult<()>,
) -> PyResult<i64> {
    let mut st = State::new(t, start, end, p.groups);
    let mut f = found(&st, p.groups);
    let mut n = 0i64;
    while start <= end && (max == 0 || n < max) {
        st.reset();
        st.start = start;
        st.ptr = start;
        match st.search(&p.prog) {
            Ok(true) => {}
            Ok(false) => break,
            Err(a) => return Err(abort_error(vm, a)),
        }
        fill(&st, p.groups, &mut f);
        if f.bad_span {
            return Err(vm.system_error(
                "The span of capturing group is wrong, please report a bug for the re module.",
            ));
        }
        each(vm, &f)?;
        n += 1;
        st.must_advance = st.ptr == st.start;
        start = st.ptr;
    }
    Ok(n)
}

/// `each_on` over any subject text.
pub fn each(
    vm: &mut Vm,
    p: &PatternObj,
    text: &Text,
    start: usize,
    end: usize,
    max: i64,
    f: &mut dyn FnMut(&mut Vm, &Found) -> PyResult<()>,
) -> PyResult<i64> {
    match text {
        Text::Bytes(b) => each_on(vm, b, p, start, end, max, f),
        Text::Owned(b) => each_on(vm, &b[..], p, start, end, max, f),
        Text::Wide(w) => each_on(vm, &w[..], p, start, end, max, f),
    }
}

fn exec_on<C: Ch>(
    t: &[C],
    prog: &Program,
    groups: usize,
    start: usize,
    end: usize,
    must_advance: bool,
    how: How,
) -> Result<Option<Found>, Abort> {
    let mut st = State::new(t, start, end, groups);
    st.must_advance = must_advance;
    let ok = match how {
        How::Match => st.run(prog, 0, true)?,
        How::FullMatch => {
            st.match_all = true;
            st.run(prog, 0, true)?
        }
        How::Search => st.search(prog)?,
    };
    Ok(if ok { Some(found(&st, groups)) } else { None })
}

/// One run of `p` over `text` from `start` (not past `end`).
pub fn exec(
    vm: &mut Vm,
    p: &PatternObj,
    text: &Text,
    start: usize,
    end: usize,
    must_advance: bool,
    how: How,
) -> PyResult<Option<Found>> {
    loop {
        let r = match text {
            Text::Bytes(b) => exec_on(b, &p.prog, p.groups, start, end, must_advance, how),
            Text::Owned(b) => exec_on(&b[..], &p.prog, p.groups, start, end, must_advance, how),
            Text::Wide(w) => exec_on(&w[..], &p.prog, p.groups, start, end, must_advance, how),
        };
        return match r {
            Ok(Some(f)) if f.bad_span => Err(vm.system_error(
                "The span of capturing group is wrong, please report a bug for the re module.",
            )),
            Ok(f) => Ok(f),
            // A signal arrived: its Python handler ran without raising, so the match (a pure
            // computation) starts again.
            Err(super::engine::Abort::Interrupted) => {
                vm.safe_point()?;
                continue;
            }
            Err(a) => Err(abort_error(vm, a)),
        };
    }
}

/// `state_init`: the subject (type-checked against the pattern) and the clamped bounds.
fn prepare(
    vm: &mut Vm,
    p: &PatternObj,
    string: Value,
    pos: Value,
    endpos: Value,
) -> PyResult<(Subject, usize, usize)> {
    let pos = if pos.is_null() { 0 } else { ssize(vm, pos)? };
    let endpos = if endpos.is_null() {
        i64::MAX
    } else {
        ssize(vm, endpos)?
    };
    let s = cached_subject(vm, p, string)?;
    check_kind(vm, p, s.is_bytes)?;
    let len = s.text.len() as i64;
    let clamp = |x: i64| x.clamp(0, len) as usize;
    Ok((s, clamp(pos), clamp(endpos)))
}

/// Strings at least this long (in bytes) have their code points cached on the pattern.
const CACHE_MIN: usize = 256;

fn cached_subject(vm: &mut Vm, p: &PatternObj, string: Value) -> PyResult<Subject> {
    if let Some(so) = string.downcast::<crate::types::str::StrObj>()
        && !so.is_ascii()
        && so.as_str().len() >= CACHE_MIN
    {
        if let Some((k, w)) = &*p.cache.borrow()
            && *k == string
        {
            return Ok(Subject {
                text: Text::Wide(w.clone()),
                is_bytes: false,
            });
        }
        let s = subject(vm, string)?;
        if let Text::Wide(w) = &s.text {
            *p.cache.borrow_mut() = Some((string, w.clone()));
        }
        return Ok(s);
    }
    subject(vm, string)
}

fn check_kind(vm: &mut Vm, p: &PatternObj, is_bytes: bool) -> PyResult<()> {
    if is_bytes && p.isbytes == 0 {
        return Err(vm.type_error("cannot use a string pattern on a bytes-like object"));
    }
    if !is_bytes && p.isbytes > 0 {
        return Err(vm.type_error("cannot use a bytes pattern on a string-like object"));
    }
    Ok(())
}

fn run_once(vm: &mut Vm, a: &[Value], how: How) -> PyResult {
    let p = pat(vm, a[0])?;
    let (s, pos, endpos) = prepare(vm, p, a[1], a[2], a[3])?;
    match exec(vm, p, &s.text, pos, endpos, false, how)? {
        Some(f) => Ok(matchobj::new_match(vm, a[0], a[1], pos, endpos, f)),
        None => Ok(Value::NONE),
    }
}

fn pattern_match(vm: &mut Vm, a: &[Value]) -> PyResult {
    run_once(vm, a, How::Match)
}

fn pattern_fullmatch(vm: &mut Vm, a: &[Value]) -> PyResult {
    run_once(vm, a, How::FullMatch)
}

fn pattern_search(vm: &mut Vm, a: &[Value]) -> PyResult {
    run_once(vm, a, How::Search)
}

/// Group `g`'s text for findall: the empty string when the group did not take part.
fn group_or_empty(vm: &mut Vm, string: Value, text: &Text, f: &Found, g: usize) -> Value {
    let (i, j) = (f.spans[2 * g], f.spans[2 * g + 1]);
    if i < 0 || j < 0 {
        slice(vm, string, text, 0, 0)
    } else {
        slice(vm, string, text, i as usize, j as usize)
    }
}

fn pattern_findall(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = pat(vm, a[0])?;
    let string = a[1];
    let (s, start, end) = prepare(vm, p, string, a[2], a[3])?;
    let mut out = Vec::new();
    let text = &s.text;
    each(vm, p, text, start, end, 0, &mut |vm, f| {
        let item = match p.groups {
            0 => slice(vm, string, text, f.spans[0] as usize, f.spans[1] as usize),
            1 => group_or_empty(vm, string, text, f, 1),
            n => {
                let mut t = Vec::with_capacity(n);
                for g in 1..=n {
                    t.push(group_or_empty(vm, string, text, f, g));
                }
                crate::types::tuple::new_tuple(vm, t)
            }
        };
        out.push(item);
        Ok(())
    })?;
    Ok(crate::types::list::new_list(vm, out))
}

fn make_scanner(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = pat(vm, a[0])?;
    let (s, pos, end) = prepare(vm, p, a[1], a[2], a[3])?;
    let ty = vm.state_get("_sre.SRE_Scanner").unwrap_or(vm.types.object);
    let sc = alloc(
        ty,
        ScannerObj {
            pattern: a[0],
            string: a[1],
            text: s.text,
            pos,
            state: RefCell::new(ScanState {
                start: Some(pos),
                must_advance: false,
                end,
            }),
        },
    );
    // As CPython's scanner, hold an export of a bytearray subject (it cannot be resized
    // meanwhile); ferropy releases it once the scanner is exhausted, or when it is collected.
    crate::types::bytes::add_export(vm, a[1], sc)?;
    Ok(sc)
}

fn pattern_scanner(vm: &mut Vm, a: &[Value]) -> PyResult {
    make_scanner(vm, a)
}

/// `iter(scanner.search, None)`.
fn pattern_finditer(vm: &mut Vm, a: &[Value]) -> PyResult {
    let sc = make_scanner(vm, a)?;
    let search = ops::attr::getattr_str(vm, sc, "search")?;
    Ok(crate::types::iterators::new_iter(
        vm.types.callable_iterator,
        crate::types::iterators::IterState::Callable {
            f: search,
            sentinel: Value::NONE,
        },
    ))
}

fn scanner(vm: &mut Vm, v: Value) -> PyResult<&'static ScannerObj> {
    match v.downcast::<ScannerObj>() {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!(
            "descriptor requires a '_sre.SRE_Scanner' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

fn scanner_step(vm: &mut Vm, a: &[Value], how: How) -> PyResult {
    let sc = scanner(vm, a[0])?;
    let p = pat(vm, sc.pattern)?;
    let (start, must_advance, end) = {
        let st = sc.state.borrow();
        match st.start {
            None => return Ok(Value::NONE),
            Some(s) => (s, st.must_advance, st.end),
        }
    };
    let r = exec(vm, p, &sc.text, start, end, must_advance, how)?;
    let mut st = sc.state.borrow_mut();
    match r {
        None => {
            st.start = None;
            drop(st);
            crate::types::bytes::release_export(sc.string, a[0]);
            Ok(Value::NONE)
        }
        Some(f) => {
            let (b, e) = (f.spans[0] as usize, f.spans[1] as usize);
            st.must_advance = e == b;
            st.start = Some(e);
            drop(st);
            Ok(matchobj::new_match(
                vm, sc.pattern, sc.string, sc.pos, end, f,
            ))
        }
    }
}

fn scanner_match(vm: &mut Vm, a: &[Value]) -> PyResult {
    scanner_step(vm, a, How::Match)
}

fn scanner_search(vm: &mut Vm, a: &[Value]) -> PyResult {
    scanner_step(vm, a, How::Search)
}

fn scanner_pattern(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(scanner(vm, a[0])?.pattern)
}

fn pattern_split(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = pat(vm, a[0])?;
    let string = a[1];
    let maxsplit = if a[2].is_null() { 0 } else { ssize(vm, a[2])? };
    let (s, start, end) = prepare(vm, p, string, Value::NULL, Value::NULL)?;
    let mut out = Vec::new();
    let mut last = start;
    let text = &s.text;
    if maxsplit >= 0 {
        each(vm, p, text, start, end, maxsplit, &mut |vm, f| {
            let (b, e) = (f.spans[0] as usize, f.spans[1] as usize);
            out.push(slice(vm, string, text, last, b));
            for g in 1..=p.groups {
                let (i, j) = (f.spans[2 * g], f.spans[2 * g + 1]);
                out.push(if i < 0 || j < 0 {
                    Value::NONE
                } else {
                    slice(vm, string, text, i as usize, j as usize)
                });
            }
            last = e;
            Ok(())
        })?;
    }
    out.push(slice(vm, string, text, last, end));
    Ok(crate::types::list::new_list(vm, out))
}

fn pattern_sub(vm: &mut Vm, a: &[Value]) -> PyResult {
    subx(vm, a, false)
}

fn pattern_subn(vm: &mut Vm, a: &[Value]) -> PyResult {
    subx(vm, a, true)
}

/// `sub`/`subn`: a callable replacement is called with each match; a str/bytes template
/// without backslashes is inserted as is; anything else goes through `re._subx`, which
/// returns a literal or a function (3.11's protocol).
fn subx(vm: &mut Vm, a: &[Value], subn: bool) -> PyResult {
    let p = pat(vm, a[0])?;
    let (repl, string) = (a[1], a[2]);
    let count = if a[3].is_null() { 0 } else { ssize(vm, a[3])? };
    let (filter, is_callable) = if ops::call::is_callable(vm, repl) {
        (repl, true)
    } else {
        let literal = match subject(vm, repl) {
            Ok(t) => match &t.text {
                Text::Bytes(b) => !b.contains(&b'\\'),
                Text::Owned(b) => !b.contains(&b'\\'),
                Text::Wide(w) => !w.contains(&(b'\\' as u32)),
            },
            Err(_) => false,
        };
        if literal {
            (repl, false)
        } else {
            let re = crate::modules::import_module(vm, "re")?;
            let f = ops::attr::getattr_str(vm, re, "_subx")?;
            let filter = ops::call::call(vm, f, &[a[0], repl])?;
            let c = ops::call::is_callable(vm, filter);
            (filter, c)
        }
    };
    let (s, start, end) = prepare(vm, p, string, Value::NULL, Value::NULL)?;
    let mut out = Vec::new();
    let mut i = 0usize;
    let text = &s.text;
    let n = if count >= 0 {
        each(vm, p, text, start, end, count, &mut |vm, f| {
            let (b, e) = (f.spans[0] as usize, f.spans[1] as usize);
            if i < b {
                out.push(slice(vm, string, text, i, b));
            }
            let item = if is_callable {
                let spans = Found {
                    spans: f.spans.clone(),
                    lastindex: f.lastindex,
                    bad_span: false,
                };
                let m = matchobj::new_match(vm, a[0], string, 0, end, spans);
                ops::call::call(vm, filter, &[m])?
            } else {
                filter
            };
            if !item.is_none() {
                out.push(item);
            }
            i = e;
            Ok(())
        })?
    } else {
        0
    };
    if i < end {
        out.push(slice(vm, string, &s.text, i, end));
    }
    let joiner = if s.is_bytes {
        crate::types::bytes::new_bytes(vm, Vec::new())
    } else {
        vm.new_str("")
    };
    let result = if out.is_empty() {
        joiner
    } else {
        let list = crate::types::list::new_list(vm, out);
        let join = ops::attr::getattr_str(vm, joiner, "join")?;
        ops::call::call(vm, join, &[list])?
    };
    if subn {
        let nv = crate::types::int::from_i64(vm, n);
        Ok(crate::types::tuple::new_tuple(vm, vec![result, nv]))
    } else {
        Ok(result)
    }
}

// ----- attributes, comparison, repr -----

fn pattern_pattern(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(pat(vm, a[0])?.pattern)
}

fn pattern_flags(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = pat(vm, a[0])?.flags;
    Ok(crate::types::int::from_i64(vm, f as i64))
}

fn pattern_groups(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = pat(vm, a[0])?.groups;
    Ok(crate::types::int::from_usize(vm, g))
}

fn pattern_groupindex(vm: &mut Vm, a: &[Value]) -> PyResult {
    let gi = pat(vm, a[0])?.groupindex;
    let d = if gi.is_null() {
        crate::types::dict::new_dict(vm)
    } else {
        gi
    };
    Ok(crate::types::module::new_mappingproxy(vm, d))
}

fn pattern_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(x) = a[0].downcast::<PatternObj>() else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let Some(y) = a[1].downcast::<PatternObj>() else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if a[0] == a[1] {
        return Ok(Value::TRUE);
    }
    if x.flags != y.flags || x.isbytes != y.isbytes || x.code != y.code {
        return Ok(Value::FALSE);
    }
    let eq = ops::compare::eq(vm, x.pattern, y.pattern)?;
    Ok(Value::from_bool(eq))
}

fn pattern_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = pattern_eq(vm, a)?;
    if r == Value::NOT_IMPLEMENTED {
        return Ok(r);
    }
    Ok(Value::from_bool(r == Value::FALSE))
}

fn pattern_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = pat(vm, a[0])?;
    let h = ops::hash::hash(vm, p.pattern)?;
    let bytes: Vec<u8> = p.code.iter().flat_map(|w| w.to_le_bytes()).collect();
    let h2 = crate::types::str::hash_bytes(&bytes);
    let mut x = h ^ h2;
    if x == -1 {
        x = -2;
    }
    Ok(crate::types::int::from_i64(vm, x))
}

const FLAG_NAMES: &[(&str, i32)] = &[
    ("re.TEMPLATE", 1),
    ("re.IGNORECASE", 2),
    ("re.LOCALE", 4),
    ("re.MULTILINE", 8),
    ("re.DOTALL", 16),
    ("re.UNICODE", 32),
    ("re.VERBOSE", 64),
    ("re.DEBUG", 128),
    ("re.ASCII", 256),
];

fn pattern_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = pat(vm, a[0])?;
    let mut flags = p.flags;
    if p.isbytes == 0 && flags & (4 | 32 | 256) == 32 {
        flags &= !32;
    }
    let mut names = Vec::new();
    for (n, v) in FLAG_NAMES {
        if flags & v != 0 {
            names.push(n.to_string());
            flags &= !v;
        }
    }
    if flags != 0 {
        names.push(format!("0x{:x}", flags as u32));
    }
    let r = ops::repr::repr_string(vm, p.pattern)?;
    let r: String = r.chars().take(200).collect();
    let s = if names.is_empty() {
        format!("re.compile({r})")
    } else {
        format!("re.compile({r}, {})", names.join("|"))
    };
    Ok(vm.new_string(s))
}
