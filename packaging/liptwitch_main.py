"""PyInstaller's entry script: the frozen app starts here, exactly like `liptwitch`."""

import sys

from liptwitch_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
