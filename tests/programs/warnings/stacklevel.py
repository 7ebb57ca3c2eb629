# stacklevel: which frame a warning is attributed to (file, line, module, registry).
import sys
import warnings

sys.stderr = sys.stdout
warnings.simplefilter("always")


def where(level):
    with warnings.catch_warnings(record=True) as log:
        warnings.simplefilter("always")
        warnings.warn("w", stacklevel=level)
    w = log[0]
    return w.filename.rsplit("/", 1)[-1], w.lineno


def outer(level):
    return inner(level)


def inner(level):
    return where(level)


for level in [-3, 0, 1, 2, 3, 4, 50]:
    print(level, outer(level))

ns = {"__name__": "fake_module"}
exec("import warnings\ndef f():\n    warnings.warn('from exec', UserWarning)\n", ns)
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    ns["f"]()
print(log[0].filename, log[0].lineno, str(log[0].message))
print("__warningregistry__" in ns)

with warnings.catch_warnings(record=True) as log:
    warnings.resetwarnings()
    warnings.filterwarnings("error", module="fake_module")
    try:
        ns["f"]()
    except UserWarning as e:
        print("module filter matched:", e)

nameless = {}
exec("import warnings\nwarnings.warn('nameless')", nameless)
print(sorted(k for k in nameless["__warningregistry__"] if k != "version"))
print("done")
