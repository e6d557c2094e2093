"""RunConfig: everything that defines a run, and the one place defaults live.

The CLI builds a RunConfig from flags; the headless trainer and the TUI both
take it. Options left unset (None) are filled from the dataset's preset by
`resolve`, so `nntui train --dataset mnist` gets the classic 784-128-64-10
SimpleNet and `nntui` alone gets a small ReLU net on the spiral.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from nntui.nn.activations import ACTIVATIONS as ACTIVATION_FUNCTIONS

ACTIVATIONS = tuple(ACTIVATION_FUNCTIONS)  # the names, in the engine's order
OPTIMIZERS = ("sgd", "momentum", "adam")
DEFAULT_DATASET = "spiral"
# The most hidden layers a run can be changed to in the app: the Network pane still draws every layer
# with its edges at the smallest terminal the app runs in (60 columns; tests/tui check it).
MAX_HIDDEN_LAYERS = 8


def parse_sizes(text: str) -> tuple[int, ...]:
    """'8,8' → (8, 8); '' or 'none' → () (no hidden layer); ValueError with one sentence otherwise."""
    text = text.strip()
    if text.lower() in ("", "none"):
        return ()
    try:
        sizes = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise ValueError(f"hidden takes comma-separated layer sizes like 128,64 (got {text!r})") from None
    if min(sizes) < 1:
        raise ValueError(f"hidden sizes must be ≥ 1; '' means no hidden layer (got {text!r})")
    return sizes


# Frames a second the app shows while training. Each one costs the UI thread a
# status-line update (about 2 ms with taking the frame in, on MNIST), and under
# the GIL the trainer loses about twice the UI thread's time: 5 keeps the status
# line live (the panes redraw every 1-4 s anyway) at half the cost of 10 (the
# README's SSH section measures it). Key answers do not wait for it.
DEFAULT_FPS = 5.0


@dataclass(frozen=True)
class Preset:
    """Model and optimizer defaults that suit one dataset."""

    hidden: tuple[int, ...]
    activation: str = "relu"
    optimizer: str = "adam"
    lr: float = 0.01
    batch_size: int = 16
    epochs: int = 100
    lr_decay: float = 1.0  # the learning rate is multiplied by this after every epoch
    speed: float = 200.0  # most steps per second in the app (0: as fast as it goes), so toy runs stay watchable


# One preset per built-in dataset; CSV data and unknown names use GENERIC.
PRESETS: dict[str, Preset] = {
    "weather": Preset(hidden=(), activation="sigmoid", optimizer="sgd", lr=0.5, batch_size=8, epochs=30),
    "xor": Preset(hidden=(4,), activation="tanh", optimizer="adam", lr=0.05, batch_size=8, epochs=100),
    "circles": Preset(hidden=(8, 8), activation="relu", optimizer="adam", lr=0.02, batch_size=16, epochs=100),
    "gaussians": Preset(hidden=(4,), activation="relu", optimizer="adam", lr=0.02, batch_size=16, epochs=30),
    "moons": Preset(hidden=(8, 8), activation="relu", optimizer="adam", lr=0.02, batch_size=16, epochs=100),
    "spiral": Preset(hidden=(16, 16), activation="relu", optimizer="adam", lr=0.01, batch_size=16, epochs=300),
    "sine": Preset(hidden=(16,), activation="relu", optimizer="adam", lr=0.01, batch_size=16, epochs=300),
    "digits": Preset(hidden=(128, 64), activation="relu", optimizer="momentum", lr=0.05, batch_size=64, epochs=5, lr_decay=0.5, speed=0.0),
    "mnist": Preset(hidden=(128, 64), activation="relu", optimizer="momentum", lr=0.05, batch_size=64, epochs=3, lr_decay=0.3, speed=0.0),
    "fashion-mnist": Preset(hidden=(128, 64), activation="relu", optimizer="momentum", lr=0.05, batch_size=64, epochs=5, lr_decay=0.5, speed=0.0),
}
GENERIC = Preset(hidden=(16,), activation="relu", optimizer="adam", lr=0.01, batch_size=32, epochs=50, speed=0.0)


@dataclass(frozen=True)
class RunConfig:
    """One run: data, model, optimizer, schedule, files. None means "from the preset"."""

    dataset: str = DEFAULT_DATASET
    data_file: str | None = None  # a CSV of the user's own (--data)
    target: str | None = None  # CSV target column, name or index
    task: str | None = None  # override CSV task detection: classification | regression
    data_dir: str | None = None
    noise: float | None = None
    test_split: float | None = None
    hidden: tuple[int, ...] | None = None
    activation: str | None = None
    init: str | None = None  # weight init scheme (nn/init.py: he, xavier, zeros, normal:σ); None: per activation
    optimizer: str | None = None
    lr: float | None = None
    lr_decay: float | None = None
    momentum: float = 0.9
    l1: float = 0.0
    l2: float = 0.0
    batch_size: int | None = None
    epochs: int | None = None
    steps: int | None = None  # stop after this many optimizer steps
    seed: int = 0
    shuffle: bool = True
    sort_by_class: bool = False  # without shuffling: the training samples one class after another
    dtype: str = "float32"
    init_from: str | None = None
    checkpoint_out: str | None = None
    metrics_out: str | None = None
    fps: float = DEFAULT_FPS
    speed: float | None = None  # app only: most steps per second; None = the preset's, 0 = unlimited
    low_bandwidth: bool = False

    @property
    def preset(self) -> Preset:
        return GENERIC if self.data_file else PRESETS.get(self.dataset, GENERIC)

    def resolve(self) -> RunConfig:
        """Return a copy with every preset-backed option filled in."""
        p = self.preset
        return replace(
            self,
            hidden=p.hidden if self.hidden is None else tuple(self.hidden),
            activation=self.activation or p.activation,
            optimizer=self.optimizer or p.optimizer,
            lr=p.lr if self.lr is None else self.lr,
            lr_decay=p.lr_decay if self.lr_decay is None else self.lr_decay,
            batch_size=self.batch_size or p.batch_size,
            epochs=p.epochs if self.epochs is None else self.epochs,
            speed=p.speed if self.speed is None else self.speed,
        )

    @property
    def data_label(self) -> str:
        """What the status line calls the data: the dataset name or the CSV file name."""
        if self.data_file:
            from pathlib import Path

            return Path(self.data_file).name
        return self.dataset

    def to_dict(self) -> dict:
        """Plain JSON-able dict (for checkpoints and session files)."""
        out = {}
        for f in fields(self):
            v = getattr(self, f.name)
            out[f.name] = list(v) if isinstance(v, tuple) else v
        return out

    @classmethod
    def from_dict(cls, d: dict) -> RunConfig:
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in known}
        if kw.get("hidden") is not None:
            kw["hidden"] = tuple(int(h) for h in kw["hidden"])
        return cls(**kw)
