# Imported by imports/collect_during_import.py: collects while its module body runs.
import gc
import weakref


class Node:
    pass


def churn():
    n = Node()
    n.self = n
    return weakref.ref(n)


refs = [churn() for _ in range(50)]
gc.collect()
DEAD_AT_IMPORT = sum(r() is None for r in refs)

from gc_at_import_sub import SUB_DEAD
