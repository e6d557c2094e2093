"""What a neuron looks for: its top 9 test images are the argmax over the test set, its field the weights or dz/dx.

Each against an independent float64 forward pass (reference.py) of the trainer's own weights.
"""

from __future__ import annotations

import numpy as np
import pytest
from reference import SLOPES, forward, scaled

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.run import commands as cmd
from nntui.training.loop import TrainerLoop
from nntui.training.neuron_looks import TOP, top_samples


@pytest.fixture(scope="module")
def loop():
    config = RunConfig(dataset="digits", hidden=(16, 12), activation="relu", seed=3)
    loop = TrainerLoop(config, dataset=load_dataset("digits", seed=0), paused=True)
    loop.trainer.train_steps(60)
    return loop


def described(loop, layer: int, j: int):
    loop.apply(cmd.Describe(layer, j))
    return loop.make_frame().looks


@pytest.mark.parametrize("layer, j", [(0, 5), (1, 7), (2, 3)])
def test_the_top_images_are_the_largest_activations_over_the_whole_test_set(loop, layer, j):
    ds = loop.trainer.dataset
    _, a = forward(loop.trainer.net, scaled(ds, ds.X_test))
    column = a[layer][:, j]
    expected = np.argsort(-column, kind="stable")[:TOP]
    looks = described(loop, layer, j)
    assert (looks.layer, looks.j, looks.step) == (layer, j, loop.trainer.step)
    assert looks.top_index.tolist() == expected.tolist()
    np.testing.assert_allclose(looks.top_a, column[expected], rtol=1e-4, atol=1e-6)
    assert looks.top_labels.tolist() == ds.y_test[expected].tolist()
    np.testing.assert_allclose(looks.top_images, scaled(ds, ds.X_test[expected]).reshape(TOP, 28, 28), rtol=1e-6)
    assert column[expected].min() >= np.delete(column, expected).max()  # no other test image is larger


def test_ties_go_to_the_lower_index():
    assert top_samples(np.array([1.0, 3.0, 3.0, 2.0, 3.0]), 4).tolist() == [1, 2, 4, 3]


def test_layer_1s_field_is_its_weights_exactly(loop):
    looks = described(loop, 0, 5)
    assert looks.exact and looks.caption == "its weights W0[:, 5]"
    np.testing.assert_array_equal(looks.field, loop.trainer.net.layers[0].W[:, 5].reshape(28, 28))


def test_a_deeper_fields_is_dz_dx_averaged_over_its_top_images_and_says_it_is_an_approximation(loop):
    net, ds = loop.trainer.net, loop.trainer.dataset
    looks = described(loop, 1, 7)
    z, _ = forward(net, scaled(ds, ds.X_test[looks.top_index]))
    W0, W1 = (net.layers[k].W.astype(np.float64) for k in (0, 1))
    per_image = (SLOPES["relu"](z[0]) * W1[:, 7]) @ W0.T  # dz2[7]/dx = W0 · diag(relu'(z1)) · W1[:, 7]
    assert not looks.exact
    assert looks.caption == "dz/dx over its top 9: first-order approximation through layers 1–2"
    np.testing.assert_allclose(looks.field.ravel(), per_image.mean(axis=0), rtol=1e-4, atol=1e-7)


def test_a_nudge_describes_the_new_weights_and_no_neuron_stops_it(loop):
    before = described(loop, 0, 2)
    loop.apply(cmd.Nudge(0, 400, 2, 5.0))
    after = loop.make_frame().looks
    assert after.field.ravel()[400] == pytest.approx(before.field.ravel()[400] + 5.0, abs=1e-5)
    loop.apply(cmd.UndoNudge())
    loop.apply(cmd.Describe(None))
    assert loop.make_frame().looks is None


def test_data_that_is_not_images_has_no_looks():
    loop = TrainerLoop(RunConfig(dataset="moons"), dataset=load_dataset("moons", seed=0), paused=True)
    loop.apply(cmd.Describe(0, 1))
    assert loop.make_frame().looks is None
