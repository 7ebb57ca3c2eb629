# memoryview.cast: formats, sizes, errors; re needs it for big character sets.
b = bytes(range(16))
m = memoryview(b).cast('I')
print(m.format, m.itemsize, len(m), m.nbytes, m.tolist(), m[1], m[-1], m[1:3].tolist(), m.shape, m.strides)
print(memoryview(b).cast('h').tolist()[:3], memoryview(b).cast('d').itemsize, memoryview(b).cast('c')[2])
try: memoryview(b[:15]).cast('I')
except TypeError as e: print(e)
try: memoryview(b).cast('I').cast('H')
except TypeError as e: print(e)
try: memoryview(b).cast('xx')
except ValueError as e: print(e)
print(m.cast('B').tolist()[:4], bytes(m)[:4], m.tobytes() == b)
import re
print(re.compile(r'[\u0400-\u04ff\u4e00-\u9fff]+', re.I).findall("abc Привет 你好 x"))
