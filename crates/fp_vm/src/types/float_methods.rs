//! Python-visible methods (to be written).

use crate::vm::Vm;

pub fn install(_vm: &mut Vm) {}
