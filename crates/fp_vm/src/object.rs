//! The heap-object layout: a 24-byte header followed by a Rust payload.
//!
//! ```text
//! +----------------------+-----------------+--------------------+------------------
//! | vt: &'static VTable  | ty: Cell<Value> | attrs: Cell<Value> | payload (T)
//! +----------------------+-----------------+--------------------+------------------
//! ```
//! - `vt` is the payload's vtable: its `kind` (which `Payload` type follows; subclass instances
//!   of a builtin share its kind, a `class L(list)` instance has kind `List`) and the functions
//!   the collector uses to trace and drop it. It is derived from the payload type at allocation,
//!   so every payload is traced and dropped correctly without a central table.
//! - `ty` is the Python type (a `TypeObject`); writable for `__class__` assignment.
//! - `attrs` is NULL or the instance's attribute storage: an `AttrStore` (map + slot values,
//!   see `types::instance`) or, once `__dict__` was asked for, a real `dict`; for instances of
//!   classes with `__slots__`, a `SlotStore` holding the slot values and that storage.
//!
//! Every payload implements [`Trace`], so a tracing collector can find every `Value` it holds.

use crate::value::Value;
use std::cell::Cell;

/// The Rust layout of a heap object. One variant per payload type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum ObjKind {
    Object,
    Type,
    Int,
    Float,
    Complex,
    Str,
    Bytes,
    ByteArray,
    Tuple,
    List,
    Dict,
    Set,
    Range,
    Slice,
    Function,
    NativeFunction,
    BoundMethod,
    Cell,
    Code,
    Frame,
    Module,
    Exception,
    Traceback,
    Generator,
    Iterator,
    Property,
    ClassMethod,
    StaticMethod,
    Super,
    AttrStore,
    Map,
    MemberDescr,
    DictView,
    MappingProxy,
    NativeData,
    AsyncGenOp,
    AsyncGenWrapped,
    WeakRef,
    Lock,
    StdStream,
    StructSeqField,
    DictRevIter,
    MemoryView,
    // `_io` (modules/io): FileIO, BytesIO, StringIO, the Buffered* classes, TextIOWrapper,
    // IncrementalNewlineDecoder.
    IoFile,
    IoBytes,
    IoString,
    IoBuffered,
    IoText,
    IoNewlineDecoder,
    ScandirIter,
    DirEntry,
    /// Objects of the native standard-library modules (`modules/stdobj.rs`).
    StdObj,
    SrePattern,
    SreMatch,
    SreScanner,
    /// `_struct.Struct` and its unpack iterator.
    Struct,
    StructIter,
    /// The `_md5`/`_sha*`/`_blake2` hash objects.
    Hash,
    /// `zlib` compress/decompress objects.
    ZlibStream,
    /// `_random.Random`.
    Random,
    /// The `attrs` of an instance of a class with `__slots__`: slot values plus the `__dict__`
    /// storage (`types::instance::SlotStore`).
    SlotStore,
}

/// Objects that hold `Value`s report them to the collector.
pub trait Trace {
    fn trace(&self, visit: &mut dyn FnMut(Value));
}

/// A Rust type that can live on the heap after an [`ObjHeader`].
pub trait Payload: Trace + Sized + 'static {
    const KIND: ObjKind;
    /// The vtable every object of this payload type points to.
    const VTABLE: &'static VTable = &VTable {
        kind: Self::KIND,
        trace: trace_payload::<Self>,
        drop: drop_payload::<Self>,
        needs_drop: std::mem::needs_drop::<Self>(),
        size: std::mem::size_of::<Obj<Self>>(),
    };
}

/// Per-payload-type information the heap needs.
pub struct VTable {
    pub kind: ObjKind,
    /// Reports every Value the object holds (payload and header).
    pub trace: unsafe fn(*const ObjHeader, &mut dyn FnMut(Value)),
    /// Runs the payload's destructor (frees its Rust-owned buffers).
    pub drop: unsafe fn(*mut ObjHeader),
    /// Whether `drop` does anything (floats and other plain payloads are freed without a call).
    pub needs_drop: bool,
    pub size: usize,
}

unsafe fn trace_payload<T: Payload>(h: *const ObjHeader, visit: &mut dyn FnMut(Value)) {
    // SAFETY: the vtable is only reached through an object allocated as `Obj<T>`.
    let o = unsafe { &*(h as *const Obj<T>) };
    o.header.ty.trace(visit);
    o.header.attrs.trace(visit);
    o.payload.trace(visit);
}

unsafe fn drop_payload<T: Payload>(h: *mut ObjHeader) {
    // SAFETY: as above; the collector calls this once, for an object that is unreachable.
    unsafe { std::ptr::drop_in_place(&mut (*(h as *mut Obj<T>)).payload) }
}

#[repr(C)]
pub struct ObjHeader {
    pub vt: &'static VTable,
    pub ty: Cell<Value>,
    pub attrs: Cell<Value>,
}

/// Header and payload together, as allocated.
#[repr(C)]
pub struct Obj<T> {
    pub header: ObjHeader,
    pub payload: T,
}

impl ObjHeader {
    #[inline]
    pub fn kind(&self) -> ObjKind {
        self.vt.kind
    }

    /// Visits every value this object refers to: its type, attribute storage and payload.
    pub fn trace_all(&self, visit: &mut dyn FnMut(Value)) {
        // SAFETY: a header reachable from a Value belongs to a live object allocated with this
        // vtable, which matches its payload type.
        unsafe { (self.vt.trace)(self as *const ObjHeader, visit) }
    }

    /// # Safety
    /// The object must have been allocated as `Obj<T>` (its `kind` equals `T::KIND`).
    #[inline]
    pub unsafe fn payload<T: Payload>(&self) -> &'static T {
        // SAFETY: the caller guarantees the layout; `Obj<T>` is repr(C) with the header first, so
        // the header's address is the object's address.
        unsafe { &(*(self as *const ObjHeader as *const Obj<T>)).payload }
    }
    #[inline]
    pub fn ty(&self) -> Value {
        self.ty.get()
    }
}

impl Trace for () {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Trace for Value {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        if self.is_ptr() {
            visit(*self)
        }
    }
}

impl Trace for Cell<Value> {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.get().trace(visit)
    }
}

impl<T: Trace> Trace for Vec<T> {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for v in self {
            v.trace(visit)
        }
    }
}

impl<T: Trace> Trace for std::cell::RefCell<T> {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        // A payload is only traced while no Rust code mutates it (collection happens at
        // allocation points, outside any borrow), so the borrow cannot fail in practice; if it
        // ever did, skipping would be unsafe for a moving collector, so we fall back to a raw read.
        match self.try_borrow() {
            Ok(b) => b.trace(visit),
            // SAFETY: tracing only reads, and the heap is single-threaded.
            Err(_) => unsafe { (*self.as_ptr()).trace(visit) },
        }
    }
}
