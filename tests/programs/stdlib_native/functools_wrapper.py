import _functools as f
WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__', '__annotations__')
def update_wrapper(wrapper, wrapped):
    for attr in WRAPPER_ASSIGNMENTS:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            setattr(wrapper, attr, value)
    getattr(wrapper, '__dict__').update(getattr(wrapped, '__dict__', {}))
    wrapper.__wrapped__ = wrapped
    return wrapper
def user(x):
    "doc of user"
    return x * 2
user.extra = 1
w = f._lru_cache_wrapper(user, 128, False, lambda *a: a)
update_wrapper(w, user)
w.cache_parameters = lambda: {'maxsize': 128, 'typed': False}
print(w.__name__, w.__qualname__, w.__doc__, w.__wrapped__ is user, w.extra, w.cache_parameters(), w(3), w(3), w.cache_info())
print(sorted(w.__dict__))
p = f.partial(user, 3)
update_wrapper(p, user)
print(p.__name__, p(), sorted(p.__dict__))
import sys
print(type(w).__name__, type(p).__name__)
