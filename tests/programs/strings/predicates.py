# isdigit family, isalpha, isalnum, isspace, isidentifier, isprintable, isascii.
tests = ["123", "12.3", "", " ", "abc", "abc123", "Ab", "½", "²", "٣", "Ⅻ", "日本", "é", "\t\n", "a b", "_x1", "1x", "class", "\x00", "~!", "Ⅷ", "𝟘"]
for t in tests:
    print(repr(t), t.isdigit(), t.isdecimal(), t.isnumeric(), t.isalpha(), t.isalnum(), t.isspace(),
          t.isidentifier(), t.isprintable(), t.isascii(), t.islower(), t.isupper(), t.istitle())
