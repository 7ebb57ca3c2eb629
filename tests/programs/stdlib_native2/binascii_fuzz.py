# Deterministic pseudo-random inputs through binascii's decoders and encoders.
import binascii as b

state = 987


def rnd(n):
    global state
    out = bytearray()
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out.append((state >> 16) & 0xFF)
    return bytes(out)


def res(f):
    try:
        return ascii(f())
    except Exception as e:
        return "%s(%s)" % (type(e).__name__, e)


b64_alpha = b"ABCxyz019+/=\n !"
qp_alpha = b"ab=\r\n\t .3DF_\xff\x00x"
for i in range(60):
    raw = rnd(i % 23)
    d64 = bytes(b64_alpha[x % len(b64_alpha)] for x in raw)
    dqp = bytes(qp_alpha[x % len(qp_alpha)] for x in raw)
    print(i, res(lambda: b.a2b_base64(d64)), res(lambda: b.a2b_base64(d64, strict_mode=True)))
    print(i, res(lambda: b.b2a_qp(dqp)), res(lambda: b.b2a_qp(dqp, True, False, True)),
          res(lambda: b.a2b_qp(dqp)), res(lambda: b.a2b_qp(dqp, header=True)))
    print(i, res(lambda: b.b2a_base64(raw)), res(lambda: b.b2a_uu(raw[:45])),
          res(lambda: b.a2b_uu(bytes(32 + x % 65 for x in raw))), b.crc32(raw), b.crc_hqx(raw, i))
long_line = bytes(rnd(200))
print(b.b2a_qp(long_line))
print(b.b2a_qp(b"x" * 80 + b" \n" + b"y" * 74 + b"=" + b"\r\n"))
print(b.a2b_qp(b.b2a_qp(long_line)) == long_line)
