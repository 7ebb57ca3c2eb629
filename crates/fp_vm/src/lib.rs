//! `fp_vm` — the ferropy runtime: values, the heap, the object model, the builtin types and
//! modules, and the bytecode interpreter.
//!
//! Owns everything that exists at run time. Depends on `fp_bytecode` (the instruction set) and
//! `fp_compiler` (for `compile()`/`exec()`/`eval()` and imports); the command-line front end
//! (`ferropy`) depends on it, never the other way round. A future JIT crate sits beside the
//! interpreter and depends on this crate.
//!
//! Layout: `value` (the word), `object` (header + payload kinds), `heap` (allocation),
//! `vm` (the interpreter state and registry of builtin types), `types/` (one module per builtin
//! type), `ops/` (the abstract object protocol: attribute access, operators, calls, iteration),
//! `interp/` (frames and the eval loop), `modules/` (native modules: builtins, sys, ...).

pub mod gil;
pub mod heap;
pub mod interp;
pub mod modules;
pub mod native;
pub mod object;
pub mod ops;
pub mod types;
pub mod value;
pub mod vm;

pub use value::Value;
pub use vm::{Exc, PyResult, Vm};
