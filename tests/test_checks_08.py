"""Notebook 08's self-checks: the worked solutions pass, typical wrong answers get a hint that helps."""

import numpy as np
import pytest

from helpers.checks import check_dead_count, check_defeats_network, check_spiral_recipe, check_xor_feature
from helpers.mlp_playground import mlp_playground

CANVAS = "x=x1,x2&net=2&act=tanh&lr=0.3"  # set_data makes it a custom set


@pytest.mark.parametrize("spelling", ["x1x2", "x1·x2", "X1 * X2", "x1*x2"])
def test_xor_feature_solution_passes_however_spelled(spelling, capsys):
    assert check_xor_feature(spelling)
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize("wrong", ["x1sq", "x2²", "sin x1", "x1"])
def test_xor_feature_wrong_features_are_trained_and_get_a_hint(wrong, capsys):
    assert not check_xor_feature(wrong)
    out = capsys.readouterr().out
    assert "of the test points right" in out and "one sign in the blue ones" in out


@pytest.mark.parametrize("answer", ["x3", "", 12, None, ["x1x2"]])
def test_xor_feature_non_features_name_the_choices(answer, capsys):
    assert not check_xor_feature(answer)
    assert "one of x1, x2, x1², x2², x1·x2, sin x1, sin x2" in capsys.readouterr().out


def test_spiral_recipe_solution_passes(capsys):
    assert check_spiral_recipe("data=spiral&x=x1,x2,sinx1,sinx2&net=8&act=tanh&lr=0.1&batch=25")
    assert "✅" in capsys.readouterr().out


def test_spiral_recipe_the_exercise_starting_point_falls_short(capsys):
    assert not check_spiral_recipe("data=spiral&x=x1,x2&net=8&act=tanh&lr=0.1&batch=25")
    assert "Section 2 is the clue" in capsys.readouterr().out


@pytest.mark.parametrize("recipe, hint", [
    ("data=spiral&x=x1,x2,sinx1,sinx2&net=8,8", "at most 8 hidden neurons"),  # too many neurons
    ("data=circle&net=8", "keep the data as it is"),                          # another data set
    ("data=spiral&noise=0.1&net=8", "keep the data as it is"),                # easier by noise? no: kept fixed
    ("data=spiral&train=90&net=8", "keep the data as it is"),                 # more training data
    ("net=9", "not a share-string"),                                           # a bad string
    ("data=spiral&colour=red", "not a share-string"),
])
def test_spiral_recipe_rule_breakers_are_told_which_rule(recipe, hint, capsys):
    assert not check_spiral_recipe(recipe)
    assert hint in capsys.readouterr().out


def test_dead_count_solution_passes_and_the_notebooks_bug_is_caught(capsys):
    assert check_dead_count(lambda hidden: sum(int((layer == 0).all(axis=0).sum()) for layer in hidden))
    assert "✅" in capsys.readouterr().out
    assert not check_dead_count(lambda hidden: sum(int((layer == 0).any(axis=1).sum()) for layer in hidden))
    assert "it counts too many" in capsys.readouterr().out


@pytest.mark.parametrize("wrong", [
    lambda hidden: sum(int((layer == 0).all(axis=1).sum()) for layer in hidden),  # over neurons, not points
    lambda hidden: sum(int((layer == 0).sum()) for layer in hidden),               # every zero value
    lambda hidden: len(hidden),                                                    # layers, not neurons
])
def test_dead_count_wrong_reductions_get_a_hint(wrong, capsys):
    assert not check_dead_count(wrong)
    assert "dead neurons in all it returned" in capsys.readouterr().out


def test_dead_count_a_float_or_a_crash_is_a_hint(capsys):
    assert not check_dead_count(lambda hidden: 2.0)
    assert "whole number" in capsys.readouterr().out
    assert not check_dead_count(lambda hidden: hidden.shape)
    assert "raised AttributeError" in capsys.readouterr().out


def _canvas(X, y):
    canvas = mlp_playground(state=CANVAS)
    canvas.set_data(np.asarray(X, dtype=float), np.asarray(y))
    return canvas


def test_defeat_solution_a_3x3_checkerboard_passes(capsys):
    """Nine cells of three points, classes alternating: cutting it out takes four lines, the network has two."""
    rng = np.random.default_rng(0)
    cells = [(x, y) for x in (-4, 0, 4) for y in (-4, 0, 4)]
    X = np.vstack([np.array(cell) + rng.uniform(-0.5, 0.5, (3, 2)) for cell in cells])
    canvas = _canvas(X, np.repeat([(i + j) % 2 for i in range(3) for j in range(3)], 3))
    assert check_defeats_network(canvas)
    assert "two lines are not enough" in capsys.readouterr().out
    assert check_defeats_network(canvas.state)  # the share-string works as well as the trainer
    canvas.close()


def test_defeat_two_clusters_are_fitted_and_get_a_hint(capsys):
    rng = np.random.default_rng(1)
    canvas = _canvas(np.vstack([rng.uniform(-4, -2, (12, 2)), rng.uniform(2, 4, (12, 2))]), [0] * 12 + [1] * 12)
    assert not check_defeats_network(canvas)
    assert "what shape cannot be cut out with two lines" in capsys.readouterr().out
    canvas.close()


def test_defeat_rules_too_few_points_touching_classes_no_drawing(capsys):
    canvas = _canvas([[-3, -3], [3, 3], [-3, 3], [3, -3]], [0, 0, 1, 1])
    assert not check_defeats_network(canvas)
    assert "at least 10 points each" in capsys.readouterr().out
    X = np.array([[x, y] for x in range(-5, 5) for y in (-4.0, 4.0)])
    y = np.array([0] * 10 + [1] * 10)
    X[10] = X[0] + [0.3, 0]  # a point of class 1 right next to one of class 0
    canvas.set_data(X, y)
    assert not check_defeats_network(canvas)
    assert "only 0.30 apart" in capsys.readouterr().out
    canvas.close()
    assert not check_defeats_network(mlp_playground(state="data=circle"))
    assert "draw your own points first" in capsys.readouterr().out


def test_defeat_xor_clusters_are_fitted_from_a_good_start_so_they_do_not_count(capsys):
    """Two lines cut XOR's four quadrants: a start that happens to fail to train them is not a defeat."""
    rng = np.random.default_rng(0)
    quadrants = [(1, 1), (-1, -1), (1, -1), (-1, 1)]
    canvas = _canvas(np.vstack([3 * np.array(q) + rng.uniform(-1, 1, (10, 2)) for q in quadrants]),
                     np.repeat([0, 0, 1, 1], 10))
    assert not check_defeats_network(canvas)
    assert "from its best of 5 starts" in capsys.readouterr().out
    canvas.close()
