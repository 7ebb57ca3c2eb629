# Imported from gc_at_import's body: an import inside an import also collects.
import gc
import weakref


class Cell:
    pass


def churn():
    c = Cell()
    c.me = [c]
    return weakref.ref(c)


refs = [churn() for _ in range(20)]
gc.collect()
SUB_DEAD = sum(r() is None for r in refs)
