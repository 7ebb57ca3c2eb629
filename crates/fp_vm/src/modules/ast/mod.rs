//! The native `_ast` module: CPython 3.11's AST node classes (what `Lib/ast.py` star-imports)
//! and the conversion of a parsed source into a tree of them (`compile(..., PyCF_ONLY_AST)`).
//!
//! The node classes are plain Python classes built at import time from a table generated from
//! python3.11's own `_ast` (`nodes_table.py`, by `tools/gen_ast_nodes.py`) plus the `AST` base
//! class (`base.py`): they only hold attributes, so Python code is the simplest faithful
//! definition. `convert.rs` turns ruff's tree into instances of them.

use crate::types::module::{module_dict, new_module, set_attr};
use crate::vm::{PyResult, Vm};

/// The Python source that defines the node classes: the generated table, then the code that
/// turns it into classes.
const SOURCE: &str = concat!(include_str!("nodes_table.py"), include_str!("base.py"));

pub fn init(vm: &mut Vm) -> PyResult {
    let m = new_module(vm, "_ast");
    let b = vm.builtins;
    set_attr(vm, m, "__builtins__", b);
    let d = module_dict(m);
    crate::interp::exec_source(vm, SOURCE, "<frozen _ast>", d)?;
    vm.state_set("_ast.module", m);
    Ok(m)
}
