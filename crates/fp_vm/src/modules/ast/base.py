# The base class of the native `_ast` module and the creation of every node class from the
# generated table (nodes_table.py, run just before this file in the same namespace).


class AST:
    _fields = ()
    _attributes = ()
    __match_args__ = ()
    __module__ = 'ast'
    __doc__ = None

    def __init__(self, *args, **kwargs):
        cls = type(self)
        fields = getattr(cls, '_fields', ())
        if len(args) > len(fields):
            n = len(fields)
            raise TypeError(f"{cls.__name__} constructor takes at most "
                            f"{n} positional argument{'' if n == 1 else 's'}")
        for name, value in zip(fields, args):
            setattr(self, name, value)
        for name, value in kwargs.items():
            if name in fields[:len(args)]:
                raise TypeError(f"{cls.__name__} got multiple values for argument '{name}'")
            setattr(self, name, value)

    def __reduce__(self):
        return type(self), (), getattr(self, '__dict__', {})


def _make_classes(table, ns):
    for name, base, fields, attributes, optional, doc in table:
        body = {'_fields': fields, '__match_args__': fields, '__module__': 'ast', '__doc__': doc}
        if attributes is not None:
            body['_attributes'] = attributes
        for o in optional:
            body[o] = None
        ns[name] = type(name, (ns[base],), body)


_make_classes(NODES, globals())
del _make_classes, NODES

PyCF_ONLY_AST = 1024
PyCF_TYPE_COMMENTS = 4096
PyCF_ALLOW_TOP_LEVEL_AWAIT = 8192
