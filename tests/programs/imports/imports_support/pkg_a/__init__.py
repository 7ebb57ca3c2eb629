from . import sub
VALUE = sub.X + 1
from .sub import helper
