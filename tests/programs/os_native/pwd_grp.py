import pwd, grp, os

p = pwd.getpwuid(0)
print(p)
print(p.pw_name, p.pw_uid, p.pw_dir, p[0], len(p), type(p).__name__, type(p).__module__)
print(pwd.getpwnam("root") == p)
print(isinstance(p, tuple), pwd.struct_passwd.n_sequence_fields)
for f in [lambda: pwd.getpwuid(99999), lambda: pwd.getpwnam("nosuchuserx"), lambda: pwd.getpwuid(-1),
          lambda: pwd.getpwnam(1), lambda: pwd.getpwnam("a\0b"), lambda: pwd.getpwuid("0"), lambda: pwd.getpwuid(2**40)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
allp = pwd.getpwall()
print(any(e.pw_uid == 0 for e in allp), all(type(e) is pwd.struct_passwd for e in allp))
g = grp.getgrgid(0)
print(g, g.gr_name, g.gr_gid, type(g.gr_mem).__name__)
print(grp.getgrnam("root") == g, grp.getgrnam(name="root").gr_gid)
for f in [lambda: grp.getgrgid(99999), lambda: grp.getgrnam("nosuchgrp"), lambda: grp.getgrgid("x"), lambda: grp.getgrnam(3)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(any(e.gr_gid == 0 for e in grp.getgrall()))
print(pwd.getpwuid(os.getuid()).pw_uid == os.getuid())
