# The filter actions of the native _warnings: default, once, module, always, ignore, error,
# and the per-module registry with its version invalidation.
import sys
import warnings

sys.stderr = sys.stdout  # show warnings on stdout (the runner compares stdout)


def emit(msg, cat=UserWarning):
    warnings.warn(msg, cat)


def registry_keys():
    return sorted((k for k in __warningregistry__ if k != "version"), key=repr)


for action in ["default", "once", "module", "always", "ignore"]:
    print("--", action)
    warnings.resetwarnings()
    warnings.simplefilter(action)
    for i in range(2):
        emit("same message")
        emit("same message")  # second call site: another line
    emit("other message")
    print("registry:", len(registry_keys()))

print("-- error")
warnings.resetwarnings()
warnings.simplefilter("error", UserWarning)
try:
    emit("fatal")
except UserWarning as e:
    print("raised", type(e).__name__, e.args)
try:
    warnings.warn(RuntimeWarning("instance"))
    print("no error for RuntimeWarning")
except Exception as e:
    print("unexpected", e)

print("-- message and module patterns")
warnings.resetwarnings()
warnings.filterwarnings("ignore", message="skip")
warnings.filterwarnings("error", message="boom", category=RuntimeWarning)
warnings.filterwarnings("always", module="__main__")
emit("skip this one")
emit("keep this one")
try:
    emit("boom here", RuntimeWarning)
except RuntimeWarning as e:
    print("error", e)
emit("boom but UserWarning")

print("-- lineno filter")
warnings.resetwarnings()
warnings.filterwarnings("ignore", lineno=10)
warnings.warn_explicit("at ten", UserWarning, "f.py", 10)
warnings.warn_explicit("at eleven", UserWarning, "f.py", 11)

print("-- registry version")
warnings.resetwarnings()
reg = {}
warnings.warn_explicit("r", UserWarning, "g.py", 1, registry=reg)
warnings.warn_explicit("r", UserWarning, "g.py", 1, registry=reg)
print(sorted(k for k in reg if k != "version"))
warnings.simplefilter("default")  # mutating the filters invalidates registries
warnings.warn_explicit("r", UserWarning, "g.py", 1, registry=reg)

print("-- once registry")
warnings.resetwarnings()
warnings.simplefilter("once")
warnings.warn_explicit("o", UserWarning, "a.py", 1)
warnings.warn_explicit("o", UserWarning, "b.py", 2)
print(sorted(k for k in warnings.onceregistry if k != "version"))
print("done")
