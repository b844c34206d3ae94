"""The layers of an MLP: ``Affine``, the elementwise activations, ``Sequential`` and ``mlp`` — notebook 02 onwards.

The contract every layer follows is in :mod:`helpers.layers`.
"""

from __future__ import annotations

import numpy as np

from helpers.layers._common import _as_array, _sigmoid
from helpers.validation import (
    as_bool,
    as_choice,
    as_dout,
    as_finite_float,
    as_float_array,
    as_positive_int,
    as_rng,
    as_sizes,
    internal_values,
    require_forward,
    require_methods,
)


class Affine:
    """Fully connected layer ``out = x @ W + b`` (PyTorch ``nn.Linear``, Keras ``Dense`` without activation).

    Args:
        n_in: inputs per sample; n_out: outputs per sample.
        rng: a ``np.random.Generator`` or a seed for the starting weights.
        weight_scale: standard deviation of the normal starting weights; default ``1 / sqrt(n_in)``.
            Biases start at 0.

    Shapes: ``x`` (N, n_in) -> ``out`` (N, n_out); ``W`` (n_in, n_out); ``b`` (n_out,).
    """

    def __init__(self, n_in: int, n_out: int, *, rng=None, weight_scale: float | None = None):
        self.n_in = as_positive_int(n_in, "n_in")
        self.n_out = as_positive_int(n_out, "n_out")
        rng = as_rng(rng, "rng")
        scale = 1.0 / np.sqrt(self.n_in) if weight_scale is None else as_finite_float(weight_scale, "weight_scale",
                                                                                        low=0.0)
        self.params = {"W": scale * rng.standard_normal((self.n_in, self.n_out)), "b": np.zeros(self.n_out)}
        self.grads = {"W": np.zeros_like(self.params["W"]), "b": np.zeros_like(self.params["b"])}
        self.x = None  # the input, for dW

    def forward(self, x) -> np.ndarray:
        """``x`` (N, n_in) -> ``x @ W + b`` (N, n_out)."""
        x = _as_array(x, "x", ndim=2)
        if x.shape[1] != self.n_in:
            raise ValueError(f"x must have shape (N, {self.n_in}) for Affine({self.n_in}, {self.n_out}), got {x.shape}")
        self.x = x
        out = x @ self.params["W"]
        out += self.params["b"]  # in place: no second (N, n_out) array
        return out

    def backward(self, dout: np.ndarray, *, dx: bool = True) -> np.ndarray | None:
        """``dout`` (N, n_out) -> ``dx`` (N, n_in); stores ``grads["W"]`` (n_in, n_out) and ``grads["b"]`` (n_out,).

        ``dx=False`` skips ``dout @ W.T`` and returns None: the first layer of a network being trained need not
        pass a gradient back to the data (PyTorch skips it too, as the data does not require a gradient).
        """
        require_forward(self, self.x)
        dout, dx = as_dout(dout, (self.x.shape[0], self.n_out)), as_bool(dx, "dx")
        self.grads["W"] = self.x.T @ dout
        self.grads["b"] = dout.sum(axis=0)
        return dout @ self.params["W"].T if dx else None

    def __repr__(self) -> str:
        return f"Affine({self.n_in}, {self.n_out})"


class _Activation:
    """Shared parts of the elementwise activations: no parameters, same shape in and out."""

    def __init__(self):
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.out = None  # what backward needs (the output, or for ReLU the mask)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Sigmoid(_Activation):
    """``out = 1 / (1 + exp(-x))``, elementwise; ``dx = dout * out * (1 - out)``. Shapes: any, kept."""

    def forward(self, x) -> np.ndarray:
        self.out = _sigmoid(_as_array(x, "x"))
        return self.out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        require_forward(self, self.out)
        return as_dout(dout, self.out.shape) * self.out * (1.0 - self.out)


class Tanh(_Activation):
    """``out = tanh(x)``, elementwise; ``dx = dout * (1 - out**2)``. Shapes: any, kept."""

    def forward(self, x) -> np.ndarray:
        self.out = np.tanh(_as_array(x, "x"))
        return self.out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        require_forward(self, self.out)
        return as_dout(dout, self.out.shape) * (1.0 - self.out**2)


class ReLU(_Activation):
    """``out = max(0, x)``, elementwise; ``dx = dout`` where ``x > 0``, else 0. Shapes: any, kept.

    Unlike deep-learning-from-scratch's ``Relu.backward``, ``dout`` is not zeroed in place: a new array
    is returned. ``np.maximum`` and a product with the mask are NumPy's vectorised loops (``np.where`` took
    14 % of a training step more); inside a diverged network a NaN stays NaN instead of becoming 0.
    """

    def forward(self, x) -> np.ndarray:
        x = _as_array(x, "x")
        self.out = x > 0  # the mask
        return np.maximum(x, 0.0)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        require_forward(self, self.out)
        return as_dout(dout, self.out.shape) * self.out


class Linear(_Activation):
    """The identity ``out = x`` (the Playground's "linear" activation); ``dx = dout``. Shapes: any, kept.

    A network whose every activation is linear is one affine map, however deep: the trainer shows it.
    """

    def forward(self, x) -> np.ndarray:
        x = _as_array(x, "x")
        self.out = x.shape  # backward needs only the shape
        return x

    def backward(self, dout: np.ndarray) -> np.ndarray:
        require_forward(self, self.out)
        return as_dout(dout, self.out).copy()


class Step(_Activation):
    """The perceptron's step ``out = 1 if x > 0 else 0``, elementwise; ``dx = 0`` (its slope is zero wherever
    it has one), so nothing before a step layer ever learns. Shapes: any, kept."""

    def forward(self, x) -> np.ndarray:
        x = _as_array(x, "x")
        self.out = (x > 0).astype(float)
        return self.out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        require_forward(self, self.out)
        return np.zeros_like(as_dout(dout, self.out.shape))


#: Activation layers by name (the trainer's dropdown and ``mlp`` use these).
ACTIVATION_LAYERS = {"tanh": Tanh, "sigmoid": Sigmoid, "relu": ReLU, "linear": Linear, "step": Step}


class Sequential:
    """Layers applied in order (PyTorch ``nn.Sequential``, Keras ``Sequential``).

    ``params`` and ``grads`` are flat dicts ``{"0.W": ..., "0.b": ..., "2.W": ...}`` whose values are the
    layers' own arrays, so an optimiser that updates ``params`` in place updates the layers.

    Shapes: ``x`` (N, n_in of the first layer) -> (N, n_out of the last layer).
    """

    def __init__(self, layers):
        if not isinstance(layers, (list, tuple)):
            raise TypeError(f"layers must be a list of layers, got {type(layers).__name__} {layers!r}")
        self.layers = list(layers)
        for i, layer in enumerate(self.layers):
            require_methods(layer, f"layers[{i}]", ("forward", "backward"), "Affine or ReLU")

    def forward(self, x) -> np.ndarray:
        """The first layer checks ``x``; what flows between the layers may be NaN once training diverged."""
        if not self.layers:
            return as_float_array(x, "x")
        x = self.layers[0].forward(x)
        with internal_values():
            for layer in self.layers[1:]:
                x = layer.forward(x)
        return x

    def backward(self, dout: np.ndarray, *, dx: bool = True) -> np.ndarray | None:
        """The last layer checks ``dout`` (shape and values); the gradients it passes back are the model's own.

        ``dx=False``: a first layer that is an ``Affine`` does not compute the gradient for the input, and None
        is returned (what a training step does: the parameters' gradients are all it needs).
        """
        dx = as_bool(dx, "dx")
        if not self.layers:
            return as_float_array(dout, "dout") if dx else None
        last = len(self.layers) - 1
        skip_first = not dx and isinstance(self.layers[0], Affine)
        dout = self.layers[-1].backward(dout, dx=False) if skip_first and last == 0 else self.layers[-1].backward(dout)
        with internal_values():
            for k in range(last - 1, -1, -1):
                layer = self.layers[k]
                dout = layer.backward(dout, dx=False) if skip_first and k == 0 else layer.backward(dout)
        return dout if dx else None

    @property
    def params(self) -> dict[str, np.ndarray]:
        return {f"{i}.{k}": v for i, layer in enumerate(self.layers) for k, v in layer.params.items()}

    @property
    def grads(self) -> dict[str, np.ndarray]:
        return {f"{i}.{k}": v for i, layer in enumerate(self.layers) for k, v in layer.grads.items()}

    def __repr__(self) -> str:
        return "Sequential([" + ", ".join(map(repr, self.layers)) + "])"


def mlp(sizes, activation: str = "tanh", *, rng=None, output_activation: str | None = None) -> Sequential:
    """A multi-layer perceptron: ``Affine`` layers of ``sizes`` with ``activation`` between them.

    Args:
        sizes: units per layer from input to output, e.g. ``[2, 2, 1]`` for the 2-2-1 XOR network.
        activation: ``"tanh"``, ``"sigmoid"``, ``"relu"``, ``"linear"`` or ``"step"`` after every hidden ``Affine``.
        rng: a ``np.random.Generator`` or a seed for the starting weights.
        output_activation: optional activation after the last ``Affine`` (e.g. ``"sigmoid"`` for MSELoss).
    """
    sizes = as_sizes(sizes)
    as_choice(activation, "activation", ACTIVATION_LAYERS)
    as_choice(output_activation, "output_activation", ACTIVATION_LAYERS, allow_none=True)
    rng = as_rng(rng, "rng")
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        layers.append(Affine(n_in, n_out, rng=rng))
        if i < len(sizes) - 2:
            layers.append(ACTIVATION_LAYERS[activation]())
    if output_activation is not None:
        layers.append(ACTIVATION_LAYERS[output_activation]())
    return Sequential(layers)
