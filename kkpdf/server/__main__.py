"""`python -m kkpdf.server NAME`: the build server at the abstract socket NAME
(started by `kkpdf.server.client.start_server`)."""

import sys

from kkpdf.server.daemon import serve

serve("\0" + sys.argv[1])
