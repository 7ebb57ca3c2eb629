# sys.exit() and sys.exit(None) both give status 0.
import sys
try:
    sys.exit()
except SystemExit as e:
    print("no-arg code:", e.code, e.args)
print("exiting with None")
sys.exit(None)
