# A module body runs while the import statement is in progress: its garbage (cycles here) is
# collected there, by gc.collect() and automatically, as in CPython.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "imports_support"))
import gc_at_import

print(gc_at_import.DEAD_AT_IMPORT, gc_at_import.SUB_DEAD)
from gc_at_import_sub import SUB_DEAD

print(SUB_DEAD)
