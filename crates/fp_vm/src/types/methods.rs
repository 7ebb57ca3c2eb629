//! Installs the Python-visible method tables of every builtin type (one `install` per type
//! module). Types whose tables are not written yet expose only what `object` gives them.

use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    crate::types::object::install(vm);
    crate::types::module::install(vm);
    crate::types::iterators::install(vm);
    crate::types::generator::install(vm);
}
