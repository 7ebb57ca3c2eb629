//! Installs the Python-visible method tables of every builtin type (one `install` per type
//! module). Types whose tables are not written yet expose only what `object` gives them.

use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    crate::types::object::install(vm);
    crate::types::module::install(vm);
    crate::types::iterators::install(vm);
    crate::types::generator::install(vm);
    crate::types::namespace::install(vm);
    crate::modules::stdio::install(vm);
    crate::types::str_methods::install(vm);
    crate::types::format::install(vm);
    crate::types::int_methods::install(vm);
    crate::types::float_methods::install(vm);
    crate::types::complex_methods::install(vm);
    crate::types::seq_methods::install(vm);
    crate::types::range_methods::install(vm);
    crate::types::bytes_methods::install(vm);
    crate::types::dict_methods::install(vm);
    crate::types::set_methods::install(vm);
    crate::types::function_methods::install(vm);
    crate::types::descriptor_methods::install(vm);
}
