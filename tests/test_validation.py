"""The finiteness check every input passes (helpers.validation.all_finite): the same answer as
``np.isfinite(arr).all()`` on every kind of float array, and never a floating-point warning."""

import warnings

import numpy as np
import pytest

from helpers.validation import all_finite

BIG = np.finfo(np.float64).max


def _cases():
    rng = np.random.default_rng(0)
    finite = rng.normal(size=(100, 64))
    cases = {"finite": finite, "empty": np.zeros((0, 3)), "zero-dimensional": np.array(2.5),
             "huge but finite (the dot product overflows)": np.full((4, 4), BIG),
             "non-contiguous": finite[:, ::3], "transposed": finite.T, "float32": finite.astype(np.float32)}
    for label, bad in (("NaN", np.nan), ("inf", np.inf), ("-inf", -np.inf)):
        for where in (0, 1234, -1):
            arr = finite.copy()
            arr.flat[where] = bad
            cases[f"{label} at {where}"] = arr
            cases[f"{label} at {where}, non-contiguous"] = arr[:, ::1][::1].T
    both = finite.copy()
    both.flat[[3, 7]] = np.inf, -np.inf  # opposite infinities: their sum would be NaN
    cases["inf and -inf"] = both
    huge_nan = np.full((3, 3), BIG)
    huge_nan[1, 1] = np.nan
    cases["huge with a NaN"] = huge_nan
    return cases


CASES = _cases()


@pytest.mark.parametrize("label", CASES)
def test_all_finite_agrees_with_isfinite_and_warns_of_nothing(label):
    arr = CASES[label]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert all_finite(arr) is bool(np.isfinite(arr).all())


def test_as_instances_takes_a_nonempty_list_of_one_kind_and_names_the_first_other():
    from helpers.validation import as_instances
    assert as_instances([1.0, 2.5], "scales", float, "numbers") == (1.0, 2.5)
    with pytest.raises(TypeError, match=r"scales must be a list or tuple of numbers, got float"):
        as_instances(3.0, "scales", float, "numbers")
    with pytest.raises(ValueError, match="scales must hold at least one float, got none"):
        as_instances([], "scales", float, "numbers")
    with pytest.raises(TypeError, match=r"scales\[1\] must be a float, got str"):
        as_instances((1.0, "2", 3.0), "scales", float, "numbers")
