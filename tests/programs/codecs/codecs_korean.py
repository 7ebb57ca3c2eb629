# EUC-KR's 8-byte composed syllables; Johab jamo, symbols and hanja.
import codecs
for b in [b'\xa4\xd4\xa4\xb6\xa4\xd0\xa4\xd4', b'\xa4\xd4\xa4\xb6\xa4\xd0', b'\xa4\xd4\xa4\xb6\xa4\xd0\xa4\xa1', b'\xa4\xd4\xa4\xd0\xa4\xd0\xa4\xd4', b'\xa4\xd4x', b'\xa4\xd4\xa4\xd4\xa4\xd4\xa4\xd4']:
    try:
        print(b, ascii(b.decode('euc_kr')))
    except Exception as e:
        print(b, e)
    print(ascii(b.decode('euc_kr', 'replace')))
d = codecs.getincrementaldecoder('euc_kr')()
print(ascii(d.decode(b'\xa4\xd4\xa4\xb6')), d.getstate(), ascii(d.decode(b'\xa4\xd0\xa4\xd4')))
for ch in '㉯㈀一丁ㄱㄳㅏㅣㅎㆎ\u3164가힣｀\uc4d4\uac02abc':
    for enc in ['johab', 'euc_kr', 'cp949']:
        try:
            b = ch.encode(enc)
            print(ascii(ch), enc, b, b.decode(enc) == ch)
        except Exception as e:
            print(ascii(ch), enc, e)
print(ascii(bytes(range(0x84, 0xd4, 7)).decode('johab', 'replace')))
print(ascii(b''.join(bytes([a, b]) for a in (0xd9, 0xda, 0xe0, 0xf9) for b in (0x31, 0x7e, 0x91, 0xfe, 0x40)).decode('johab', 'replace')))
