# posix: sysconf/confstr/pathconf tables, statvfs, register_at_fork, getrandom, struct
# sequence details (__match_args__, pickling data).
import posix
import sys

def attempt(f, *args, **kw):
    try:
        print("ok", f(*args, **kw))
    except Exception as e:
        print(type(e).__name__, e)

print(len(posix.sysconf_names), len(posix.confstr_names), len(posix.pathconf_names))
print(sorted(posix.sysconf_names.items())[:10])
print(sorted(posix.pathconf_names.items()))
print(posix.sysconf("SC_PAGE_SIZE") == posix.sysconf(posix.sysconf_names["SC_PAGESIZE"]))
print(posix.sysconf("SC_CLK_TCK"), posix.sysconf("SC_NPROCESSORS_ONLN") >= 1)
print(posix.confstr("CS_PATH"))
print(posix.pathconf("/", "PC_NAME_MAX"), posix.fpathconf(0, "PC_NAME_MAX") > 0)
attempt(posix.sysconf, "nope")
attempt(posix.sysconf, 1.5)
attempt(posix.sysconf, 99999)
attempt(posix.pathconf, "/nonexistent", "PC_NAME_MAX")
v = posix.statvfs("/")
print(type(v).__name__, len(v), v.n_fields, v.f_namemax, v[9] == v.f_namemax, type(v.f_fsid).__name__)
print(posix.fstatvfs(0).f_namemax >= 0)
attempt(posix.statvfs, "/nonexistent")
print(posix.stat_result.__match_args__)
print(posix.statvfs_result.__match_args__)
print(posix.times_result.__match_args__, posix.uname_result.__match_args__, posix.terminal_size.__match_args__)
print(sys.version_info.__match_args__)
match posix.terminal_size((80, 24)):
    case posix.terminal_size(c, l):
        print("matched", c, l)

# register_at_fork
log = []
posix.register_at_fork(before=lambda: log.append("b1"), after_in_parent=lambda: log.append("p1"))
posix.register_at_fork(before=lambda: log.append("b2"), after_in_parent=lambda: log.append("p2"),
                       after_in_child=lambda: posix.write(w, b"child-cb;"))
r, w = posix.pipe()
pid = posix.fork()
if pid == 0:
    posix._exit(0)
posix.waitpid(pid, 0)
posix.close(w)
print(log, posix.read(r, 100))
posix.close(r)
attempt(posix.register_at_fork)
attempt(posix.register_at_fork, before=5)
attempt(posix.register_at_fork, after_in_child=None)
print(len(posix.getrandom(8)), posix.getrandom(0))
attempt(posix.getrandom, -1)
