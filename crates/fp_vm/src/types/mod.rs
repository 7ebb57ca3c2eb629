//! The builtin types, one module per type (storage + construction); the Python-visible method
//! tables live in `*_methods.rs` beside them. `bootstrap` creates every builtin type object in
//! dependency order (`type`, `object`, `dict`, `str` and `tuple` refer to each other).

pub mod bytes;
pub mod bytes_methods;
pub mod code;
pub mod codec_errors;
pub mod codec_extra;
pub mod complex;
pub mod complex_methods;
pub mod complex_ops;
pub mod descriptor_methods;
pub mod descriptors;
pub mod dict;
pub mod dict_methods;
pub mod dict_views;
pub mod exception_group;
pub mod exceptions;
pub mod float;
pub mod float_methods;
pub mod format;
pub mod format_percent;
pub mod format_str;
pub mod frame_methods;
pub mod function;
pub mod function_methods;
pub mod generator;
pub mod instance;
pub mod int;
pub mod int_methods;
pub mod iterators;
pub mod iterators_pickle;
pub mod list;
pub mod memoryview;
pub mod memoryview_item;
pub mod methods;
pub mod module;
pub mod namespace;
pub mod object;
pub mod object_reduce;
pub mod range;
pub mod range_methods;
pub mod seq_methods;
pub mod set;
pub mod set_methods;
pub mod slots;
pub mod str;
pub mod str_codec;
pub mod str_methods;
pub mod str_search;
pub mod str_unicode;
pub mod structseq;
pub mod tuple;
pub mod typeobj;
pub mod unicode_db;
pub mod weakref;

use crate::object::ObjKind;
use crate::value::Value;
use crate::vm::{Types, Vm};
use typeobj::{TypeFlags, finish_static_type, new_static_type};

const BASE: TypeFlags = TypeFlags::BASETYPE;
const NONE: TypeFlags = TypeFlags(0);

/// Creates every builtin type object and fills in their methods.
pub fn bootstrap(vm: &mut Vm) {
    // The self-referential core first: type objects exist before any dict or str does.
    vm.types.type_ = new_static_type(vm, "type", Value::NULL, ObjKind::Type, BASE);
    vm.types.object = new_static_type(vm, "object", Value::NULL, ObjKind::Object, BASE);
    typeobj::tobj(vm.types.type_).base.set(vm.types.object);
    let object = vm.types.object;
    vm.types.dict = new_static_type(
        vm,
        "dict",
        object,
        ObjKind::Dict,
        BASE.union(TypeFlags::MAPPING),
    );
    vm.types.str_ = new_static_type(vm, "str", object, ObjKind::Str, BASE);
    vm.types.tuple = new_static_type(
        vm,
        "tuple",
        object,
        ObjKind::Tuple,
        BASE.union(TypeFlags::SEQUENCE),
    );
    for t in [
        vm.types.object,
        vm.types.type_,
        vm.types.dict,
        vm.types.str_,
        vm.types.tuple,
    ] {
        finish_static_type(vm, t);
    }
    let table: &[(fn(&mut Types) -> &mut Value, &str, ObjKind, TypeFlags)] = &[
        (|t| &mut t.int, "int", ObjKind::Int, BASE),
        (|t| &mut t.float, "float", ObjKind::Float, BASE),
        (|t| &mut t.complex, "complex", ObjKind::Complex, BASE),
        (|t| &mut t.bytes, "bytes", ObjKind::Bytes, BASE),
        (|t| &mut t.bytearray, "bytearray", ObjKind::ByteArray, BASE),
        (
            |t| &mut t.list,
            "list",
            ObjKind::List,
            BASE.union(TypeFlags::SEQUENCE),
        ),
        (|t| &mut t.set, "set", ObjKind::Set, BASE),
        (|t| &mut t.frozenset, "frozenset", ObjKind::Set, BASE),
        (
            |t| &mut t.range,
            "range",
            ObjKind::Range,
            TypeFlags::SEQUENCE,
        ),
        (|t| &mut t.slice, "slice", ObjKind::Slice, NONE),
        (
            |t| &mut t.function,
            "function",
            ObjKind::Function,
            TypeFlags::HAS_DICT,
        ),
        (
            |t| &mut t.builtin_function,
            "builtin_function_or_method",
            ObjKind::NativeFunction,
            NONE,
        ),
        (
            |t| &mut t.method_descriptor,
            "method_descriptor",
            ObjKind::NativeFunction,
            NONE,
        ),
        (
            |t| &mut t.classmethod_descriptor,
            "classmethod_descriptor",
            ObjKind::NativeFunction,
            NONE,
        ),
        (
            |t| &mut t.wrapper_descriptor,
            "wrapper_descriptor",
            ObjKind::NativeFunction,
            NONE,
        ),
        (
            |t| &mut t.method_wrapper,
            "method-wrapper",
            ObjKind::NativeFunction,
            NONE,
        ),
        (|t| &mut t.method, "method", ObjKind::BoundMethod, NONE),
        (|t| &mut t.cell, "cell", ObjKind::Cell, NONE),
        (|t| &mut t.code, "code", ObjKind::Code, NONE),
        (|t| &mut t.frame, "frame", ObjKind::Frame, NONE),
        (
            |t| &mut t.module,
            "module",
            ObjKind::Module,
            BASE.union(TypeFlags::HAS_DICT),
        ),
        (|t| &mut t.none, "NoneType", ObjKind::Object, NONE),
        (
            |t| &mut t.not_implemented,
            "NotImplementedType",
            ObjKind::Object,
            NONE,
        ),
        (|t| &mut t.ellipsis, "ellipsis", ObjKind::Object, NONE),
        (|t| &mut t.generator, "generator", ObjKind::Generator, NONE),
        (|t| &mut t.coroutine, "coroutine", ObjKind::Generator, NONE),
        (
            |t| &mut t.async_generator,
            "async_generator",
            ObjKind::Generator,
            NONE,
        ),
        (
            |t| &mut t.coroutine_wrapper,
            "coroutine_wrapper",
            ObjKind::Iterator,
            NONE,
        ),
        (
            |t| &mut t.async_gen_wrapped,
            "async_generator_wrapped_value",
            ObjKind::Iterator,
            NONE,
        ),
        (
            |t| &mut t.async_gen_asend,
            "async_generator_asend",
            ObjKind::Iterator,
            NONE,
        ),
        (
            |t| &mut t.async_gen_athrow,
            "async_generator_athrow",
            ObjKind::Iterator,
            NONE,
        ),
        (|t| &mut t.property, "property", ObjKind::Property, BASE),
        (
            |t| &mut t.classmethod,
            "classmethod",
            ObjKind::ClassMethod,
            BASE.union(TypeFlags::HAS_DICT),
        ),
        (
            |t| &mut t.staticmethod,
            "staticmethod",
            ObjKind::StaticMethod,
            BASE.union(TypeFlags::HAS_DICT),
        ),
        (|t| &mut t.super_, "super", ObjKind::Super, BASE),
        (|t| &mut t.traceback, "traceback", ObjKind::Traceback, NONE),
        (
            |t| &mut t.attr_store,
            "attr_store",
            ObjKind::AttrStore,
            NONE,
        ),
        (|t| &mut t.map, "attr_map", ObjKind::Map, NONE),
        (
            |t| &mut t.member_descriptor,
            "member_descriptor",
            ObjKind::MemberDescr,
            NONE,
        ),
        (
            |t| &mut t.getset_descriptor,
            "getset_descriptor",
            ObjKind::Property,
            NONE,
        ),
        (
            |t| &mut t.mappingproxy,
            "mappingproxy",
            ObjKind::MappingProxy,
            TypeFlags::MAPPING,
        ),
        (|t| &mut t.dict_keys, "dict_keys", ObjKind::DictView, NONE),
        (
            |t| &mut t.dict_values,
            "dict_values",
            ObjKind::DictView,
            NONE,
        ),
        (|t| &mut t.dict_items, "dict_items", ObjKind::DictView, NONE),
        (
            |t| &mut t.dict_keyiterator,
            "dict_keyiterator",
            ObjKind::Iterator,
            NONE,
        ),
        (
            |t| &mut t.dict_valueiterator,
            "dict_valueiterator",
            ObjKind::Iterator,
            NONE,
        ),
        (
            |t| &mut t.dict_itemiterator,
            "dict_itemiterator",
            ObjKind::Iterator,
            NONE,
        ),
        (
            |t| &mut t.list_iterator,
            "list_iterator",
            ObjKind::Iterator,
            NONE,
        ),
        (
            |t| &mut t.list_reverseiterator,
            "list_reverseiterator",
            ObjKind::Iterator,
            NONE,
        ),
        (
            |t| &mut t.tuple_iterator,
            "tuple_iterator",
            ObjKind::Iterator,
            NONE,
        ),
        (
            |t| &mut t.str_iterator,
            "str_ascii_iterator",
            ObjKind::Iterator,
            NONE,
        ),
        (
            |t| &mut t.bytes_iterator,
            "bytes_iterator",
            ObjKind::Iterator,
            NONE,
        ),
        (
            |t| &mut t.range_iterator,
            "range_iterator",
            ObjKind::Iterator,
            NONE,
        ),
        (
            |t| &mut t.set_iterator,
            "set_iterator",
            ObjKind::Iterator,
            NONE,
        ),
        (
            |t| &mut t.callable_iterator,
            "callable_iterator",
            ObjKind::Iterator,
            NONE,
        ),
        (|t| &mut t.seq_iterator, "iterator", ObjKind::Iterator, NONE),
        (|t| &mut t.enumerate, "enumerate", ObjKind::Iterator, BASE),
        (|t| &mut t.zip, "zip", ObjKind::Iterator, BASE),
        (|t| &mut t.map_, "map", ObjKind::Iterator, BASE),
        (|t| &mut t.filter, "filter", ObjKind::Iterator, BASE),
        (|t| &mut t.reversed, "reversed", ObjKind::Iterator, BASE),
        (
            |t| &mut t.simple_namespace,
            "SimpleNamespace",
            ObjKind::Object,
            BASE.union(TypeFlags::HAS_DICT),
        ),
        (
            |t| &mut t.native_data,
            "native_data",
            ObjKind::NativeData,
            NONE,
        ),
        (
            |t| &mut t.std_stream,
            "TextIOWrapper",
            ObjKind::StdStream,
            NONE,
        ),
    ];
    for (field, name, layout, flags) in table {
        let ty = new_static_type(vm, name, object, *layout, *flags);
        *field(&mut vm.types) = ty;
    }
    // bool subclasses int.
    vm.types.bool_ = new_static_type(vm, "bool", vm.types.int, ObjKind::Int, NONE);
    vm.empty_map = instance::new_empty_map(vm);
    methods::install(vm);
}
