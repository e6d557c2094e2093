"""The eight lessons of `nntui learn`: each a preset run, a short explanation and one thing to try.

A chapter may have variants (e.g. "no hidden layer" / "one hidden layer"),
which the app switches between with a key; each variant is a set of
RunConfig overrides on top of the chapter's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from nntui.config import RunConfig


@dataclass(frozen=True)
class Variant:
    label: str
    overrides: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    idea: str  # a short explanation, in our words
    try_this: str  # one thing to do with the keys
    overrides: dict
    variants: tuple[Variant, ...] = ()
    start_paused: bool = False

    def config(self, variant: int = 0, base: RunConfig | None = None) -> RunConfig:
        """The run this chapter (and variant) starts, on top of `base` (the command-line options)."""
        settings = dict(self.overrides)
        if self.variants:
            settings.update(self.variants[variant % len(self.variants)].overrides)
        return replace(base or RunConfig(), **settings)


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(
        1, "One neuron",
        "A neuron is a weighted sum plus a decision. Should you go outside? It multiplies the "
        "temperature by one weight and 'is it raining' by another, adds a bias, and squashes the "
        "total z into a = sigmoid(z), a confidence between 0 and 1. Learning means finding the "
        "two weights and the bias that make that confidence right.",
        "Pause with space, pick a weight with the arrow keys, press + and - and watch the loss "
        "answer. Rain should get a negative weight: does the loss agree?",
        {"dataset": "weather", "hidden": ()},
        start_paused=True,
    ),
    Chapter(
        2, "Activation functions",
        "Without a bend, stacked layers collapse into one straight line. ReLU keeps the positive "
        "part (max(0, z)), sigmoid squashes into 0..1, tanh into -1..1. The bend each one puts in "
        "decides the shapes the network can draw. A ReLU that never fires on any sample is dead: "
        "it passes no gradient and stops learning.",
        "Press a to cycle relu → leaky_relu → sigmoid → tanh (each restarts the weights) and "
        "compare the decision boundaries and the dead-ReLU counts in Activations.",
        {"dataset": "moons", "hidden": (8, 8), "activation": "relu"},
    ),
    Chapter(
        3, "Why layers",
        "One neuron draws one straight line. XOR puts the two classes on opposite corners, so no "
        "single line separates them: with no hidden layer the accuracy stays near a coin toss. "
        "A hidden layer of a few neurons draws several lines and combines them.",
        "Watch the accuracy stall, then press v to switch to one hidden layer of 4 and watch it solve XOR.",
        {"dataset": "xor", "activation": "tanh"},
        variants=(Variant("no hidden layer", {"hidden": ()}), Variant("one hidden layer of 4", {"hidden": (4,)})),
    ),
    Chapter(
        4, "Gradient descent",
        "The loss is a landscape over the weights. The gradient says which way is uphill, so a "
        "step of size lr the other way goes downhill. Too small a learning rate crawls; too large "
        "jumps over the valley or diverges.",
        "Pause, select a weight: the downhill view plots the loss as that weight alone moves. "
        "Nudge with + and -, then press n to take a real step and see where it goes. Try , and . "
        "to halve and double the learning rate.",
        {"dataset": "weather", "hidden": (), "optimizer": "sgd", "lr": 0.5, "speed": 5.0},
        start_paused=True,
    ),
    Chapter(
        5, "Backprop as blame",
        "Backpropagation is the chain rule handing out blame. The loss blames each output neuron "
        "by how much it moved the loss (dL/dz); each neuron passes blame back along its incoming "
        "edges in proportion to their weights, and a weight's gradient is the blame at its end "
        "times the activation at its start.",
        "Press the phase key to walk one step through forward, loss, backward and update, one "
        "sample at a time, and read the numbers for the selected neuron.",
        {"dataset": "xor", "hidden": (4,), "activation": "tanh", "batch_size": 1, "optimizer": "sgd", "lr": 0.1},
        start_paused=True,
    ),
    Chapter(
        6, "Universal approximation",
        "One hidden layer of ReLUs can fit any reasonable curve: each unit adds one hinge (a bend "
        "at its own place, with its own slope), and the output adds the hinges up. More units, "
        "more bends, a closer fit.",
        "Watch the hinges in Data sum to the fit. Press v to go from 2 hidden units to 16.",
        {"dataset": "sine", "activation": "relu"},
        variants=(Variant("2 hidden units", {"hidden": (2,)}), Variant("16 hidden units", {"hidden": (16,)})),
    ),
    Chapter(
        7, "Deeper is not always better",
        "With few, noisy training samples, a big deep network can memorize them — noise included. "
        "Its training loss keeps falling while the test loss turns back up: it overfits. A "
        "smaller network generalizes better here.",
        "Compare train and test loss in Loss; press v to switch between 1 and 4 hidden layers.",
        {"dataset": "moons", "noise": 0.35, "test_split": 0.8, "activation": "relu", "lr": 0.01, "batch_size": 8},
        variants=(Variant("1 hidden layer of 8", {"hidden": (8,)}),
                  Variant("4 hidden layers of 64", {"hidden": (64, 64, 64, 64)})),
    ),
    Chapter(
        8, "MNIST: the classic 784-128-64-10",
        "Each 28x28 image is 784 inputs. Two hidden ReLU layers of 128 and 64 and a softmax over "
        "the ten digits reach well over 95% on test digits the network never saw. Each first-layer "
        "neuron learns a receptive field: the pattern of pixels it looks for.",
        "Select a first-layer neuron in Weights to see its receptive field; the confusion matrix in "
        "Data shows which digits it mixes up.",
        {"dataset": "mnist", "hidden": (128, 64), "activation": "relu"},
    ),
)


def chapter(number: int) -> Chapter:
    for ch in CHAPTERS:
        if ch.number == number:
            return ch
    raise KeyError(number)
