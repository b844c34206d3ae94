"""Everything that defines a playground, as one value: :class:`PlaygroundState` and its short string.

The string is what an instructor hands out: ``mlp_playground(state="data=spiral&net=8,8&...")`` rebuilds
the same data, network, starting weights and settings. It reads like the TensorFlow Playground's URL
hash (``key=value`` pairs joined by ``&``), with this course's names.
"""

from __future__ import annotations

import dataclasses
import numbers

from helpers.datasets import REGRESSION_DATASETS, TOY_DATASETS
from helpers.layers import ACTIVATION_LAYERS
from helpers.optim import OPTIMIZERS
from helpers.validation import as_sequence

#: The four rows of XOR's truth table as a data set (notebook 02): not one of the Playground's.
XOR_TABLE = "xor table"
#: The learner's own points (``PlaygroundState.points``), drawn on the map or set from code.
CUSTOM = "custom"
#: Classes of the multiclass sets.
MULTICLASS = {"spiral3": 3, "blobs4": 4}
#: Classification sets first (the Playground's four, the XOR table, the multiclass sets, the learner's own),
#: then the two regression sets.
DATASETS = tuple(TOY_DATASETS) + (XOR_TABLE, *MULTICLASS, CUSTOM) + tuple(REGRESSION_DATASETS)
#: The optimisers (``helpers.optim``) and the starting weights: "lecun" is ``Affine``'s own N(0, 1/n_in),
#: the others are ``helpers.init``'s schemes of notebook 06.
OPTIMIZER_NAMES = tuple(OPTIMIZERS)
INITS = ("lecun", "xavier", "he", "std 1", "std 0.01", "zeros")
#: At most this many points in a custom set (room to add to a generated set's 500), each of class
#: 0 .. MAX_CLASSES - 1, within the plane PLANE².
MAX_POINTS, MAX_CLASSES, PLANE = 1000, 4, (-6.0, 6.0)
#: The input features the network can see, by their id in the state string and their label.
FEATURES = {"x1": "x1", "x2": "x2", "x1sq": "x1²", "x2sq": "x2²", "x1x2": "x1·x2", "sinx1": "sin x1",
            "sinx2": "sin x2"}
#: The Playground's learning rates and regularisation rates.
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
NOISES = tuple(round(0.05 * i, 2) for i in range(11))  # standard deviation of the jitter, in the data's units
BATCH_SIZES = tuple(range(1, 31)) + ("all",)
MAX_LAYERS, MAX_NEURONS = 6, 8

_KEYS = {"data": "dataset", "noise": "noise", "train": "train_percent", "batch": "batch_size", "x": "features",
         "net": "layers", "act": "activation", "lr": "lr", "reg": "regularization", "rate": "reg_rate",
         "test": "show_test", "disc": "discretize", "seed": "seed", "dseed": "data_seed", "opt": "optimizer",
         "init": "init", "stop": "stop_epoch", "pts": "points"}


def _number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


@dataclasses.dataclass(frozen=True)
class PlaygroundState:
    """One playground's settings (defaults: the TensorFlow Playground's opening page, here with XOR).

    Attributes:
        dataset: one of :data:`DATASETS` (``"plane"`` and ``"bumps"`` are regression sets).
        noise: one of :data:`NOISES`; train_percent: 10, 20, ..., 90 (the rest is the test set).
        batch_size: 1-30 or ``"all"``; features: a non-empty tuple of :data:`FEATURES` ids.
        layers: neurons per hidden layer, 0-6 layers of 1-8 each, e.g. ``(4, 2)``.
        activation: a key of :data:`helpers.layers.ACTIVATION_LAYERS`; lr: one of :data:`LEARNING_RATES`.
        regularization: ``None``, ``"L1"`` or ``"L2"``; reg_rate: one of :data:`REG_RATES`.
        show_test, discretize: what the big picture shows; seed: starting weights and batch order;
        data_seed: the data and its train/test split.
        optimizer: one of :data:`OPTIMIZER_NAMES`; init: one of :data:`INITS` (the starting weights).
        stop_epoch: training pauses by itself at this epoch; 0: never.
        points: for ``dataset="custom"`` only, the learner's points ``((x1, x2, label), ...)`` in Playground
            units, rounded to 0.1 (1 to :data:`MAX_POINTS` of them, labels 0-3); empty for every other set.
    """

    dataset: str = "xor"
    noise: float = 0.0
    train_percent: int = 50
    batch_size: int | str = 10
    features: tuple = ("x1", "x2")
    layers: tuple = (4, 2)
    activation: str = "tanh"
    lr: float = 0.03
    regularization: str | None = None
    reg_rate: float = 0.0
    show_test: bool = False
    discretize: bool = False
    seed: int = 0
    data_seed: int = 0
    optimizer: str = "sgd"
    init: str = "lecun"
    stop_epoch: int = 0
    points: tuple = ()

    def __post_init__(self):
        def one_of(name, options):
            value = getattr(self, name)
            if value not in options or isinstance(value, bool) != isinstance(options[0], bool):
                raise ValueError(f"{name} must be one of {list(options)}, got {value!r}")

        one_of("dataset", DATASETS)
        one_of("activation", tuple(ACTIVATION_LAYERS))
        one_of("regularization", (None, "L1", "L2"))
        one_of("optimizer", OPTIMIZER_NAMES)
        one_of("init", INITS)
        for name, options in (("noise", NOISES), ("lr", LEARNING_RATES), ("reg_rate", REG_RATES)):
            if not _number(getattr(self, name)) or getattr(self, name) not in options:
                raise ValueError(f"{name} must be one of {list(options)}, got {getattr(self, name)!r}")
        if self.train_percent not in range(10, 100, 10) or not _number(self.train_percent):
            raise ValueError(f"train_percent must be one of 10, 20, ..., 90, got {self.train_percent!r}")
        if self.batch_size != "all" and (isinstance(self.batch_size, bool) or self.batch_size not in range(1, 31)):
            raise ValueError(f"batch_size must be 1-30 or 'all', got {self.batch_size!r}")
        features = as_sequence(self.features, "features", "feature ids")
        layers = as_sequence(self.layers, "layers", "neuron counts")
        if not features or len(set(features)) != len(features) or not set(features) <= set(FEATURES):
            raise ValueError(f"features must be one or more different ids of {list(FEATURES)}, got {features!r}")
        if len(layers) > MAX_LAYERS or any(isinstance(n, bool) or n not in range(1, MAX_NEURONS + 1) for n in layers):
            raise ValueError(f"layers must be 0-{MAX_LAYERS} hidden layers of 1-{MAX_NEURONS} neurons, got {layers!r}")
        for name in ("show_test", "discretize"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be True or False, got {getattr(self, name)!r}")
        for name in ("seed", "data_seed", "stop_epoch"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
                raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
        # keep the canonical order of features, so equal states compare equal
        object.__setattr__(self, "features", tuple(f for f in FEATURES if f in features))
        object.__setattr__(self, "layers", tuple(int(n) for n in layers))
        object.__setattr__(self, "points", _check_points(self.points, self.dataset))

    @property
    def n_classes(self) -> int | None:
        """Classes to tell apart: 2 for the binary sets, 3 or 4 for the multiclass ones, None for regression.
        For ``"custom"``: the highest label + 1, at least 2 (a class may have no point left)."""
        if self.regression:
            return None
        if self.dataset == CUSTOM:
            return max(2, 1 + max(label for _, _, label in self.points))
        return MULTICLASS.get(self.dataset, 2)

    @property
    def regression(self) -> bool:
        """True for the regression sets (linear output, squared error); False for classification."""
        return self.dataset in REGRESSION_DATASETS

    def replace(self, **changes) -> PlaygroundState:
        """A copy with some fields changed (checked like a new state)."""
        return dataclasses.replace(self, **changes)

    def to_string(self) -> str:
        """The short share-string, e.g. ``"data=xor&noise=0&...&seed=0&dseed=0&opt=sgd&..."``; see
        :meth:`from_string`. A custom data set adds its points: ``pts=-3.2,1.5,0;2,2,1`` (x1, x2, label; ...),
        about 10 characters a point (a few kB for a set started from a generated one's 500 points)."""
        parts = []
        for key, name in _KEYS.items():
            value = getattr(self, name)
            if name == "points":
                if not value:
                    continue
                value = ";".join(f"{x1:g},{x2:g},{label}" for x1, x2, label in value)
            elif isinstance(value, tuple):
                value = ",".join(map(str, value))
            elif isinstance(value, bool):
                value = int(value)
            elif value is None:
                value = "none"
            elif isinstance(value, float):
                value = f"{value:g}"
            parts.append(f"{key}={value}")
        return "&".join(parts)

    @classmethod
    def from_string(cls, text: str) -> PlaygroundState:
        """Read a share-string; keys left out keep their defaults. Raises ``ValueError`` on a bad key or value."""
        if not isinstance(text, str):
            raise TypeError(f"state text must be a string like 'data=xor&net=4,2', got {type(text).__name__}")
        values = {}
        for part in filter(None, text.strip().lstrip("#").split("&")):
            key, sep, raw = part.partition("=")
            if not sep or key not in _KEYS:
                raise ValueError(f"state text: unknown part {part!r}; the keys are {', '.join(_KEYS)}")
            values[_KEYS[key]] = _parse(_KEYS[key], raw)
        return cls(**values)


def _parse(name: str, raw: str):
    """One field's value from its text in the share-string."""
    try:
        if name in ("features", "layers"):
            items = [item for item in raw.split(",") if item]
            return tuple(items) if name == "features" else tuple(int(item) for item in items)
        if name in ("show_test", "discretize"):
            return {"1": True, "0": False}[raw]
        if name == "regularization":
            return None if raw == "none" else raw
        if name == "batch_size":
            return raw if raw == "all" else int(raw)
        if name in ("train_percent", "seed", "data_seed", "stop_epoch"):
            return int(raw)
        if name == "points":
            return tuple((float(x1), float(x2), int(label)) for x1, x2, label in
                         (item.split(",") for item in raw.split(";") if item))
        if name in ("noise", "lr", "reg_rate"):
            return float(raw)
    except (ValueError, KeyError):
        raise ValueError(f"state text: {name} cannot be {raw!r}") from None
    return raw


def _check_points(points, dataset: str) -> tuple:
    """The ``points`` field: :func:`as_points` for a custom set, else it must be empty."""
    if dataset != CUSTOM:
        if as_sequence(points, "points", "(x1, x2, label) points"):
            raise ValueError(f"points are the learner's own data set: only for dataset={CUSTOM!r}, got {dataset!r}")
        return ()
    return as_points(points)


def as_points(points) -> tuple:
    """A custom set's ``points``, checked: 1 to :data:`MAX_POINTS` of ``(x1, x2, label)``, x1 and x2 in the
    plane, labels 0 .. MAX_CLASSES - 1; returned as a tuple with x1, x2 rounded to 0.1 (floats) and int labels.
    Raises ``TypeError``/``ValueError`` naming ``points`` (or the point, ``points[k]``)."""
    points = as_sequence(points, "points", "(x1, x2, label) points")
    if not 1 <= len(points) <= MAX_POINTS:
        raise ValueError(f"points must hold 1 to {MAX_POINTS} points for dataset={CUSTOM!r}, got {len(points)}")
    lo, hi = PLANE
    checked = []
    for k, point in enumerate(points):
        point = as_sequence(point, f"points[{k}]", "three numbers (x1, x2, label)")
        if len(point) != 3 or not all(map(_number, point)) or not all(lo <= v <= hi for v in point[:2]):
            raise ValueError(f"points[{k}] must be (x1, x2, label) with x1, x2 in [{lo:g}, {hi:g}], got {point!r}")
        x1, x2, label = point
        if label != int(label) or not 0 <= label < MAX_CLASSES:
            raise ValueError(f"points[{k}]'s label must be a whole class number 0 .. {MAX_CLASSES - 1}, got {label!r}")
        checked.append((round(float(x1), 1) + 0.0, round(float(x2), 1) + 0.0, int(label)))  # + 0.0: no -0.0
    return tuple(checked)
