# traceback.tb_next is assignable; loops and bad types are refused.
import sys
def f(): 1/0
try:
    f()
except ZeroDivisionError as e:
    tb = e.__traceback__
    print(tb.tb_next is not None, tb.tb_next.tb_frame.f_code.co_name)
    tb.tb_next = None
    print(tb.tb_next)
    try:
        tb.tb_next = tb
    except ValueError as x:
        print(x)
    try:
        tb.tb_next = 5
    except TypeError as x:
        print(x)
