"""Gradient descent (경사하강법) on small loss surfaces you can draw — notebook 05.

The rule is ``w <- w - lr * dE/dw``, repeated. Everything here is plain NumPy that tests call directly;
the learning-rate explorer (``helpers.descent_explorer``) only draws what these functions return.

Two surfaces over two parameters:

- :func:`regression_surface`: the mean squared error of the line ``y_hat = w * x + b`` on a small data
  set. A quadratic bowl with elliptic contours, so its curvature is known exactly: plain gradient
  descent converges for ``lr < 2 / lambda_max`` (the largest eigenvalue of the Hessian) and diverges
  above it.
- :func:`two_minima_surface`: a tilted double well with a global and a local minimum, where the
  starting point decides where descent ends.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.validation import (
    as_callable,
    as_float_array,
    as_int,
    as_labels,
    as_positive_float,
    as_positive_int,
    as_rng,
    check_shape,
)


def line_data(n: int = 20, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` noisy points on the line ``y = 2x + 1`` with ``x`` in [0, 2]: shapes (n,) and (n,)."""
    n = as_positive_int(n, "n")
    rng = as_rng(seed, "seed")
    x = np.sort(rng.uniform(0.0, 2.0, n))
    return x, 2.0 * x + 1.0 + 0.3 * rng.standard_normal(n)


def squared_error(y_hat, y) -> float:
    """Mean squared error ``mean((y_hat - y)**2)`` of two arrays of the same shape."""
    y_hat, y = as_float_array(y_hat, "y_hat", nonempty=True), as_float_array(y, "y", nonempty=True)
    if y_hat.shape != y.shape:
        raise ValueError(f"y_hat and y must have the same shape, got {y_hat.shape} and {y.shape}")
    return float(np.mean((y_hat - y) ** 2))


def cross_entropy(p, y) -> float:
    """Binary cross entropy ``-mean(y log p + (1 - y) log(1 - p))`` for probabilities ``p`` in (0, 1)."""
    p = as_float_array(p, "p", nonempty=True)
    y = as_labels(y, "y", len(p), 2, ndim=p.ndim)
    if p.shape != y.shape:
        raise ValueError(f"p and y must have the same shape, got {p.shape} and {y.shape}")
    if np.any(p <= 0) or np.any(p >= 1):
        raise ValueError("p must hold probabilities strictly between 0 and 1")
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def slope_loss(w, x, y) -> np.ndarray:
    """The 1-parameter model ``y_hat = w * x``: its mean squared error for each ``w`` (any shape, kept)."""
    w = as_float_array(w, "w")
    x, y = _xy(x, y)
    return np.mean((w[..., None] * x - y) ** 2, axis=-1)


def _xy(x, y) -> tuple[np.ndarray, np.ndarray]:
    """Data ``x``, ``y`` of a line fit: two 1-D arrays of the same length, at least one point."""
    x = as_float_array(x, "x", ndim=1, nonempty=True)
    y = check_shape(as_float_array(y, "y", ndim=1), "y", x.shape, "like x")
    return x, y


def _point(value, name: str, d: int = 2) -> np.ndarray:
    """A point in parameter space, shape (d,)."""
    return check_shape(as_float_array(value, name, ndim=1), name, (d,), f"(one number per parameter, {d})")


@dataclass
class LossSurface:
    """A loss over two parameters ``(w1, w2)`` with its gradient and where its minimum is.

    Attributes:
        name: shown in titles and the explorer's dropdown.
        loss: ``loss(W1, W2)`` for arrays of any (equal) shape -> same shape.
        gradient: ``gradient(point)`` for a point of shape (2,) -> shape (2,).
        minimum: the global minimum, shape (2,).
        limits: ``((w1_lo, w1_hi), (w2_lo, w2_hi))`` for pictures.
        labels: axis names, e.g. ``("w", "b")``.
        hessian: the constant Hessian (2, 2) of a quadratic surface, else ``None``.
        data: ``(x, y)``, each (N,), for a loss that is a mean over samples (mini-batches can be drawn), else ``None``.
    """

    name: str
    loss: object
    gradient: object
    minimum: np.ndarray
    limits: tuple
    labels: tuple = ("$w_1$", "$w_2$")
    hessian: np.ndarray | None = None
    data: tuple | None = None

    def loss_at(self, point) -> float:
        """The loss at one point of shape (2,)."""
        p = _point(point, "point")
        return float(self.loss(p[0], p[1]))

    def grid(self, resolution: int = 120) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(W1, W2, E)`` on a ``resolution`` x ``resolution`` grid over ``limits`` (for contour plots)."""
        resolution = as_positive_int(resolution, "resolution", high=2000)
        (a, b), (c, d) = self.limits
        W1, W2 = np.meshgrid(np.linspace(a, b, resolution), np.linspace(c, d, resolution))
        return W1, W2, self.loss(W1, W2)

    def largest_stable_lr(self) -> float:
        """``2 / lambda_max`` of a quadratic surface: plain gradient descent diverges above it."""
        if self.hessian is None:
            raise ValueError(f"{self.name} is not quadratic: it has no single largest stable learning rate")
        return float(2.0 / np.linalg.eigvalsh(self.hessian).max())


def regression_surface(x=None, y=None) -> LossSurface:
    """The mean squared error ``E(w, b) = mean((w x + b - y)**2)`` of a line fitted to ``(x, y)``.

    Its gradient is ``dE/dw = 2 mean((w x + b - y) x)``, ``dE/db = 2 mean(w x + b - y)``, and its Hessian
    is the constant ``2 [[mean x², mean x], [mean x, 1]]``. Defaults to :func:`line_data`.
    """
    if x is None and y is None:
        x, y = line_data()
    x, y = as_float_array(x, "x", ndim=1), as_float_array(y, "y", ndim=1)
    if x.shape != y.shape or len(x) < 2:
        raise ValueError(f"x and y must be two 1-D arrays of the same length >= 2, got {x.shape} and {y.shape}")

    def loss(w, b):
        w, b = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
        r = w[..., None] * x + b[..., None] - y
        return np.mean(r**2, axis=-1)

    def gradient(point):
        w, b = point
        r = w * x + b - y
        return np.array([2 * np.mean(r * x), 2 * np.mean(r)])

    hessian = 2 * np.array([[np.mean(x**2), np.mean(x)], [np.mean(x), 1.0]])
    minimum = np.linalg.solve(hessian, -gradient(np.zeros(2)))  # the least-squares line
    return LossSurface("line fit (MSE)", loss, gradient, minimum, ((-1.0, 5.0), (-2.0, 4.0)), ("$w$", "$b$"),
                       hessian, (x, y))


def two_minima_surface() -> LossSurface:
    """A tilted double well ``E = (w1² - 1)² + 0.3 w1 + w2²``: a global minimum near ``w1 = -1.04``
    and a shallower local one near ``w1 = +0.96`` (both at ``w2 = 0``)."""

    def loss(w1, w2):
        w1, w2 = np.asarray(w1, dtype=float), np.asarray(w2, dtype=float)
        return (w1**2 - 1) ** 2 + 0.3 * w1 + w2**2

    def gradient(point):
        w1, w2 = point
        return np.array([4 * w1 * (w1**2 - 1) + 0.3, 2 * w2])

    # the stationary points solve 4 w1³ - 4 w1 + 0.3 = 0; the smallest root is the global minimum
    roots = np.sort(np.roots([4.0, 0.0, -4.0, 0.3]).real)
    return LossSurface("two minima", loss, gradient, np.array([roots[0], 0.0]), ((-2.0, 2.0), (-1.5, 1.5)))


def _surface(surface) -> LossSurface:
    if not isinstance(surface, LossSurface):
        raise TypeError(f"surface must be a LossSurface (from regression_surface()), got {type(surface).__name__}")
    return surface


#: The explorer's surfaces by name.
SURFACES = {"line fit (MSE)": regression_surface, "two minima": two_minima_surface}


def gradient_descent(gradient, w0, lr: float, steps: int, *, escape: float = 1e6) -> np.ndarray:
    """Run ``w <- w - lr * gradient(w)`` from ``w0`` and return every point visited.

    Args:
        gradient: ``gradient(w)`` for ``w`` of the shape of ``w0`` -> same shape.
        w0: the starting point, shape (d,).
        lr: the learning rate η (학습률), > 0.
        steps: how many updates at most.
        escape: stop early once ``|w|`` exceeds this (the run has diverged; continuing would overflow).

    Returns:
        the path, shape (k + 1, d) with ``k <= steps``: row 0 is ``w0``, row ``t`` the point after ``t`` steps.
    """
    gradient = as_callable(gradient, "gradient")
    w = as_float_array(w0, "w0", ndim=1, nonempty=True).copy()
    lr = as_positive_float(lr, "lr")
    steps = as_positive_int(steps, "steps")
    escape = as_positive_float(escape, "escape")
    try:
        g = np.asarray(gradient(w), dtype=float)
    except (ValueError, TypeError, IndexError) as err:
        raise ValueError(f"gradient(w0) failed for w0 of shape {w.shape} (one number per parameter?): {err}") from None
    try:
        fits = g.ndim <= w.ndim and np.broadcast_shapes(g.shape, w.shape) == w.shape
    except ValueError:
        fits = False
    if not fits:
        raise ValueError(f"gradient(w0) must return the shape of w0 {w.shape} (or a number), got {g.shape}")
    path = [w.copy()]
    for _ in range(steps):
        w = w - lr * np.asarray(gradient(w), dtype=float)
        path.append(w.copy())
        if not np.all(np.isfinite(w)) or np.abs(w).max() > escape:
            break
    return np.array(path)


def describe_run(surface: LossSurface, path: np.ndarray, *, tol: float = 1e-3) -> str:
    """Name what a descent path did: ``"diverged"``, ``"oscillating"``, ``"converged"``,
    ``"local minimum"`` or ``"crawling"``.

    - diverged: the loss ended higher than it started (or overflowed);
    - oscillating: in the first 10 steps most successive steps point in opposite directions (an angle
      over 90°): the path zig-zags across the valley, whether or not it settles later;
    - converged: the loss gap to the global minimum shrank below ``tol`` times the starting gap;
    - local minimum: the gradient shrank below ``tol`` times its starting size, but the loss is still
      above the global minimum;
    - crawling: still going downhill, but far from any minimum after all the steps.
    """
    _surface(surface)
    path = as_float_array(path, "path", ndim=2, allow_nan=True, nonempty=True)
    check_shape(path, "path", (None, 2), "(one row per point visited)")
    tol = as_positive_float(tol, "tol")
    best = surface.loss_at(surface.minimum)
    with np.errstate(over="ignore", invalid="ignore"):
        losses = np.array([float(surface.loss(*p)) if np.all(np.isfinite(p)) else np.inf for p in path])
    if not np.isfinite(losses[-1]) or losses[-1] > losses[0]:
        return "diverged"
    moves = np.diff(path[:12], axis=0)
    flips = np.sum(moves[1:] * moves[:-1], axis=1) < 0
    if len(flips) > 0 and np.mean(flips) > 0.5:
        return "oscillating"
    if losses[-1] - best < tol * max(losses[0] - best, 1e-12):
        return "converged"
    start, end = (np.linalg.norm(surface.gradient(p)) for p in (path[0], path[-1]))
    return "local minimum" if end < tol * max(start, 1e-12) else "crawling"


def minibatch_updates(x, y, w0, lr: float, batch_size: int, updates: int, *, start: int = 0,
                      seed: int = 0, escape: float = 1e6) -> np.ndarray:
    """Mini-batch gradient descent on the line fit ``y_hat = w x + b``, one update per batch of ``batch_size``.

    Each update uses the gradient of the mean squared error on its batch only, a noisy estimate of the full
    gradient. Update ``t`` (counted from 0 over the whole run) uses batch ``t mod ceil(N / B)`` of epoch
    ``t // ceil(N / B)``, whose sample order is a permutation drawn from ``(seed, epoch)``; so a run continued
    with ``start = updates taken so far`` takes exactly the steps one longer call would.

    Args:
        x, y: the data, shapes (N,) and (N,).
        w0: where this stretch starts, ``(w, b)``, shape (2,).
        lr: the learning rate η, > 0; batch_size: B, 1 <= B; updates: how many updates to take.
        start: how many updates the run has taken before ``w0``; escape: stop once ``|w|`` exceeds it.

    Returns:
        the points visited, shape (k + 1, 2) with ``k <= updates``: row 0 is ``w0``.
    """
    x, y = _xy(x, y)
    batch_size, updates = as_positive_int(batch_size, "batch_size"), as_positive_int(updates, "updates")
    lr, escape = as_positive_float(lr, "lr"), as_positive_float(escape, "escape")
    start, seed = as_int(start, "start", low=0), as_int(seed, "seed", low=0)
    per_epoch = -(-len(x) // batch_size)
    w = _point(w0, "w0").copy()
    path, orders = [w.copy()], {}
    for t in range(start, start + updates):
        epoch, batch = divmod(t, per_epoch)
        if epoch not in orders:
            orders[epoch] = np.random.default_rng([seed, epoch]).permutation(len(x))
        idx = orders[epoch][batch * batch_size:(batch + 1) * batch_size]
        r = w[0] * x[idx] + w[1] - y[idx]
        w = w - lr * np.array([2 * np.mean(r * x[idx]), 2 * np.mean(r)])
        path.append(w.copy())
        if not np.all(np.isfinite(w)) or np.abs(w).max() > escape:
            break
    return np.array(path)


def minibatch_path(x, y, w0, lr: float, batch_size: int, epochs: int, seed: int = 0) -> np.ndarray:
    """``epochs`` passes of :func:`minibatch_updates` over the data: ``ceil(N / B)`` updates per epoch.

    ``batch_size = len(x)`` is (full-)batch gradient descent, ``batch_size = 1`` is stochastic gradient
    descent (SGD). Returns every point visited, shape (updates + 1, 2).
    """
    batch_size, epochs = as_positive_int(batch_size, "batch_size"), as_positive_int(epochs, "epochs")
    per_epoch = -(-len(as_float_array(x, "x", ndim=1)) // batch_size)
    return minibatch_updates(x, y, w0, lr, batch_size, epochs * per_epoch, seed=seed)


def uphill_fraction(surface: LossSurface, path) -> float:
    """The fraction of a path's steps after which the (full) loss of ``surface`` is higher than before.

    Full-batch descent with a stable learning rate never goes uphill; a mini-batch step can, because it
    follows the slope of its batch, not of all the data. ``path``: shape (k + 1, 2) with k >= 1.
    """
    if not isinstance(surface, LossSurface):
        raise TypeError(f"surface must be a LossSurface (from helpers.descent), got {type(surface).__name__}")
    path = check_shape(as_float_array(path, "path", ndim=2), "path", (None, 2), "(one (w, b) point per row)")
    if len(path) < 2:
        raise ValueError(f"path must hold at least two points, got {len(path)}")
    losses = np.array([surface.loss_at(p) for p in path])
    return float(np.mean(np.diff(losses) > 0))


def split_lr_regimes(surface: LossSurface) -> dict[str, float]:
    """The two learning-rate thresholds of a quadratic surface: below ``1/lambda_max`` every direction shrinks
    without overshooting; between that and ``2/lambda_max`` the steepest direction overshoots and zig-zags but
    still shrinks; above ``2/lambda_max`` it grows every step and the run diverges."""
    lr_max = _surface(surface).largest_stable_lr()
    return {"monotone below": lr_max / 2, "diverges above": lr_max}
