//! The bytecode interpreter: frames (`frame`), the eval loop (`eval`), and tracebacks
//! (`traceback`). Python-to-Python calls run in the same loop without Rust recursion.

pub mod compile_error;
pub mod eval;
pub mod frame;
pub mod traceback;
