//! The heap interface: every object is allocated through [`alloc`], and nothing else in the VM
//! knows how memory is managed.
//!
//! Current plan: **NoGC bump allocation** (the first bring-up step the architecture names):
//! objects are carved from 1 MiB chunks and never freed. Every payload already implements
//! `Trace` and the VM's roots are enumerable (`Vm::trace_roots`), so a tracing collector (MMTk,
//! or the fallback mark-sweep) plugs in behind this same interface; see docs/ARCHITECTURE.md.
//!
//! The heap is single-threaded (one interpreter thread), so its state is thread-local.

use crate::object::{Obj, ObjHeader, Payload};
use crate::value::Value;
use std::alloc::{Layout, alloc as raw_alloc};
use std::cell::{Cell, UnsafeCell};

const CHUNK: usize = 1 << 20;
/// Objects larger than this get their own allocation instead of wasting a chunk's tail.
const LARGE: usize = CHUNK / 4;

struct Bump {
    ptr: Cell<usize>,
    end: Cell<usize>,
    allocated_bytes: Cell<u64>,
    allocations: Cell<u64>,
}

thread_local! {
    static HEAP: UnsafeCell<Bump> = const { UnsafeCell::new(Bump {
        ptr: Cell::new(0),
        end: Cell::new(0),
        allocated_bytes: Cell::new(0),
        allocations: Cell::new(0),
    }) };
}

/// Statistics for `gc.get_stats`-like reporting and tests.
pub fn stats() -> (u64, u64) {
    HEAP.with(|h| {
        // SAFETY: only this thread touches its heap; no reference escapes the closure.
        let h = unsafe { &*h.get() };
        (h.allocations.get(), h.allocated_bytes.get())
    })
}

fn out_of_memory(layout: Layout) -> ! {
    std::alloc::handle_alloc_error(layout)
}

#[inline]
fn raw(size: usize) -> *mut u8 {
    let size = (size + 7) & !7;
    HEAP.with(|h| {
        // SAFETY: thread-local, accessed only here and in `stats`, never re-entrantly.
        let h = unsafe { &*h.get() };
        h.allocations.set(h.allocations.get() + 1);
        h.allocated_bytes.set(h.allocated_bytes.get() + size as u64);
        let p = h.ptr.get();
        if p + size <= h.end.get() && p != 0 {
            h.ptr.set(p + size);
            return p as *mut u8;
        }
        if size >= LARGE {
            let layout = Layout::from_size_align(size, 8)
                .unwrap_or_else(|_| out_of_memory(Layout::new::<u64>()));
            // SAFETY: layout has non-zero size.
            let p = unsafe { raw_alloc(layout) };
            if p.is_null() {
                out_of_memory(layout)
            }
            return p;
        }
        let layout = Layout::from_size_align(CHUNK, 16)
            .unwrap_or_else(|_| out_of_memory(Layout::new::<u64>()));
        // SAFETY: layout has non-zero size.
        let chunk = unsafe { raw_alloc(layout) };
        if chunk.is_null() {
            out_of_memory(layout)
        }
        let start = chunk as usize;
        h.ptr.set(start + size);
        h.end.set(start + CHUNK);
        chunk
    })
}

/// Allocates an object of Python type `ty` holding `payload`.
#[inline]
pub fn alloc<T: Payload>(ty: Value, payload: T) -> Value {
    let p = raw(std::mem::size_of::<Obj<T>>()) as *mut Obj<T>;
    debug_assert!(std::mem::align_of::<Obj<T>>() <= 8);
    // SAFETY: `raw` returned a fresh, 8-aligned block of at least size_of::<Obj<T>>() bytes
    // that nothing else references.
    unsafe {
        p.write(Obj {
            header: ObjHeader {
                kind: T::KIND,
                gc_bits: Cell::new(0),
                ty: Cell::new(ty),
                attrs: Cell::new(Value::NULL),
            },
            payload,
        });
    }
    Value::from_header(p as *const ObjHeader)
}
