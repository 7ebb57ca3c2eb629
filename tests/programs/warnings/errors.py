# The errors of the native warn / warn_explicit and of broken filters.
import sys
import warnings

sys.stderr = sys.stdout


def attempt(label, f):
    try:
        f()
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__, e)


attempt("int category", lambda: warnings.warn("x", 5))
attempt("class category", lambda: warnings.warn("x", str))
attempt("bad stacklevel", lambda: warnings.warn("x", UserWarning, "1"))
attempt("bad filename", lambda: warnings.warn_explicit("x", UserWarning, 3, 1))
attempt("bad lineno", lambda: warnings.warn_explicit("x", UserWarning, "f", "1"))
attempt("bad registry", lambda: warnings.warn_explicit("x", UserWarning, "f", 1, registry=[]))
attempt("bad globals", lambda: warnings.warn_explicit("x", UserWarning, "f", 1, module_globals=[]))
attempt("module None", lambda: warnings.warn_explicit("x", UserWarning, "f", 1, module=None))

saved = warnings.filters[:]
warnings.filters[:] = [("bogus", None, Warning, None, 0)]
attempt("unknown action", lambda: warnings.warn("x"))
warnings.filters[:] = ["not a tuple"]
attempt("not a 5-tuple", lambda: warnings.warn("x"))
warnings.filters[:] = [(1, None, Warning, None, 0)]
attempt("action type", lambda: warnings.warn("x"))
warnings.filters[:] = saved
warnings._filters_mutated()

saved_default = warnings.defaultaction
warnings.resetwarnings()
warnings.defaultaction = 5
attempt("defaultaction type", lambda: warnings.warn("x"))
warnings.defaultaction = "error"
attempt("defaultaction error", lambda: warnings.warn("x"))
warnings.defaultaction = saved_default

saved_once = warnings.onceregistry
warnings.onceregistry = 5
warnings.simplefilter("once")
attempt("onceregistry type", lambda: warnings.warn_explicit("x", UserWarning, "f", 1))
warnings.onceregistry = saved_once
saved_filters = warnings.filters
warnings.filters = 5
attempt("filters type", lambda: warnings.warn("x"))
warnings.filters = saved_filters
print("done")
