"""A playground run as a PyTorch script a learner can run elsewhere: :func:`to_pytorch`.

The script holds everything as literals: the training and test data with the input features already
computed (x1², sin x1, ... as the network sees them), an ``nn.Sequential`` of ``nn.Linear`` layers and
activations of the same sizes, the current weights copied in (so it starts where the playground is),
the same loss, optimiser and hyper-parameters, the weight penalty written out as a term of the loss
(``helpers.optim.penalty``: ``rate * sum W**2 / 2`` for L2, ``rate * sum |W|`` for L1, weights only,
never biases), the batch size and the number of epochs. It computes in float64, as NumPy does.

What differs: PyTorch shuffles the mini-batches with its own generator (seeded with the same seed, but
not NumPy's stream), so with mini-batches the run is an equivalent one, not the same numbers; with the
full batch (``batch="all"``) there is no shuffling and it follows the playground's run. An optimiser's
running state (momentum's velocity, Adam's moments) starts afresh in the script, as after a restart.
PyTorch's momentum keeps ``b = momentum * b + g`` and steps ``-lr * b``: for a fixed ``lr`` the same
steps as ``helpers.optim.Momentum``'s ``v = momentum * v - lr * g``.
"""

from __future__ import annotations

import numpy as np

from helpers.playground.session import Session, features
from helpers.validation import as_positive_int

#: ``helpers.layers`` activation -> the PyTorch module that computes it ("step" is defined in the script).
TORCH_ACTIVATIONS = {"tanh": "nn.Tanh()", "sigmoid": "nn.Sigmoid()", "relu": "nn.ReLU()", "linear": "nn.Identity()",
                     "step": "Step()"}
#: When the playground has no stop epoch, the script trains this many epochs.
DEFAULT_EPOCHS = 100

_STEP = '''

class Step(nn.Module):
    """The perceptron's step: 1 where x > 0, else 0 (its slope is 0: nothing before it learns)."""

    def forward(self, x):
        return (x > 0).to(x.dtype)
'''


def _tensor(name: str, values: np.ndarray, dtype: str) -> list[str]:
    """``name = torch.tensor([...], dtype=...)``: a matrix one row per line, a vector on one line (Python's
    exact float repr; class labels as ints)."""
    if values.ndim == 1:
        items = values.astype(int).tolist() if dtype == "torch.long" else values.tolist()
        return [f"{name} = torch.tensor({items!r}, dtype={dtype})"]
    return [f"{name} = torch.tensor([", *(f"    {row!r}," for row in values.tolist()), f"], dtype={dtype})"]


def _optimizer(session: Session) -> str:
    """The ``torch.optim`` call with the playground optimiser's hyper-parameters."""
    opt, name = session.trainer.optimizer, session.state.optimizer
    if name == "sgd":
        return f"torch.optim.SGD(model.parameters(), lr={opt.lr!r})"
    if name == "momentum":
        return f"torch.optim.SGD(model.parameters(), lr={opt.lr!r}, momentum={opt.momentum!r})"
    return f"torch.optim.Adam(model.parameters(), lr={opt.lr!r}, betas=({opt.beta1!r}, {opt.beta2!r}), eps={opt.eps!r})"


def to_pytorch(session: Session, epochs: int | None = None) -> str:
    """An equivalent, runnable PyTorch script of ``session``'s run, as text (see the module's docstring).

    ``epochs``: how many the script trains; by default the epochs left to the state's stop epoch, or
    :data:`DEFAULT_EPOCHS` without one.
    """
    if not isinstance(session, Session):
        raise TypeError(f"session must be a playground Session, got {type(session).__name__}")
    state, t = session.state, session.trainer
    if epochs is None:
        epochs = state.stop_epoch - t.epoch if state.stop_epoch > t.epoch else DEFAULT_EPOCHS
    epochs = as_positive_int(epochs, "epochs")
    classes = session.multiclass
    label_type = "torch.long" if classes else "torch.float64"
    loss_fn, scale = (("nn.MSELoss()", "0.5 * ") if state.regression else ("nn.CrossEntropyLoss()", "") if classes
                      else ("nn.BCEWithLogitsLoss()", ""))
    target = "" if classes else ".squeeze(1)"
    affines = session.affines
    layers = []
    for k, affine in enumerate(affines):
        layers.append(f"    nn.Linear({affine.n_in}, {affine.n_out}),")
        if k + 1 < len(affines):
            layers.append(f"    {TORCH_ACTIVATIONS[state.activation]},")
    batch = len(t.X) if t.batch_size >= len(t.X) else t.batch_size
    reg = {None: "0.0", "L2": "REG_RATE * sum((m.weight ** 2).sum() for m in linears) / 2",
           "L1": "REG_RATE * sum(m.weight.abs().sum() for m in linears)"}[state.regularization]
    lines = [
        f'"""Exported from the course\'s live trainer (helpers.playground), epoch {t.epoch} of its run.',
        "",
        f"Playground state: {state.to_string()}",
        f"Inputs (features, already computed): {', '.join(state.features)}.",
        "Run: pip install torch, then python this_file.py",
        '"""',
        "",
        "import torch",
        "from torch import nn",
        *(_STEP.splitlines() if state.activation == "step" else []),
        "",
        f"SEED = {state.seed}",
        f"BATCH_SIZE = {batch}",
        f"EPOCHS = {epochs}",
        f"REG_RATE = {state.reg_rate!r}  # {state.regularization or 'no'} weight penalty, on weights only",
        "torch.manual_seed(SEED)",
        "",
        *_tensor("X_train", features(session.X_train, state.features), "torch.float64"),
        *_tensor("y_train", session.y_train, label_type),
        *_tensor("X_test", features(session.X_test, state.features), "torch.float64"),
        *_tensor("y_test", session.y_test, label_type),
        "",
        "model = nn.Sequential(",
        *layers,
        ").double()",
        "linears = [m for m in model if isinstance(m, nn.Linear)]",
        "# the playground's weights now; nn.Linear keeps W transposed, (out, in)",
        "weights = [",
        *[f"    ({a.params['W'].T.tolist()!r}, {a.params['b'].tolist()!r})," for a in affines],
        "]",
        "with torch.no_grad():",
        "    for m, (W, b) in zip(linears, weights):",
        "        m.weight.copy_(torch.tensor(W, dtype=torch.float64))",
        "        m.bias.copy_(torch.tensor(b, dtype=torch.float64))",
        f"loss_fn = {loss_fn}",
        f"optimizer = {_optimizer(session)}",
        "",
        "",
        "def penalty():",
        f"    return {reg}",
        "",
        "",
        "for epoch in range(EPOCHS):",
        "    order = torch.randperm(len(X_train)) if BATCH_SIZE < len(X_train) else torch.arange(len(X_train))",
        "    for start in range(0, len(X_train), BATCH_SIZE):",
        "        batch = order[start:start + BATCH_SIZE]",
        "        optimizer.zero_grad()",
        f"        loss = {scale}loss_fn(model(X_train[batch]){target}, y_train[batch]) + penalty()",
        "        loss.backward()",
        "        optimizer.step()",
        "    with torch.no_grad():",
        f"        train_loss = {scale}loss_fn(model(X_train){target}, y_train).item()",
        f"        test_loss = {scale}loss_fn(model(X_test){target}, y_test).item()",
        f"    print(f'epoch {{epoch + 1 + {t.epoch}}}: loss train {{train_loss:.3f}}, test {{test_loss:.3f}}')",
    ]
    return "\n".join(lines) + "\n"
