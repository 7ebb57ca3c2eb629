# The base class of the native `_ast` module and the creation of every node class from the
# generated table (nodes_table.py, run just before this file in the same namespace).


class AST:
    _fields = ()
    _attributes = ()
    __match_args__ = ()
    __module__ = 'ast'
    __doc__ = None

    # __new__ and __init__ are native (node_init.rs), installed after the classes exist.

    def __reduce__(self):
        return type(self), (), getattr(self, '__dict__', {})


def _make_classes(table, ns):
    # Classes are made in the order of their base's ASDL text (`expr = BoolOp(...) | ...`),
    # as CPython makes them, so `expr.__subclasses__()` lists them in that order.
    docs = {row[0]: row[5] or '' for row in table}

    def order(row):
        name, base = row[0], row[1]
        if base == 'AST':
            return (0, 0)
        doc = docs.get(base, '')
        for sep in ('= ', '| '):
            i = doc.find(sep + name + '(')
            if i < 0 and doc.endswith(sep + name):
                i = len(doc) - len(name)
            if i < 0:
                i = doc.find(sep + name + '\n')
            if i >= 0:
                return (1, i)
        return (2, 0)

    for name, base, fields, attributes, optional, doc in sorted(table, key=order):
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
