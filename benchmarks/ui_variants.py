"""`nntui` with one of its overrides of Textual's private APIs switched off, for `bench_ui.py --compare`.

    python benchmarks/ui_variants.py VARIANT [nntui options]

- `app`: nntui as it is;
- `no-lean`: the default Screen instead of LeanScreen (tui/leanscreen.py), so
  a partial screen update asks every visible widget for its lines;
- `no-guard`: Textual's own `App._handle_exception` instead of ErrorGuard's
  (tui/guard.py), which logs an unexpected error, saves the run and goes on.

A benchmark tool only: nntui itself has no switch for these.
"""

from __future__ import annotations

import sys


def plain_screen() -> None:
    from textual.app import App

    from nntui.tui.app import NntuiApp

    NntuiApp.get_default_screen = App.get_default_screen


def textual_exceptions() -> None:
    from textual.app import App

    from nntui.tui.guard import ErrorGuard

    ErrorGuard._handle_exception = App._handle_exception


VARIANTS = {"app": lambda: None, "no-lean": plain_screen, "no-guard": textual_exceptions}


if __name__ == "__main__":
    variant, *args = sys.argv[1:]
    VARIANTS[variant]()
    from nntui.cli import main

    main(args)
