"""The nine lessons of `nntui learn`: each a preset run, a short explanation and one thing to try.

A chapter may have variants (e.g. "no hidden layer" / "one hidden layer"),
which the app switches between with a key; each variant is a set of
RunConfig overrides on top of the chapter's own, and may add its own
explanation and thing to try (chapter 9: one failure each). `open_lesson` builds the
run a chapter starts; a chapter with a `fallback` dataset (MNIST → the
offline digits) uses it when its own data cannot be loaded, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from nntui.config import RunConfig

if TYPE_CHECKING:
    from nntui.training.trainer import Trainer

# The run options a chapter decides: `nntui learn` refuses them on the command line.
LESSON_FIELDS = ("dataset", "data_file", "target", "task", "noise", "test_split", "hidden", "activation", "init",
                 "sort_by_class", "init_from")


@dataclass(frozen=True)
class Variant:
    """One of a chapter's runs: its label, its RunConfig overrides, and what the Lesson panel says about it."""

    label: str
    overrides: dict = field(default_factory=dict)
    idea: str = ""  # said after the chapter's idea ("" for none)
    try_this: str = ""  # in place of the chapter's ("" keeps it)
    shows_updates: bool = False  # the Lesson panel shows each layer's update size per step


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    summary: str  # one line, for `nntui learn --list` and the chapter list
    idea: str  # a short explanation, in our words
    try_this: str  # one thing to do with the keys
    overrides: dict
    variants: tuple[Variant, ...] = ()
    start_paused: bool = False
    fallback: str | None = None  # dataset to use when the chapter's own cannot be loaded

    def config(self, variant: int = 0, base: RunConfig | None = None, keep: frozenset[str] = frozenset()) -> RunConfig:
        """The run this chapter (and variant) starts, on top of `base` (the command-line options).

        Fields named in `keep` (options the user gave) stay as `base` has them.
        """
        settings = dict(self.overrides)
        if self.variants:
            settings.update(self.variant_at(variant).overrides)
        return replace(base or RunConfig(), **{k: v for k, v in settings.items() if k not in keep})

    def variant_at(self, variant: int) -> Variant | None:
        """Variant number `variant` (counted round), or None for a chapter without variants."""
        return self.variants[variant % len(self.variants)] if self.variants else None

    def variant_label(self, variant: int) -> str:
        return self.variant_at(variant).label if self.variants else ""


# Chapter 9's variants: one classic failure each (tests/unit/test_lesson_claims.py checks every claim).
MOONS_16_16 = {"dataset": "moons", "hidden": (16, 16), "activation": "relu", "optimizer": "sgd"}
FAILURES: tuple[Variant, ...] = (
    Variant(
        "all-zero weights",
        {"dataset": "circles", "hidden": (8,), "activation": "sigmoid", "init": "zeros", "optimizer": "adam",
         "lr": 0.05},
        "Every weight starts at 0, so every hidden neuron computes the same a, gets the same blame and takes "
        "the same step: they stay identical (the symmetry never breaks). Eight neurons act as one, and one "
        "neuron draws one straight line, which cannot cut the disc out of the ring.",
        "In Weights, every hidden neuron's column is the same; the test accuracy stays far below 100%.",
    ),
    Variant(
        "learning rate 50",
        {**MOONS_16_16, "lr": 50.0},
        "A step is lr times the gradient. At lr 50 the first step throws the weights far past the valley: "
        "the loss explodes, and the next update would be more than ten times longer than the weights "
        "themselves. nntui refuses that step, keeps the last good weights and pauses: diverged.",
        "Read the status line. Press , a few times to halve the rate, then space to go on.",
    ),
    Variant(
        "dying ReLUs (lr 3)",
        {**MOONS_16_16, "lr": 3.0},
        "A ReLU passes no blame back where z < 0. A large step can push a neuron's bias so far down that z < 0 "
        "for every input: the neuron is dead, gets no gradient, and never comes back. At lr 3 more than half "
        "of the 32 ReLUs die; at lr 0.3 almost none do.",
        "Activations counts the dead units of each layer; o shows them piled at 0 in its histograms over time "
        "and says how many are dead. Lowering the rate with , does not revive them.",
    ),
    Variant(
        "vanishing gradients",
        {"dataset": "moons", "hidden": (16,) * 6, "activation": "sigmoid", "optimizer": "sgd", "lr": 0.5},
        "Backprop multiplies the blame by f'(z) at every layer, and a sigmoid's slope is at most 0.25: "
        "through six sigmoid layers the blame shrinks until the first layers barely move. Only the last "
        "learns, and the accuracy stays near 50%.",
        "The top line: W0 moves hundreds to thousands of times less than W6. Press o: the blame per layer over "
        "time, and the gap named under it.",
        shows_updates=True,
    ),
    Variant(
        "sorted, unshuffled data",
        {"dataset": "circles", "hidden": (8,), "activation": "relu", "optimizer": "sgd", "lr": 0.3,
         "batch_size": 4, "shuffle": False, "sort_by_class": True, "speed": 20.0},
        "Each epoch brings all the inside points first, then all the outside ones. Within a class block every "
        "batch has the same answer, so the net drifts towards always giving it, and the first batches of the "
        "next block punish that. Shuffling mixes the classes in every batch.",
        "The bars at the top of Loss (the latest steps) jump at the start of every class block and fall "
        "through it: one tooth every 40 steps. Press w to trace the test point the net gets most wrong: it "
        "is ringed in Data, and Network shows its own values (escape stops).",
    ),
)

CHAPTERS: tuple[Chapter, ...] = (
    Chapter(
        1, "One neuron", "go outside? from temperature and rain, with two weights and a bias",
        "A neuron adds up its inputs, each times a weight, plus a bias: z = w1·temperature + w2·rain + b. "
        "Then a = sigmoid(z) turns z into a confidence between 0 and 1 that it is a day to go outside "
        "(in Network, go outside? and its %). Learning means finding the two weights and the bias that make that "
        "confidence right.",
        "Space starts and pauses. Paused, press + or - to nudge the selected weight, "
        "W0[temperature → go outside?] in Weights, and watch the loss answer. ↓ selects rain's weight, "
        "↓ again (or b) the bias b0[go outside?]: it shifts the line in Data. Warmth should get a "
        "positive weight and rain a negative one.",
        {"dataset": "weather", "hidden": ()},
        start_paused=True,
    ),
    Chapter(
        2, "Activation functions", "relu, sigmoid, tanh: the bend decides what a network can draw",
        "Without a bend, layers stacked on layers still draw one straight line. ReLU keeps the "
        "positive part, max(0, z), so each ReLU is 0 for part of the inputs: its bend is a line across "
        "the plane. Sigmoid squashes z into 0..1, tanh into -1..1. A ReLU that is 0 for every input is "
        "dead: it passes no gradient and stops learning (chapter 9 kills some on purpose).",
        "Press v to switch relu → sigmoid → tanh on the same moons and compare the decision "
        "boundaries in Data. Activations counts the dead ReLUs (none is dead here) and the share "
        "of inputs they are on for. Press m to see every neuron's own map: a first-layer ReLU's is 0 on "
        "one side of its line.",
        {"dataset": "moons", "hidden": (8, 8)},
        variants=(Variant("relu", {"activation": "relu"}), Variant("sigmoid", {"activation": "sigmoid"}),
                  Variant("tanh", {"activation": "tanh"})),
    ),
    Chapter(
        3, "Why layers", "XOR: no hidden layer fails, one hidden layer of 4 solves it",
        "One neuron draws one straight line. XOR puts each class on two opposite corners, so no "
        "single line separates them: with no hidden layer the test accuracy stays at 75% or below. "
        "A hidden layer draws several lines and the output combines them.",
        "Watch the accuracy stall, then press v for one hidden layer of 4 and watch it pass 95%. "
        "Press m: each hidden neuron's map over the plane is one straight edge, and selecting one "
        "(h l, or a click) shows it large in Data with its formula.",
        {"dataset": "xor", "activation": "tanh"},
        variants=(Variant("no hidden layer", {"hidden": ()}), Variant("one hidden layer of 4", {"hidden": (4,)})),
    ),
    Chapter(
        4, "Gradient descent", "the loss as a landscape over the weights, a step downhill at a time",
        "The loss is a landscape over the weights. The gradient points uphill, so a step of size lr "
        "the other way goes downhill. Too small an lr crawls; too large an lr jumps over the valley "
        "or diverges. The downhill view's curve is the loss on a fixed probe batch, but a real step "
        "follows the slope of its own mini-batch of 8 (the dotted batch slope). The two can point "
        "opposite ways: here the first step goes uphill on the probe curve, downhill for its batch.",
        "Paused, press g for the downhill view of the selected weight (b: of its bias), nudge it with + "
        "and -, then press n for one real step. , and . halve and double the learning rate.",
        {"dataset": "weather", "hidden": (), "optimizer": "sgd", "lr": 0.5, "speed": 5.0},
        start_paused=True,
    ),
    Chapter(
        5, "Backprop as blame", "one step in four phases: forward, loss, backward, update",
        "Backpropagation is the chain rule handing out blame. The loss blames each output neuron by "
        "how much its z moved the loss (dL/dz). Each neuron passes its blame back along its incoming "
        "edges, weighted by them, and an edge's gradient dL/dW is the blame at its end times the "
        "activation at its start.",
        "Press p to walk one step through forward, loss, backward and update, one sample at a time, "
        "and read the numbers of the selected neuron.",
        {"dataset": "xor", "hidden": (4,), "activation": "tanh", "batch_size": 1, "optimizer": "sgd", "lr": 0.1},
        start_paused=True,
    ),
    Chapter(
        6, "Universal approximation", "a sine as a sum of ReLU hinges: 2 hidden units, then 16",
        "One hidden layer of ReLUs can fit any smooth curve. Each unit adds one hinge: flat, then a "
        "straight rise, bending at its own place; the output weights them and adds them up. More "
        "units, more bends, a closer fit.",
        "The faint lines in Data are the hinges: with the output bias they add up to the fit. Press v "
        "to go from 2 hidden units to 16 and watch the test loss drop.",
        {"dataset": "sine", "activation": "relu"},
        variants=(Variant("2 hidden units", {"hidden": (2,)}), Variant("16 hidden units", {"hidden": (16,)})),
    ),
    Chapter(
        7, "Deeper is not always better", "few noisy samples: 1 vs 4 hidden layers, train vs test loss",
        "With 80 noisy training points, a deep net of 4 layers of 64 memorizes them, noise included: "
        "its training loss keeps falling while its test loss climbs. It overfits. One small hidden "
        "layer cannot memorize, so its test loss stays close to its training loss.",
        "Compare the train and test curves in Loss, then press v to switch between 1 and 4 hidden layers. "
        "o in Activations shows how each layer's updates and gradients go over time.",
        {"dataset": "moons", "noise": 0.35, "test_split": 0.8, "activation": "relu", "lr": 0.01, "batch_size": 8},
        variants=(Variant("1 hidden layer of 8", {"hidden": (8,)}),
                  Variant("4 hidden layers of 64", {"hidden": (64, 64, 64, 64)})),
    ),
    Chapter(
        8, "MNIST: the classic 784-128-64-10", "handwritten digits past 95% in one epoch",
        "Each 28x28 image is 784 inputs. Two hidden ReLU layers of 128 and 64 and a softmax over the "
        "ten digits pass 95% on test digits the network never saw, after one pass over the data. Each "
        "first-layer neuron learns a receptive field: the pattern of pixels it looks for.",
        "Select a first-layer neuron in Weights to see its receptive field; the confusion matrix in "
        "Data shows which digits it mixes up. Press f: Data shows the nine test digits that drive the "
        "selected neuron hardest (] for a second-layer one), and w traces the digit the net gets most wrong.",
        {"dataset": "mnist", "hidden": (128, 64), "activation": "relu", "lr": 0.02, "batch_size": 32, "epochs": 1},
        fallback="digits",
    ),
    Chapter(
        9, "Watch it fail", "zero weights, a huge step, dead ReLUs, vanishing gradients, sorted data",
        "Each variant breaks one thing on purpose: watch what goes wrong, then why.",
        "Press v for the next failure.",
        {},
        variants=FAILURES,
    ),
)


def chapter(number: int) -> Chapter:
    """The chapter numbered `number`; KeyError if there is none."""
    for ch in CHAPTERS:
        if ch.number == number:
            return ch
    raise KeyError(number)


def list_lines() -> list[str]:
    """One line per chapter: number, title, summary (what `nntui learn --list` prints)."""
    return [f"{ch.number}  {ch.title} — {ch.summary}" for ch in CHAPTERS]


@dataclass(frozen=True)
class Lesson:
    """A chapter opened: its variant, the run's config and trainer, and which data it trains on."""

    chapter: Chapter
    variant: int
    config: RunConfig
    trainer: Trainer
    data_note: str  # "" unless the data needs saying (the chapter's fallback, or real MNIST)


def open_lesson(number: int, variant: int = 0, base: RunConfig | None = None,
                keep: frozenset[str] = frozenset()) -> Lesson:
    """Load the data and build the trainer for chapter `number` (DataError, CheckpointError as build_trainer)."""
    from nntui.data import DataError
    from nntui.training.setup import build_trainer, load_data

    ch = chapter(number)
    config = ch.config(variant, base, keep)
    note = ""
    try:
        dataset = load_data(config)
        if ch.fallback:
            note = f"Data: real {config.dataset.upper()}, {dataset.n_train:,} training images."
    except DataError as e:
        if not ch.fallback:
            raise
        config = replace(config, dataset=ch.fallback)
        dataset = load_data(config)
        note = f"Data: the offline {ch.fallback} set, because {e}."
    return Lesson(ch, variant % max(1, len(ch.variants)), config, build_trainer(config, dataset), note)
