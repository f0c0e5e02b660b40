"""The build server: `kkpdf build` and `kkpdf check` without the start-up.

Most of a small book's build is the interpreter's start and the imports of
ReportLab, pikepdf, markdown-it and kkpdf itself. A server started once keeps them
imported; for each command it forks a worker, which is the command's own process
from then on: it gets the client's terminal (its standard streams, passed over the
socket), folder, environment and umask, runs the command as `kkpdf.cli.main` would
and answers with the exit status. Every command starts from the same freshly
imported state, so no build sees what another left behind.

- `client`: the `kkpdf` entry point; asks a server, else runs the command here.
- `daemon`: the server's loop.
- `worker`: a forked worker's side of one command.
- `address`: which server a client may use (same user, same code, same settings).
"""
