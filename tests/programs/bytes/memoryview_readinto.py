# readinto a cast or n-d memoryview fills its bytes.
import io
buf = bytearray(8)
m = memoryview(buf).cast('I')
print(io.BytesIO(b'abcdefgh').readinto(m), buf)
buf = bytearray(6)
m = memoryview(buf).cast('B', (2, 3))
print(io.BytesIO(b'abcdefgh').readinto(m), buf)
