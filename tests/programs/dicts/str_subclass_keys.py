# A str subclass with its own __eq__/__hash__ (importlib.metadata's FoldedCase) as a dict or
# set key: lookups must call its __eq__, never compare the raw text.
class Folded(str):
    def __hash__(self):
        return hash(self.lower())

    def __eq__(self, other):
        return self.lower() == other.lower()


keys = set(map(Folded, ['Requires-Dist', 'Classifier']))
print(Folded('REQUIRES-DIST') in keys, Folded('requires-dist') in keys, Folded('x') in keys)
print('requires-dist' in keys, 'Requires-Dist' in keys)
d = {Folded('Requires-Dist'): 1}
print(Folded('REQUIRES-DIST') in d, d.get(Folded('requires-dist')), d.get('requires-dist'))
fs = frozenset(map(Folded, ['Requires-Dist']))
print(Folded('REQUIRES-DIST') in fs)
d2 = {'abc': 1}
print(Folded('ABC') in d2, d2.get(Folded('ABC')))


class Plain(str):
    pass


d3 = {Plain('k'): 1, 'j': 2}
print(d3['k'], Plain('j') in d3, {Plain('a'), 'a'})
