"""The run options' defaults are RunConfig's own (one place to change a default)."""

from __future__ import annotations

from dataclasses import fields

from nntui.cli import train
from nntui.config import RunConfig


def test_every_run_option_default_is_the_config_default():
    config_fields = {f.name for f in fields(RunConfig)}
    given = [p for p in train.params if p.name in config_fields and p.show_default]  # the options with a default
    defaults = {p.name: p.default for p in given}
    assert set(defaults) == {"dataset", "momentum", "l1", "l2", "seed", "dtype"}
    assert defaults == {name: getattr(RunConfig(), name) for name in defaults}
