"""Build the site (or run any other command): python build.py [COMMAND] [--root DIR]."""

import sys

from generator.cli import main

if __name__ == "__main__":
    sys.exit(main())
