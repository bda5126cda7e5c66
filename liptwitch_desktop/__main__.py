"""`python -m liptwitch_desktop` and the `liptwitch` entry point.

The only module that knows both the command line (`cli`) and the GUI (`app`): a subcommand
runs headless, anything else starts the window.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up allocates a great deal and frees little, so cyclic collections then are
    # wasted work (~6 ms before the first paint). The GUI turns collection back on after its
    # first paint, a headless command before it starts (see cli.run).
    gc.disable()
    from .cli import parse_arguments, run

    args = parse_arguments(argv)
    if getattr(args, "command", None):
        return run(args)
    from .app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
