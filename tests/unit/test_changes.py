"""Changing a run's shape: the parameter map, the optimizer state carried over, restarts and their ghost, refusals."""

from __future__ import annotations

import numpy as np
import pytest

from nntui.config import RunConfig
from nntui.nn import MLP, Momentum
from nntui.nn.reshape import NEW_NEURON_SCALE, carried, param_map, with_neuron_added, with_neuron_removed
from nntui.run import commands as cmd
from nntui.training import session
from nntui.training.loop import TrainerLoop


def test_param_map_names_each_kept_weight_by_its_old_flat_index():
    net = MLP((2, 3, 2), ("relu", "linear"), "mse", seed=0)  # W0 (2,3) b0 (3) W1 (3,2) b1 (2): 17 parameters
    # new neurons of layer 0: old neuron 2, a new one, old neuron 0
    mapping = param_map(net.sizes, 0, np.array([2, -1, 0]))
    W0 = [2, -1, 0, 5, -1, 3]  # W0 rows (2,3): old index of W0[i, j] = 3i + j
    b0 = [8, -1, 6]  # b0 starts at 6
    W1 = [13, 14, -1, -1, 9, 10]  # W1 (3,2) starts at 9: old rows 2, new, 0
    b1 = [15, 16]
    assert mapping.tolist() == W0 + b0 + W1 + b1
    assert carried(np.arange(17.0), mapping).tolist() == [max(0, k) for k in mapping.tolist()]


def test_a_new_neuron_keeps_every_weight_and_gets_small_seeded_ones():
    net = MLP((3, 4, 2), ("relu", "linear"), "mse", seed=1)
    grown, _ = with_neuron_added(net, 0, np.random.default_rng(5))
    again, _ = with_neuron_added(net, 0, np.random.default_rng(5))
    assert grown.sizes == [3, 5, 2]
    assert np.array_equal(grown.weights[0][:, :4], net.weights[0]) and np.array_equal(grown.weights[1][:4], net.weights[1])
    assert np.array_equal(grown.params, again.params)  # the same generator state gives the same neuron
    rng = np.random.default_rng(5)
    expected_in = rng.standard_normal(3) * NEW_NEURON_SCALE * np.sqrt(2 / 3)  # He for relu, fan_in 3
    expected_out = rng.standard_normal(2) * NEW_NEURON_SCALE * np.sqrt(2 / 7)  # Xavier for linear, 5 → 2
    assert np.allclose(grown.weights[0][:, 4], expected_in, rtol=1e-6)
    assert np.allclose(grown.weights[1][4], expected_out, rtol=1e-6)
    assert grown.biases[0][4] == 0


def test_momentum_state_follows_the_neurons():
    net = MLP((2, 3, 1), ("tanh", "linear"), "mse", seed=0)
    opt = Momentum(net.params.size, 0.1)
    opt.v[:] = np.arange(1, net.params.size + 1)
    smaller, mapping = with_neuron_removed(net, 0, 1)
    opt.resize(lambda state: carried(state, mapping))
    v = opt.v
    assert v.size == smaller.params.size == 2 * 2 + 2 + 2 + 1
    old_W0 = np.arange(1, 7).reshape(2, 3)  # then b0 = 7, 8, 9; W1 = 10, 11, 12 (one column); b1 = 13
    assert v.tolist() == np.delete(old_W0, 1, 1).ravel().tolist() + [7, 9] + [10, 12] + [13]


@pytest.fixture
def loop(xor):
    return TrainerLoop(RunConfig(dataset="xor"), dataset=xor, paused=True)  # 2-4-1, tanh, adam


def test_a_restart_starts_at_step_zero_and_keeps_the_run_as_its_ghost(loop):
    trainer = loop.trainer
    trainer.train_steps(3 * trainer.steps_per_epoch)
    losses, evals = list(trainer.losses), list(trainer.evals)
    loop.apply(cmd.SetHidden((3, 2)))
    assert (trainer.net.sizes, trainer.step, trainer.epoch, len(trainer.losses), trainer.evals) == ([2, 3, 2, 1], 0, 0, 0, [])
    ghost = loop.make_frame().ghost
    assert ghost.label == "before: 4 hidden units"
    assert ghost.losses.tolist() == losses and list(ghost.evals) == evals and ghost.first_step == 1
    loop.apply(cmd.AddLayer(0))  # a fresh run that took no step: the ghost stays
    assert loop.trainer.net.sizes == [2, 3, 3, 2, 1] and loop.make_frame().ghost is ghost
    loop.apply(cmd.SetGhost(None))
    assert loop.make_frame().ghost is None and loop.message == "the previous run's curves are cleared"


def test_a_session_keeps_the_ghost_and_the_new_neuron_generator(loop, state_dir):
    trainer = loop.trainer
    trainer.train_steps(10)
    loop.apply(cmd.Reset())
    trainer.train_steps(4)
    path = session.save_session(trainer)
    resumed = session.resume(path)[0]
    assert resumed.ghost.label == trainer.ghost.label == "before: seed 0"
    assert np.array_equal(resumed.ghost.losses, trainer.ghost.losses) and resumed.ghost.evals == trainer.ghost.evals
    trainer.add_neuron(0)
    resumed.add_neuron(0)
    assert np.array_equal(resumed.net.params, trainer.net.params)


@pytest.mark.parametrize("command, message", [
    (cmd.AddNeuron(1), "W1 feeds the output layer, whose size the data sets: select a hidden layer's weights"),
    (cmd.RemoveLayer(1), "W1 feeds the output layer, which stays: select a hidden layer's weights"),
    (cmd.SetHidden((2,) * 9), "the Network pane draws at most 8 hidden layers: the network stays 2-4-1"),
])
def test_shapes_it_cannot_take_are_refused_with_one_sentence(loop, command, message):
    loop.apply(command)
    assert loop.message == message and loop.trainer.net.sizes == [2, 4, 1]


def test_a_shape_too_big_for_memory_is_refused(loop, monkeypatch):
    from nntui.training import memory

    monkeypatch.setattr(memory, "machine_bytes", lambda: 2**20)
    loop.apply(cmd.SetHidden((1000, 1000)))
    data, trainer = loop.trainer.dataset, loop.trainer
    params = 3 * 1000 + 1001 * 1000 + 1001 * 1
    rows = trainer.batch_size + min(2048, data.n_test)
    need = 4 * (5 * params + rows * (3 * 2001 + 2000 + 2))  # adam: weights, grads, m, v, scratch; z, a, blame, da, x
    assert loop.message == (f"a 2-1000-1000-1 network needs {need / 2**20:.0f} MiB, more than the 1 MiB free: "
                            "the network stays 2-4-1")
    loop.apply(cmd.RemoveNeuron(0, 0))
    loop.apply(cmd.RemoveNeuron(0, 0))
    loop.apply(cmd.RemoveNeuron(0, 0))
    loop.apply(cmd.RemoveNeuron(0, 0))
    assert loop.message == "L1 has one neuron left: remove the layer instead" and loop.trainer.net.sizes == [2, 1, 1]
