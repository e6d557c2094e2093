"""The private Textual APIs nntui overrides still exist as it uses them: a Textual upgrade fails here first, loudly.

LeanCompositor (leanscreen.py) overrides `Compositor._get_renders(crop)` and
`Compositor.render_partial_update()`, reading `visible_widgets` and
`_dirty_regions`, and hands `_render_chops` (region, clip, strips) triples;
ErrorGuard (guard.py) overrides
`App._handle_exception(error)` and reads `textual._context.active_message_pump`
and `App._close_messages_no_wait`; the status bar relies on `Widget.BLANK`.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version

import textual._context
from textual._compositor import Compositor
from textual.app import App
from textual.widget import Widget

from nntui.tui.guard import ErrorGuard
from nntui.tui.leanscreen import LeanCompositor


def test_textual_is_the_pinned_version():
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    [pin] = [d for d in pyproject["project"]["dependencies"] if d.startswith("textual==")]
    assert pin == f"textual=={version('textual')}"


def test_the_compositor_internals_leanscreen_overrides_are_there():
    assert isinstance(inspect.getattr_static(Compositor, "visible_widgets"), property)
    assert list(inspect.signature(Compositor._get_renders).parameters) == ["self", "crop"]
    assert inspect.isgeneratorfunction(Compositor._get_renders)
    assert LeanCompositor._get_renders is not Compositor._get_renders
    assert list(inspect.signature(Compositor.render_partial_update).parameters) == ["self"]
    assert isinstance(Compositor()._dirty_regions, set)
    source = inspect.getsource(Compositor._render_chops)
    assert "for region, clip, strips in renders" in source and "intersection(region, clip)" in source


def test_the_app_internals_the_error_guard_uses_are_there():
    assert list(inspect.signature(App._handle_exception).parameters) == ["self", "error"]
    assert callable(App._close_messages_no_wait)
    assert hasattr(textual._context, "active_message_pump")
    assert ErrorGuard._handle_exception is not App._handle_exception
    assert Widget.BLANK is False  # a class flag: True renders blank lines without the styles cache
