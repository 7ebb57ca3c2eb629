# Long subjects and deep backtracking: the engine keeps its backtracking state on the heap.
n = 200000
s = 'ab' * n
print(len(rc(r'(?:a|b)*').match(s).group()))
print(rc(r'(ab)*').match(s).span(1))
print(rc(r'(?:ab)*?$').match(s).end())
print(len(rc(r'(a|b)*?c').findall(s + 'c')))
print(rc(r'(?:(a)|b)+').fullmatch(s).groups())
print(len(rc(r'\w+').findall(('word ' * 50000))))
print(len(rc(r'[a-z]+ing\b').findall('sing bring thing ' * 20000)))
print(rc(r'x').search('a' * 500000 + 'x').span())
print(rc(r'needle').search('hay' * 200000 + 'needle').span())
print(rc(r'(?i)NeEdLe').search('hay' * 100000 + 'needle').span())
print(len(rc(r'\d+').sub('#', 'a1b22c333 ' * 20000)))
print(len(rc(r'\s+').split('a  b\tc\n' * 30000)))
print(rc(r'(a+)+b').match('a' * 22 + 'b').span())
t = 'é' * 100000 + 'ü'
print(rc(r'ü').search(t).span(), len(rc(r'é+').match(t).group()))
print(rc(r'(.)(?=.*\1)').search('abcdefghija').group())
print(len(rc(r'(?s).*?x').findall(('y' * 50 + 'x') * 2000)))
