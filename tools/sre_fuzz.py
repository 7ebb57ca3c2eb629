"""Random pattern/subject differential cases for _sre: python3.11 tools/sre_fuzz.py SEED N OUT_BODY.py
(then tools/gen_sre_tests.py OUT_BODY.py PROGRAM.py)."""
import random, re, sys
seed = int(sys.argv[1]); n = int(sys.argv[2])
random.seed(seed)
def atom(d):
    r = random.random()
    if d > 3 or r < 0.35:
        return random.choice(['a', 'b', 'c', '.', '[ab]', '[^a]', r'\w', r'\b', '^', '$', 'ab', r'\d', '(?i:A)'])
    if r < 0.5:
        return '(' + alt(d + 1) + ')'
    if r < 0.6:
        return '(?:' + alt(d + 1) + ')'
    if r < 0.65:
        return '(?>' + alt(d + 1) + ')'
    if r < 0.7:
        return '(?=' + alt(d + 1) + ')'
    if r < 0.75:
        return '(?!' + alt(d + 1) + ')'
    if r < 0.8:
        return random.choice(['(?<=a)', '(?<!b)', '(?<=ab)', '(?<!a.)'])
    if r < 0.88:
        return random.choice([r'\1', r'\2', '(?(1)a|b)', '(?(2)b)'])
    return '(?P<n%d>' % random.randint(0, 9) + alt(d + 1) + ')'
def piece(d):
    a = atom(d)
    if random.random() < 0.45:
        a += random.choice(['*', '+', '?', '{2}', '{1,3}', '{0,2}', '{2,}']) + random.choice(['', '', '?', '+'])
    return a
def seq(d):
    return ''.join(piece(d) for _ in range(random.randint(1, 3)))
def alt(d):
    return '|'.join(seq(d) for _ in range(random.choice([1, 1, 1, 2, 3])))
pats = []
while len(pats) < n:
    p = alt(0)
    try:
        re.compile(p)
    except Exception:
        continue
    pats.append(p)
subs = [[''.join(random.choice('abc1 ') for _ in range(random.randint(0, 7))) for _ in range(6)] for p in pats]
out = ['PATS = %r' % pats, 'SUBS = %r' % subs, '''
for p, ss in zip(PATS, SUBS):
    r = rc(p)
    for s in ss:
        m = r.search(s)
        f = r.fullmatch(s)
        print(repr(p), repr(s), m and (m.span(), m.groups(), m.lastindex), f and (f.regs, f.lastindex), r.findall(s), r.sub('-', s), r.split(s))
''']
open(sys.argv[3], 'w').write('\n'.join(out))
