import atexit
import logging
import os
import sys

from .commands.cli import main

code = main()
# The work is done and written: leave without taking the interpreter apart object by object,
# which, with a whole archive in memory, is a visible part of a preview. What is registered to
# run at exit still runs, and every stream is flushed.
atexit._run_exitfuncs()
logging.shutdown()
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
