"""--low-bandwidth's colour choice, made before Textual starts (it reads TEXTUAL_COLOR_SYSTEM once, at import).

A truecolor escape code (`ESC[38;2;226;227;229;48;2;36;47;56m`) is nearly
twice as long as a 256-colour one (`ESC[38;5;254;48;5;237m`), and the panes
snap their shades to the colours the terminal shows, so shades that differ
by less than one of the 256 steps cost no repaint. This module imports no
Textual on purpose.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

TRUECOLOR_TERMS = ("truecolor", "24bit")


def prefer_256_colours(environ: MutableMapping[str, str] = os.environ) -> bool:
    """Ask Textual for 256 colours when the terminal offers truecolor and nobody chose; True if it did."""
    if "TEXTUAL_COLOR_SYSTEM" in environ or environ.get("COLORTERM", "").lower() not in TRUECOLOR_TERMS:
        return False
    environ["TEXTUAL_COLOR_SYSTEM"] = "256"
    return True
