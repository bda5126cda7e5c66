"""`python -m liptwitch_desktop` and the `liptwitch` entry point."""

from __future__ import annotations

import gc
import sys


def main() -> int:
    # Start-up allocates a great deal and frees little, so cyclic collections then are
    # wasted work (~6 ms before the first paint). The GUI turns collection back on after its
    # first paint, a headless command before it starts (see cli.main).
    gc.disable()
    from .cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
