import sys

from wayfinder.cli import main

sys.exit(main())
