# -*- coding: latin-1 -*-
# A latin-1 source file (PEP 263): its non-ASCII bytes decode by the cookie.
s = "café ½ ÿ"
print(s, len(s), [hex(ord(c)) for c in s])
