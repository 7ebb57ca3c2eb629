# NameError suggestion in the traceback's last line.
total_count = 10
def report():
    print("total", total_count)
    print("again", total_cont)
report()
