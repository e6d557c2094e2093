"""nntui: watch a neural network learn in the terminal, and steer it from the keyboard.

The Python API for watching your own run: `nntui.watch`, `nntui.Recorder`,
`nntui.read_run`, `nntui.WatchError`. They load on first use, so
`import nntui` never imports torch.
"""

__version__ = "0.1.0"

_LAZY = {
    "watch": ("nntui.watch", None),  # the package is callable: nntui.watch(model, optimizer, probe=...)
    "Recorder": ("nntui.watch.recorder", "Recorder"),
    "read_run": ("nntui.watch.run", "read_run"),
    "WatchError": ("nntui.watch.errors", "WatchError"),
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'nntui' has no attribute {name!r}")
    import importlib

    module, attr = _LAZY[name]
    value = importlib.import_module(module)
    value = value if attr is None else getattr(value, attr)
    globals()[name] = value
    return value
