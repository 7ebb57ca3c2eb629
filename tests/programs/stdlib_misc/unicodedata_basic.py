import unicodedata as u

print(u.unidata_version, u.ucd_3_2_0.unidata_version, type(u.ucd_3_2_0).__name__)
chars = "aA1½Ⅻ٣\u0301\u00e9\u1e9b\u0f73\uac00\uac01\ud7a3\u4e00\U00020000\uf900\U0001f600 \t\u200b\u2028€∑（ｱ\u0345\u05d0\u0627\U00017000\U0001b170"
for ch in chars:
    print(hex(ord(ch)), u.name(ch, None), u.category(ch), u.bidirectional(ch), u.combining(ch),
          u.east_asian_width(ch), u.mirrored(ch), repr(u.decomposition(ch)),
          u.decimal(ch, None), u.digit(ch, None), u.numeric(ch, None))
for n in ["LATIN SMALL LETTER A", "latin small letter a", "HANGUL SYLLABLE GAG", "CJK UNIFIED IDEOGRAPH-4E00",
          "SNOWMAN", "GRINNING FACE", "CJK COMPATIBILITY IDEOGRAPH-F900", "CJK UNIFIED IDEOGRAPH-04E00",
          "nushu character-1b170"]:
    print(n, repr(u.lookup(n)))
for bad in ["NOPE", "x" * 300, "TANGUT IDEOGRAPH-17000", "hangul syllable gag", "CJK UNIFIED IDEOGRAPH-4e00"]:
    try:
        u.lookup(bad)
    except KeyError as e:
        print("KeyError", e)
for expr in ["u.name('ab')", "u.name('\\x00')", "u.category(1)", "u.decimal('a')", "u.digit('a')",
             "u.numeric('a')", "u.normalize('X', 'a')", "u.is_normalized('NFC', 1)"]:
    try:
        print(eval(expr))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
samples = ["Café", "e\u0301", "\u1e9b\u0323", "ﬁ", "①", "\uac00\u11a8", "\u1100\u1161\u11a8",
           "Å", "A\u030a", "\u0041\u0328\u0301\u0323", "x\u0323\u0307\u0301", "㎏", "ｶﾞ",
           "\u0f73", "\u0344", "ḳ́", "\u00c5\u0301", "\u03d3", "a\u0301\u0300b\u0316\u0301"]
for s in samples:
    print([ascii(u.normalize(f, s)) for f in ("NFC", "NFD", "NFKC", "NFKD")],
          [u.is_normalized(f, s) for f in ("NFC", "NFD", "NFKC", "NFKD")])
count = 0
for cp in range(0, 0x30000, 7):
    ch = chr(cp)
    if 0xD800 <= cp < 0xE000:
        continue
    for f in ("NFC", "NFD", "NFKC", "NFKD"):
        count += len(u.normalize(f, ch + "\u0301"))
    count += len(u.name(ch, ""))
print(count)
print(u.ucd_3_2_0.category("a"), u.ucd_3_2_0.normalize("NFKC", "ﬁ"))
import unicodedata
print(unicodedata.lookup("LATIN SMALL LETTER SHARP S").upper())
