"""Writes crates/fp_vm/src/modules/cjk/jisx0213.bin: JIS X 0213:2004's mapping to Unicode,
for the euc_jis_2004 / shift_jis_2004 / iso2022_jp_2004 codecs.

The data comes from the C library's EUC-JISX0213 converter (glibc's iconv), run on every
two-byte (plane 1) and three-byte (0x8F, plane 2) EUC code. Two adjustments:
- plane 2 holds rows 1, 3, 4, 5, 8, 12-15 and 78-94, and its row 94 ends at cell 86
  (2,436 characters); glibc also maps codes outside these, which the standard leaves
  unassigned (the codecs decode those rows of 0x8F codes as JIS X 0212);
- 1-2-54 and 1-2-55 map to U+2985 and U+2986 (WHITE PARENTHESIS), the standard's own
  mapping, where glibc's table has the fullwidth forms.

Format: for plane 1 then plane 2, rows 1-94, cells 1-94, one little-endian u32 each: 0 when
unassigned, a code point, or 0x110000 + i for the i-th pair of code points (a base letter
and a combining mark) listed after the grid, two u32 each.

Run: python3 tools/gen_jisx0213.py (needs the iconv program of glibc).
"""
import struct
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "crates/fp_vm/src/modules/cjk/jisx0213.bin"
PLANE2_ROWS = {1, 3, 4, 5, 8, 12, 13, 14, 15} | set(range(78, 95))
OVERRIDES = {(1, 2, 54): "\u2985", (1, 2, 55): "\u2986"}


def euc(plane, row, cell):
    b = bytes([row + 0xA0, cell + 0xA0])
    return b if plane == 1 else b"\x8f" + b


def main():
    cells = [(p, r, c) for p in (1, 2) for r in range(1, 95) for c in range(1, 95)]
    data = b"\n".join(euc(*k) for k in cells) + b"\n"
    out = subprocess.run(
        ["iconv", "-c", "-f", "EUC-JISX0213", "-t", "UTF-8"],
        input=data,
        capture_output=True,
        check=False,
    ).stdout.decode("utf-8")
    lines = out.split("\n")
    if len(lines) != len(cells) + 1:
        sys.exit(f"iconv output has {len(lines)} lines, expected {len(cells) + 1}")
    grid, pairs = [], []
    for (p, r, c), text in zip(cells, lines):
        text = OVERRIDES.get((p, r, c), text)
        if p == 2 and (r not in PLANE2_ROWS or (r == 94 and c > 86)):
            text = ""
        if len(text) == 0:
            grid.append(0)
        elif len(text) == 1:
            grid.append(ord(text))
        elif len(text) == 2:
            grid.append(0x110000 + len(pairs))
            pairs.append((ord(text[0]), ord(text[1])))
        else:
            sys.exit(f"unexpected mapping {p}-{r}-{c}: {text!r}")
    blob = struct.pack(f"<{len(grid)}I", *grid)
    blob += b"".join(struct.pack("<II", a, b) for a, b in pairs)
    OUT.write_bytes(blob)
    n = sum(1 for g in grid if g)
    print(f"{OUT}: {n} characters, {len(pairs)} pairs")


if __name__ == "__main__":
    main()
