"""Pygame front end: draws and reads input, holds no game rules.

Every module here imports pygame, so this package imports it first, without setuptools'
`pkg_resources`. pygame's `__init__` imports `pygame.pkgdata` only so that packagers see it,
and `pkgdata` imports `pkg_resources` only to look up pygame's own files (the default font,
the window icon), which it finds by plain path when that import fails. Importing
`pkg_resources` scans every installed distribution: measured with `kdrama-quiz bench`, it
was two thirds of a bare pygame window's start (about 110 of 170 ms). The block is lifted
at once, so anything else may still import `pkg_resources`.
"""

import sys

if "pygame" not in sys.modules and "pkg_resources" not in sys.modules:
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # its import fails at once
    try:
        import pygame  # noqa: F401
    finally:
        del sys.modules["pkg_resources"]
