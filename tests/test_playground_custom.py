"""The learner's own data in the live trainer: set from code, clicked on the map, split, shared, refused."""

import numpy as np
import pytest

from helpers.mlp_playground import PlaygroundState, mlp_playground
from helpers.playground.data import MIN_SPLIT, make_data, starting_points, with_point, without_point
from helpers.playground.palette import PALETTE
from helpers.playground.picture import MAP_SIZE, MAP_X, MAP_Y, NetworkPicture

TWO_BLOBS = (np.array([[-3.0, -3.0], [-2.5, -3.5], [3.0, 3.0], [3.5, 2.5]]), np.array([0, 0, 1, 1]))


def test_a_pixel_of_the_large_map_is_the_plane_point_under_it():
    picture = NetworkPicture(["x1", "x2"], (4,))
    assert picture.plane_at(MAP_X, MAP_Y) == (-6.0, 6.0)  # top left corner: smallest x1, largest x2
    assert picture.plane_at(MAP_X + MAP_SIZE / 2, MAP_Y + MAP_SIZE / 2) == (0.0, 0.0)
    assert picture.plane_at(MAP_X + MAP_SIZE * 0.75, MAP_Y + MAP_SIZE * 0.25) == (3.0, 3.0)
    assert picture.plane_at(MAP_X - 1, MAP_Y + 5) is None and picture.plane_at(MAP_X + 5, MAP_Y + MAP_SIZE) is None


def test_a_click_on_the_map_adds_a_point_where_it_is_then_drawn_and_shift_click_removes_it():
    p = mlp_playground(dataset="gaussians", layers=(3,))
    n = len(make_data(p.current_state())[0]) + len(make_data(p.current_state())[2])
    p.controls["draw_class"].value = 2
    x, y = MAP_X + 150, MAP_Y + 75  # the plane point (0, 3)
    p.mouse("click", x, y)
    state = p.current_state()
    assert state.dataset == "custom" and len(state.points) == n + 1 and state.points[-1] == (0.0, 3.0, 2)
    assert state.n_classes == 3 and p.session.multiclass and p.trainer.epoch == 0
    in_train = any(np.array_equal(row, [0.0, 3.0]) for row in p.session.X_train)
    p.controls["show_test"].value = not in_train  # the split it fell in is shown: drawn there, in class 2's colour
    assert np.array_equal(p.figure.frame[y, x], PALETTE[2])
    p.mouse("click", x + 2, y + 1, shift=True)  # 0.1 units off: the nearest point goes
    assert len(p.current_state().points) == n and (0.0, 3.0, 2) not in p.current_state().points
    assert not p.session.multiclass  # back to two classes


def test_a_click_on_a_neuron_still_selects_it_and_a_click_on_a_regression_map_adds_nothing():
    p = mlp_playground(layers=(4,))
    x, y = p.picture.nodes[(1, 1)]
    p.mouse("click", x + 5, y + 5)
    assert p.selected == (1, 1) and p.current_state().dataset == "xor"
    r = mlp_playground(dataset="plane", layers=())
    r.mouse("click", MAP_X + 100, MAP_Y + 100)
    assert r.current_state().dataset == "plane"
    demo = mlp_playground(hide=("draw",))  # an instructor's demo without drawing: the map is not editable
    demo.mouse("click", MAP_X + 100, MAP_Y + 100)
    assert demo.current_state().dataset == "xor"


def test_set_data_trains_on_the_learners_points_and_the_state_string_rebuilds_them():
    p = mlp_playground(layers=(2,), lr=0.3, batch_size="all")
    p.set_data(*TWO_BLOBS)
    state = p.current_state()
    assert state.dataset == "custom" and state.points == ((-3.0, -3.0, 0), (-2.5, -3.5, 0), (3.0, 3.0, 1),
                                                          (3.5, 2.5, 1))
    assert len(p.session.X_train) == len(p.session.X_test) == 4  # fewer than MIN_SPLIT: all train and test
    p.step(20)
    assert p.session.accuracy() == (1.0, 1.0) and "4 points of your own" in p.status.value
    q = mlp_playground(state=p.state)
    assert np.array_equal(q.session.X_train, p.session.X_train) and np.array_equal(q.session.y_train, p.session.y_train)


def test_a_set_of_ten_or_more_points_is_split_by_the_train_percentage():
    rng = np.random.default_rng(1)
    X, y = rng.uniform(-5, 5, (40, 2)), np.arange(40) % 2
    p = mlp_playground(train_percent=30)
    p.set_data(X, y)
    assert MIN_SPLIT <= 40 and (len(p.session.X_train), len(p.session.X_test)) == (12, 28)
    both = np.concatenate([p.session.X_train, p.session.X_test])
    assert sorted(map(tuple, both)) == sorted(map(tuple, np.round(X, 1)))


def test_adding_a_point_restarts_training_from_the_same_seed():
    p = mlp_playground(layers=(3,))
    p.set_data(*TWO_BLOBS)
    W = p.session.affines[0].params["W"].copy()
    p.step(5)
    p.add_point(0.0, 1.0, 1)
    assert p.trainer.epoch == 0 and np.array_equal(p.session.affines[0].params["W"], W)
    assert p.remove_point(0.2, 1.2) and not p.remove_point(5.0, -5.0)  # nothing within 0.5 units there


def test_editing_a_generated_set_starts_from_its_points_and_keeps_its_split():
    state = PlaygroundState(dataset="circle", train_percent=60)
    points = starting_points(state)
    assert len(points) == 500 and all(abs(v * 10 - round(v * 10)) < 1e-9 for p in points for v in p[:2])
    custom = make_data(state.replace(dataset="custom", points=points))
    generated = make_data(state)
    assert np.allclose(custom[0], generated[0], atol=0.051) and np.array_equal(custom[1], generated[1])
    assert len(starting_points(PlaygroundState(dataset="plane"))) == 4  # regression: the XOR table's 4 points
    p = mlp_playground(dataset="circle")
    p.controls["dataset"].value = "custom"
    assert len(p.current_state().points) == 500


def test_removing_never_empties_a_set_and_adding_stops_at_1000():
    one = ((1.0, 1.0, 0),)
    assert without_point(one, 1.0, 1.0) == one
    full = tuple((round(-5 + 0.1 * (k % 100), 1), round(-5 + 0.1 * (k // 100), 1), k % 2) for k in range(1000))
    with pytest.raises(ValueError, match="at most 1000 points"):
        with_point(full, 0.0, 0.0, 1)
    with pytest.raises(ValueError, match="x1 must be"):
        with_point(one, 6.5, 0.0, 1)
    with pytest.raises(ValueError, match="label must be in 0 .. 3"):
        with_point(one, 0.0, 0.0, 4)


@pytest.mark.parametrize("X, y, error, message", [
    (np.zeros((4, 3)), [0, 1, 0, 1], ValueError, r"X must have shape \(N, 2\)"),
    (np.zeros(4), [0, 1, 0, 1], ValueError, "X must be 2-dimensional"),
    (np.zeros((0, 2)), [], ValueError, "X must hold at least one sample"),
    ([[0, 0], [np.nan, 1]], [0, 1], ValueError, "X must .*NaN|X must be finite|X .*finite"),
    ([[0, 0], [7, 1]], [0, 1], ValueError, r"X must lie in the plane \[-6, 6\]²"),
    (np.zeros((501, 2)), np.arange(501) % 2, ValueError, "at most 500 points"),
    ([[0, 0], [1, 1]], [0, 0.5], ValueError, "y must hold whole class numbers 0 .. 3"),
    ([[0, 0], [1, 1]], [0, 4], ValueError, "y must hold whole class numbers 0 .. 3"),
    ([[0, 0], [1, 1]], [1, 1], ValueError, "at least two classes"),
    ([[0, 0], [1, 1]], [0, 1, 1], ValueError, "one label per row"),
    ("points", [0, 1], TypeError, "X must be a number or an array"),
    ([[0, 0], [1, 1]], ["a", "b"], TypeError, "y must hold real numbers"),
])
def test_set_data_refuses_bad_arrays_and_changes_nothing(X, y, error, message):
    p = mlp_playground()
    before = p.state
    with pytest.raises(error, match=message):
        p.set_data(X, y)
    assert p.state == before
