import signal

# Until the command sets its own handlers, Ctrl-C ends the process quietly
# instead of printing a KeyboardInterrupt traceback from the middle of an import.
signal.signal(signal.SIGINT, signal.SIG_DFL)

from kkpdf.cli import run  # noqa: E402 - after the handler, on purpose

run()
