import sys

from kkpdf.cli import main

sys.exit(main())
