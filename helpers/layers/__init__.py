"""Vector layers with ``forward(x)`` / ``backward(dout)`` — notebook 02 onwards.

Every layer follows the same small contract (DESIGN.md, examples 1-5):

- ``forward(x)`` computes the output and keeps in a cache exactly what ``backward`` needs
  (declared as ``None`` in ``__init__``);
- ``backward(dout)`` takes the gradient of the loss with respect to the output and returns the
  gradient with respect to the input. It never changes ``dout`` in place;
- ``params`` and ``grads`` are dicts with the same keys (``"W"``, ``"b"``), so an optimiser can update
  any layer without knowing what it is. Layers without parameters have empty dicts.

A loss is a layer too: ``forward(scores, y)`` returns a number, ``backward()`` returns ``dscores``, and
``predict(scores)`` turns scores into 0/1 labels.

Modules: ``dense`` (``Affine``, the activation layers, ``Sequential``, ``mlp``), ``losses`` (squared error,
binary and softmax cross-entropy) and ``batchnorm`` (``BatchNorm``, ``set_training``). Everything is
importable from here.
"""

from helpers.layers.batchnorm import BatchNorm, set_training
from helpers.layers.dense import ACTIVATION_LAYERS, Affine, Linear, ReLU, Sequential, Sigmoid, Step, Tanh, mlp
from helpers.layers.losses import BinaryCrossEntropy, MSELoss, SoftmaxWithLoss, SquaredErrorLoss, softmax

__all__ = [
    "ACTIVATION_LAYERS", "Affine", "BatchNorm", "BinaryCrossEntropy", "Linear", "MSELoss", "ReLU", "Sequential",
    "Sigmoid", "SoftmaxWithLoss", "SquaredErrorLoss", "Step", "Tanh", "mlp", "set_training", "softmax",
]
