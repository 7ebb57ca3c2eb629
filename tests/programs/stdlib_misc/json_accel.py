import json
import json.decoder
import json.encoder
import json.scanner
import _json
from collections import OrderedDict
from decimal import Decimal

print(json.decoder.scanstring is _json.scanstring, json.scanner.make_scanner is _json.make_scanner)
print(json.encoder.c_encode_basestring_ascii is _json.encode_basestring_ascii)
s = _json.scanstring
for doc in ['"abc', '"a\\x"', '"a\\u12"', '"a\x01"', '"a\\ud834\\udd1e"', '"\\u00e9\\n\\t\\/\\\\"',
            '"a\\', '"a\\uZZZZ"', '"h\u00e9llo w\u00f6rld" tail', '""']:
    try:
        print(repr(s(doc, 1)))
    except json.JSONDecodeError as e:
        print(type(e).__name__, e, e.pos, e.lineno, e.colno)
print(repr(s('"a\x01"', 1, False)))
try:
    s('"x"', 10)
except ValueError as e:
    print("ValueError", e)
for d in ["[1, 2,]", '{"a" 1}', "[1 2]", "{1:2}", "[", "", "nul", "-", "1.", "[NaN, Infinity, -Infinity]",
          "1e5", "-0", "1E+2", '{"a":1,}', "[1]x", " 01", '  {"k": [1, 2.5, -3e-2, true, false, null, "s"]}  ',
          '{"a": {"b": {"c": []}}, "d": {}}', '"\\u00e9\u00e9"', "12345678901234567890123", "1.5e400",
          '{"x": 1, "x": 2}', '[\n  1,\n  2\n  x]', "\u00e9", '["\u00e9", "\\ud83d\\ude00"]', "-1.25E-3", "[-]"]:
    try:
        print(repr(json.loads(d)))
    except json.JSONDecodeError as e:
        print(type(e).__name__, e)
print(json.loads('{"b": 1, "a": [1.5]}', object_pairs_hook=OrderedDict))
print(json.loads('{"b": 1}', object_hook=lambda d: sorted(d.items())))
print(json.loads('[1.10, 2]', parse_float=Decimal, parse_int=lambda t: "int:" + t))
print(json.loads('[NaN]', parse_constant=lambda c: "const:" + c))
try:
    json.loads('"a\tb"')
except json.JSONDecodeError as e:
    print(e)
print(repr(json.loads('"a\tb"', strict=False)))
for v in ["plain", 'q"uote\\back', "tab\tnl\ncr\r\x00\x1f\x7f", "caf\u00e9 \u4e2d \U0001f600", ""]:
    print(_json.encode_basestring_ascii(v), _json.encode_basestring(v))
try:
    _json.encode_basestring_ascii(1)
except TypeError as e:
    print("TypeError", e)
doc = {"name": "x\u00e9", "list": [1, 2.5, None, True, False, "s"], "nested": {"a": [{}, []]}, "n": -0.0}
text = json.dumps(doc)
print(text, json.dumps(doc, ensure_ascii=False), json.dumps(doc, sort_keys=True, indent=2))
print(json.loads(text) == doc)
sc = json.scanner.make_scanner(json.JSONDecoder())
print(sc('  [1]', 2), sc.strict, sc.parse_float is float)
try:
    sc('x', 0)
except StopIteration as e:
    print("StopIteration", e.value)
big = "[" + ", ".join('{"id": %d, "tags": ["a", "b"], "v": %r}' % (i, i * 0.5) for i in range(2000)) + "]"
print(len(big), sum(item["id"] for item in json.loads(big)))
deep = "[" * 100000 + "]" * 100000
try:
    json.loads(deep)
except RecursionError:
    print("RecursionError")
