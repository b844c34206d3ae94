"""The live MLP trainer of notebook 02: the import path the notebooks use; the code is in
:mod:`helpers.playground` (state, session, picture, controls, frames, widget)."""

from helpers.playground.state import PlaygroundState
from helpers.playground.widget import MLPPlayground, mlp_playground

__all__ = ["MLPPlayground", "PlaygroundState", "mlp_playground"]
