# posix._path_normpath (the core of posixpath.normpath).
import posix
cases = ["", "a//b/../c/.", "/../x", "//a", "///a", "a/..", "./", "../../a/b/..", "a/./b/", "\x00", "/", "//", "///", ".", "..", "../..", "a/b/c/../../..", "a/b/c/../../../..", "/a/b/../../..", "//a/../..", "é/./ü//", "a/../../b"]
for p in cases:
    print(repr(p), repr(posix._path_normpath(p)))
for bad in [b"a", 5, None]:
    try:
        posix._path_normpath(bad)
    except TypeError as e:
        print(e)
