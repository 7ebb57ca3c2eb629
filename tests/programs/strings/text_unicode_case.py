# Unicode case rules: final sigma, title case, special casing, case folding and predicates.
words = ["ΣΑΣ", "ΟΔΟΣ.", "Σ", "ΑΣ'Β", "ǆemal ǅ Ǆ", "ﬁne ﬂow ﬃ", "ŉ", "ǰ", "ᾳ ᾲ ᾀ ᾈ", "ß straße ẞ", "İstanbul ı",
         "ა ႠႡ", "Ꭰꭰ", "µ ſ ϐ ϑ", "hello world", "they're bill's", "a1b2 c3", "x\u0345y", "e\u0301a", "123abc", ""]
for w in words:
    print(repr(w), ascii(w.upper()), ascii(w.lower()), ascii(w.title()), ascii(w.capitalize()), ascii(w.swapcase()), ascii(w.casefold()))
    print("  ", w.istitle(), w.isupper(), w.islower(), w.isalpha(), w.isalnum(), w.isprintable(), w.isidentifier())
chars = "0½²٣Ⅻ一〇①\u00b2\u0f33\U0001d7d8\u2155\u3405\u4e94a\u00aa\u02b0\u0300\u0903\u200b\u00a0\u2028\x1c\x85\u3000_\u00b7"
for c in chars:
    print(ascii(c), c.isdecimal(), c.isdigit(), c.isnumeric(), c.isalpha(), c.isalnum(), c.isspace(), c.isprintable(),
          ("a" + c).isidentifier(), c.isidentifier())
print(repr("\u0378\ue000\U000e0001\u00ad\u061c\u2066\ufeff\U0001f600\u0301x"))
print([c for c in "aÀ\u0100\u0410\u1e00" if c.upper() != c.lower()])
