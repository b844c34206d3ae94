"""Activation functions (활성화 함수) and their derivatives — notebook 04.

Twelve functions, each with a ``*_grad`` that gives the derivative with respect to the input:
``step, identity, sigmoid, tanh, relu, leaky_relu, prelu, elu, selu, swish, maxout, softmax``.
``prelu`` also has :func:`prelu_grad_alpha`, the gradient with respect to its learnable slope.

Shapes: the elementwise functions take ``x`` of any shape and return an array of the same shape
(a Python ``float`` for a single number); their ``*_grad`` is the elementwise derivative, same shape.
``maxout`` and ``softmax`` act along an axis: see their docstrings.

Numerically stable everywhere: no overflow, no NaN for any finite input (tested up to ``|x| = 1e4``).
``exp`` is only ever taken of a number <= 0, so it can only underflow to 0, which is the exact answer
in double precision; that underflow is silenced on purpose (``np.errstate(under="ignore")``).

Modules: ``classic`` (step, identity, sigmoid, tanh, log-sigmoid), ``relu_family`` (ReLU, leaky ReLU,
PReLU, ELU, SELU, swish), ``along_axis`` (maxout, softmax, log-softmax) and ``registry``
(:data:`ACTIVATIONS`: name -> function, derivative, parameters, formula, and a one-dimensional view used
by the plots, the properties table and the explorer). Everything is importable from here.
"""

from helpers.activations.along_axis import log_softmax, maxout, maxout_grad, softmax, softmax_grad
from helpers.activations.classic import (
    identity,
    identity_grad,
    log_sigmoid,
    log_sigmoid_grad,
    sigmoid,
    sigmoid_grad,
    step,
    step_grad,
    tanh,
    tanh_grad,
)
from helpers.activations.registry import ACTIVATIONS, Activation
from helpers.activations.relu_family import (
    SELU_ALPHA,
    SELU_LAMBDA,
    elu,
    elu_grad,
    leaky_relu,
    leaky_relu_grad,
    prelu,
    prelu_grad,
    prelu_grad_alpha,
    relu,
    relu_grad,
    selu,
    selu_grad,
    swish,
    swish_grad,
)

__all__ = [
    "ACTIVATIONS", "SELU_ALPHA", "SELU_LAMBDA", "Activation", "elu", "elu_grad", "identity", "identity_grad",
    "leaky_relu", "leaky_relu_grad", "log_sigmoid", "log_sigmoid_grad", "log_softmax", "maxout", "maxout_grad",
    "prelu", "prelu_grad", "prelu_grad_alpha", "relu", "relu_grad", "selu", "selu_grad", "sigmoid",
    "sigmoid_grad", "softmax", "softmax_grad", "step", "step_grad", "swish", "swish_grad", "tanh", "tanh_grad",
]
