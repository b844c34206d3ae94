"""The API probe: every public callable of every module of ``helpers`` (math, pictures, panels; the exercise
checks have tests/test_checks_never_raise.py), fed bad input of every kind, fails clearly.

Clearly means: a ``ValueError``/``TypeError`` whose message names the argument (the message also says what was
expected and what came: that is the job of ``helpers.validation``), with nothing changed by the failed call.
Calling ``backward`` before ``forward`` raises an error that says forward comes first.
Run ``python tests/test_api_probe.py`` for the counts by kind of problem and of bad input.
"""

import importlib
import inspect
import pkgutil
from collections import Counter

import pytest
from probe import bad_values, call_spec, fresh_value, probe_call, probe_order
from probe_registry import MODULES, REGISTRY

import helpers

SPECS = {name: spec for name, spec in REGISTRY.items() if not isinstance(spec, str)}  # RECORD, PANEL: no call
CALLS = [(name, arg, label, value) for name, spec in SPECS.items() for arg, a in spec.args.items()
         for label, value in bad_values(a)]
ORDERED = [name for name, spec in SPECS.items() if spec.fresh is not None]


def public_callables():
    """``module.name`` of every public function and class, and ``module.Class.method`` of their public methods
    (a subpackage, like ``activations``, counts what it re-exports from its own modules)."""
    names = []
    for module in MODULES:
        short = module.__name__.split(".")[-1]
        for name, obj in vars(module).items():
            home = getattr(obj, "__module__", None) or ""
            inside = home == module.__name__ or (hasattr(module, "__path__") and home.startswith(module.__name__ + "."))
            if name.startswith("_") or not inside or not callable(obj):
                continue
            names.append(f"{short}.{name}")
            if inspect.isclass(obj):
                names += [f"{short}.{name}.{m}" for m, v in vars(obj).items()
                          if (not m.startswith("_") or m == "__call__")
                          and (inspect.isfunction(v) or isinstance(v, (staticmethod, classmethod)))]
    return names


def test_every_public_callable_has_a_probe_entry():
    missing = sorted(set(public_callables()) - set(REGISTRY))
    assert not missing, f"add a line to tests/probe_registry.py for: {missing}"


#: Modules the probe leaves out, and why.
UNPROBED = {"helpers.validation": "the checks themselves, which every probed callable goes through",
            "helpers.checks": "the exercise self-checks: tests/test_checks_never_raise.py feeds them wrong answers"}


def test_every_module_is_probed():
    """Every module of ``helpers`` with public functions or classes of its own is in MODULES (a subpackage in
    MODULES covers its modules), or in UNPROBED with the reason."""
    listed = {m.__name__ for m in MODULES}
    missing = []
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        name, module = info.name, importlib.import_module(info.name)
        own = [n for n, v in vars(module).items() if not n.startswith("_") and callable(v)
               and getattr(v, "__module__", None) == name]
        covered = any(name == m or name.startswith(m + ".") for m in (*listed, *UNPROBED))
        if own and not covered:
            missing.append(name)
    assert not missing, f"add these modules to MODULES in tests/probe_registry*.py: {missing}"


def test_every_entry_is_a_public_callable():
    assert not sorted(set(REGISTRY) - set(public_callables()))


@pytest.mark.parametrize("name", SPECS)
def test_good_arguments_work(name):
    """The probe's good values are good: otherwise every bad call would fail for the wrong reason."""
    spec = SPECS[name]
    obj = spec.make() if spec.make is not None else None
    call_spec(spec, {k: fresh_value(a.good) for k, a in spec.args.items()}, obj)


def _mark(name):
    owner = SPECS[name].owner
    return [pytest.mark.xfail(reason=f"owned by the {owner} engineer", strict=False)] if owner else []


@pytest.mark.parametrize("name", [pytest.param(n, marks=_mark(n)) for n in SPECS])
def test_every_bad_argument_fails_clearly_and_changes_nothing(name):
    """One test per callable: each argument in turn gets every bad value of its kind."""
    problems = [f"{name}({arg}={label}): {problem}" for n, arg, label, value in CALLS if n == name
                for problem in [probe_call(SPECS[name], arg, value)] if problem]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", [pytest.param(n, marks=_mark(n)) for n in ORDERED])
def test_backward_before_forward_says_so(name):
    assert probe_order(SPECS[name]) is None


def summary() -> str:
    """Counts of the probe's findings by problem and by kind of bad input (``python tests/test_api_probe.py``)."""
    problems, inputs = Counter(), Counter()
    for name, arg, label, value in CALLS:
        problem = probe_call(SPECS[name], arg, value)
        if problem:
            problems[problem.split(":")[0]] += 1
            inputs[label] += 1
    for name in ORDERED:
        problem = probe_order(SPECS[name])
        if problem:
            problems["backward before forward: " + problem.split(":")[0]] += 1
    lines = [f"{len(CALLS) + len(ORDERED)} probe calls ({len(CALLS)} bad arguments, {len(ORDERED)} order checks) "
             f"over {len(SPECS)} callables; {sum(problems.values())} problems"]
    lines += [f"  {n:5d}  {p}" for p, n in problems.most_common()]
    lines += ["by bad input:"] + [f"  {n:5d}  {label}" for label, n in inputs.most_common()]
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary())
