# ISO-2022-JP-1/2 and EUC-JP: JIS X 0212, KS X 1001 and GB2312 designations, G2 single shifts.
for enc in ['iso2022_jp', 'iso2022_jp_1', 'iso2022_jp_2', 'iso2022_jp_ext', 'euc_jp']:
    for s in ['é', '\xad', 'Ω', 'ß', '¡', 'aé中', 'Ωα']:
        try:
            b = s.encode(enc)
            print(enc, ascii(s), b, b.decode(enc) == s)
        except UnicodeEncodeError as e:
            print(enc, ascii(s), 'error', e.start)
print(b'\x1b.F\x1bNa'.decode('iso2022_jp_2'), b'\x1b.A\x1bNi\x1bN!'.decode('iso2022_jp_2'))
print(b'\x1b(B:hu4:unit\x1b.A\x1bNi de famille'.decode('iso2022-jp-2'))
print(b'\x1b$(D+1'.decode('iso2022_jp_1'), b'\x8f\xab\xb1'.decode('euc_jp'))
