"""A user's own run watched by nntui: the run log format, the framework-free Recorder, the torch adapter, control.

Nothing here imports torch except the torch_* modules, loaded on the first
call of `nntui.watch(...)`. This package is itself that callable: the
function and the package share the name `nntui.watch`, so the package's
module object forwards a call to `torch_watch.watch`.
"""

from __future__ import annotations

import sys
import types


class _CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs):
        from nntui.watch.torch_watch import watch

        return watch(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
