# How warnings are shown: showwarning and _showwarnmsg overrides, WarningMessage fields,
# source= (ResourceWarning's tracemalloc hint), formatwarning, the source line.
import sys
import warnings

sys.stderr = sys.stdout
warnings.simplefilter("always")

warnings.warn("plain")  # shows this line below the message

saved = warnings.showwarning


def show(message, category, filename, lineno, file=None, line=None):
    print("showwarning:", repr(message), category.__name__, lineno, file, line)


warnings.showwarning = show
warnings.warn("through showwarning")
warnings.showwarning = saved

saved_msg = warnings._showwarnmsg


def showmsg(msg):
    print("_showwarnmsg:", type(msg).__name__, msg.message, msg.category.__name__,
          msg.lineno, msg.file, msg.line, msg.source)


warnings._showwarnmsg = showmsg


class Thing:
    def __repr__(self):
        return "<Thing>"


warnings.warn("with source", ResourceWarning, source=Thing())
warnings.warn_explicit("explicit", UserWarning, "mod.py", 7, source=Thing())
warnings._showwarnmsg = saved_msg

warnings.warn("with source shown", ResourceWarning, source=Thing())

print("formatwarning:", repr(warnings.formatwarning("m", UserWarning, "f.py", 3, "  code  ")))


class Loader:
    def get_source(self, name):
        return "first line\n    second line\nthird\n"


warnings.warn_explicit("from loader", UserWarning, "virtual.py", 2,
                       module_globals={"__loader__": Loader(), "__name__": "virt"})

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.warn("recorded", DeprecationWarning)
    warnings.warn(UserWarning("instance", 2))
for w in log:
    print("recorded:", w.message.args, w.category.__name__, w.lineno)

warnings.showwarning = 23
try:
    warnings.warn("not callable")
except TypeError as e:
    print("TypeError:", e)
warnings.showwarning = saved
print("done")
