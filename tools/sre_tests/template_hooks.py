# Pattern.sub with a backslash template and Match.expand call into the `re` module
# (re._subx / re._expand in 3.11); a stand-in module in sys.modules shows the protocol.
import sys
calls = []
fake = type(sys)('re')

def _subx(pattern, template):
    calls.append(('subx', pattern.pattern, template))
    if template == '\\lit':
        return 'LIT'
    if template == '\\none':
        return None
    def filter(m):
        return template.replace('\\1', m.group(1))
    return filter

def _expand(pattern, match, template):
    calls.append(('expand', pattern.pattern, match.group(), template))
    return template.replace('\\1', match.group(1))

fake._subx = _subx
fake._expand = _expand
saved = sys.modules.get('re')
sys.modules['re'] = fake
try:
    p = rc(r'(\w)x')
    print(p.sub(r'<\1>', 'axbxc'))
    print(p.subn(r'\lit', 'axbxc'))
    try:
        print(p.sub(r'\none', 'axbxc'))
    except TypeError as e:
        print('TypeError', e)
    print(p.sub('plain', 'axbx'))
    m = p.search('zzqx')
    print(m.expand(r'[\1]'))
    print(calls)
finally:
    if saved is None:
        del sys.modules['re']
    else:
        sys.modules['re'] = saved
