from .. import sub as s
from ..sub import X
Y = X * 2
