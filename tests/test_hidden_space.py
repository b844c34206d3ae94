"""The hidden space: the coordinates a hidden layer gives the points, and the XOR table in the trainer."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.datasets import truth_table  # noqa: E402
from helpers.hidden_space import hidden_coordinates, next_layer_line  # noqa: E402
from helpers.hidden_space_pictures import plot_hidden_space  # noqa: E402
from helpers.layers import mlp  # noqa: E402
from helpers.mlp_playground import mlp_playground  # noqa: E402
from helpers.playground.data import TABLE_AT  # noqa: E402
from helpers.playground.session import Session  # noqa: E402
from helpers.playground.state import DATASETS, XOR_TABLE, PlaygroundState  # noqa: E402


def test_hidden_coordinates_are_each_hidden_layers_activations():
    model = mlp([2, 3, 2, 1], "tanh", rng=0)
    X = np.random.default_rng(1).standard_normal((5, 2))
    W1, b1 = model.layers[0].params["W"], model.layers[0].params["b"]
    W2, b2 = model.layers[2].params["W"], model.layers[2].params["b"]
    first = np.tanh(X @ W1 + b1)
    np.testing.assert_allclose(hidden_coordinates(model, X), first)
    np.testing.assert_allclose(hidden_coordinates(model, X, layer=2), np.tanh(first @ W2 + b2))


def test_hidden_coordinates_of_a_linear_hidden_layer_are_its_affine_outputs():
    model = mlp([2, 2, 1], "linear", rng=0)
    X = np.eye(2)
    affine = model.layers[0]
    np.testing.assert_allclose(hidden_coordinates(model, X), X @ affine.params["W"] + affine.params["b"])


def test_next_layer_line_gives_the_output_score():
    model = mlp([2, 2, 1], "tanh", rng=0)
    model.layers[2].params["b"][...] = 0.3
    X = np.random.default_rng(2).standard_normal((4, 2))
    w, b = next_layer_line(model)
    np.testing.assert_allclose(hidden_coordinates(model, X) @ w + b, model.forward(X).ravel())


@pytest.mark.parametrize("layer", [0, 3, 1.0, True, "1"])
def test_hidden_coordinates_refuse_a_layer_that_is_not_there(layer):
    with pytest.raises(ValueError, match="layer must be a whole number from 1 to 2"):
        hidden_coordinates(mlp([2, 3, 2, 1], "tanh", rng=0), np.zeros((1, 2)), layer)


def test_hidden_coordinates_name_a_bad_X():
    with pytest.raises((TypeError, ValueError), match="X"):
        hidden_coordinates(mlp([2, 2, 1], "tanh", rng=0), np.zeros(2))


def test_the_xor_table_is_a_classification_set_of_the_trainer():
    assert XOR_TABLE in DATASETS and not PlaygroundState(dataset=XOR_TABLE).regression
    session = Session(PlaygroundState(dataset=XOR_TABLE, layers=(2,)))
    bits, y = truth_table("XOR")
    # the four rows, 0 at -3 and 1 at +3, both the training and the test set
    np.testing.assert_array_equal(session.X_train, np.asarray(TABLE_AT)[bits])
    np.testing.assert_array_equal(session.y_train, y)
    np.testing.assert_array_equal(session.X_test, session.X_train)
    np.testing.assert_array_equal(session.y_test, y)
    # the labels agree with the xor set's: class 1 where the signs of x1 and x2 differ
    np.testing.assert_array_equal(session.y_train, session.X_train[:, 0] * session.X_train[:, 1] < 0)


def test_the_xor_table_with_noise_moves_the_points_reproducibly():
    a = Session(PlaygroundState(dataset=XOR_TABLE, noise=0.1, data_seed=3))
    b = Session(PlaygroundState(dataset=XOR_TABLE, noise=0.1, data_seed=3))
    np.testing.assert_array_equal(a.X_train, b.X_train)
    moved = np.abs(a.X_train - np.asarray(TABLE_AT)[truth_table("XOR")[0]])
    assert 0 < moved.max() < 3  # jittered, but every point stays in its quadrant's half


def test_the_xor_table_round_trips_through_the_share_string():
    state = PlaygroundState(dataset=XOR_TABLE, layers=(2,), lr=0.3, seed=4)
    assert PlaygroundState.from_string(state.to_string()) == state


def test_a_trainer_on_the_xor_table_learns_it_and_its_hidden_points_become_separable():
    playground = mlp_playground(dataset=XOR_TABLE, layers=(2,), lr=0.3, seed=4)
    playground.step(200)
    assert playground.trainer.history["accuracy"][-1] == 1.0
    hidden = playground.session.hidden_points()
    assert hidden.shape == (4, 2)
    w, b = next_layer_line(playground.trainer.model)
    np.testing.assert_array_equal(hidden @ w + b > 0, playground.session.y_train == 1)
    playground.close()


def test_plot_hidden_space_draws_the_points_and_the_line():
    model = mlp([2, 2, 1], "tanh", rng=0)
    X, y = truth_table("XOR")
    fig, ax = plt.subplots()
    drawn = plot_hidden_space(model, X, y, ax=ax, labels=["a", "b", "c", "d"])
    np.testing.assert_allclose(drawn["points"].get_offsets(), hidden_coordinates(model, X))
    assert [t.get_text() for t in ax.texts] == ["a", "b", "c", "d"]
    assert ax.get_xlim() == (-1.15, 1.15)
    plt.close(fig)
    with pytest.raises(ValueError, match="must have 2 neurons"):
        plot_hidden_space(mlp([2, 3, 1], "tanh", rng=0), X, y)


# --- train_together: many networks of one shape, Trainer's steps on stacked arrays -----------------------------

def _trained_alone(sizes, activation, seed, X, y, lr, epochs):
    from helpers.layers import BinaryCrossEntropy
    from helpers.optim import SGD
    from helpers.train import Trainer
    trainer = Trainer(mlp(sizes, activation, rng=seed), BinaryCrossEntropy(), SGD(lr=lr), X, y)
    trainer.fit(epochs)
    return trainer


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
@pytest.mark.parametrize("sizes", [[2, 1], [2, 3, 1], [2, 4, 3, 1]])
def test_train_together_takes_trainers_steps_to_the_last_bit(activation, sizes):
    from helpers.hidden_space import train_together
    X, y = truth_table("XOR")
    nets = [mlp(sizes, activation, rng=seed) for seed in range(4)]
    losses = train_together(nets, X, y, lr=2.0, epochs=30)
    assert losses.shape == (4, 30)
    for seed, net in enumerate(nets):
        alone = _trained_alone(sizes, activation, seed, X, y, 2.0, 30)
        for key, value in alone.model.params.items():
            np.testing.assert_array_equal(net.params[key], value)
        np.testing.assert_array_equal(losses[seed], alone.history["loss"])


def test_train_together_takes_one_data_set_per_network():
    from helpers.datasets import circle, spiral
    from helpers.hidden_space import train_together
    sets = [circle(40, 0.1, seed=1), spiral(40, 0.1, seed=1)]
    nets = [mlp([2, 5, 1], "tanh", rng=0) for _ in sets]
    train_together(nets, np.stack([X for X, _ in sets]), np.stack([y for _, y in sets]), lr=1.0, epochs=25)
    for net, (X, y) in zip(nets, sets, strict=True):
        alone = _trained_alone([2, 5, 1], "tanh", 0, X, y, 1.0, 25)
        for key, value in alone.model.params.items():
            np.testing.assert_array_equal(net.params[key], value)
    assert not np.array_equal(nets[0].params["0.W"], nets[1].params["0.W"])  # each learned its own data


def test_train_together_refuses_mixed_or_unsupported_networks_and_bad_data():
    from helpers.hidden_space import train_together
    X, y = truth_table("XOR")
    with pytest.raises(ValueError, match="same layers"):
        train_together([mlp([2, 2, 1], "tanh", rng=0), mlp([2, 3, 1], "tanh", rng=0)], X, y)
    with pytest.raises(ValueError, match="same layers"):
        train_together([mlp([2, 2, 1], "tanh", rng=0), mlp([2, 2, 1], "relu", rng=0)], X, y)
    with pytest.raises(ValueError, match="tanh, sigmoid or relu"):
        train_together([mlp([2, 2, 1], "step", rng=0)], X, y)
    with pytest.raises(ValueError, match="one output"):
        train_together([mlp([2, 2, 2], "tanh", rng=0)], X, y)
    with pytest.raises(ValueError, match="at least one"):
        train_together([], X, y)
    with pytest.raises(TypeError, match="models"):
        train_together(mlp([2, 2, 1], "tanh", rng=0), X, y)
    with pytest.raises(ValueError, match="X must have shape"):
        train_together([mlp([2, 2, 1], "tanh", rng=0)] * 2, np.stack([X, X, X]), y)
    with pytest.raises(ValueError, match="y must have shape"):
        train_together([mlp([2, 2, 1], "tanh", rng=0)], X, y[:3])
    with pytest.raises(ValueError):
        train_together([mlp([2, 2, 1], "tanh", rng=0)], X, y + 2)
