"""Shared, tested code for the neural-network fundamentals course.

One module per idea; the notebook with the same number tells its story. Interactive panels live in
a module named for what they show and are built on ``live_figure.LiveFigure`` / ``panel.Panel``.

Foundations (every notebook)
- ``validation``   clear errors for bad input (shape, type, NaN) instead of NumPy tracebacks
- ``datasets``     truth tables, toy 2-D sets (xor, circle, gaussians, spiral; plane, bumps), loaders for data/
- ``plotting``     pictures (notebook 01's, and a door to ``network_pictures``, ``activation_pictures``,
                   ``classifier_pictures``); every plot takes ``ax=None`` and returns what it drew;
                   ``picture_basics`` holds their colours and input checks
- ``live_figure``  ``LiveFigure``: a figure redrawn in place (all of it, or only what changed)
- ``panel``        ``Panel``: what every panel shares (no matplotlib: the playground imports only this)
- ``widgets``      the gate playground, with ``Panel`` and ``LiveFigure`` re-exported for the other panels
- ``checks``       exercise self-checks, a pass or a hint and True/False (``checks.nb01`` ... ``nb08``, one
                   answer parser in ``checks.answers``)
- ``gradcheck``    numerical gradients and relative errors: the reference for every backward pass

01 perceptron      ``gates`` (AND, NAND, OR, XOR, perceptron, the learning rule)
02 XOR and MLPs    ``layers`` (a subpackage: ``dense`` Affine, activations, Sequential; ``losses``; ``batchnorm``),
                   ``optim`` (SGD, L1/L2), ``train``, ``train_together`` (several trainers at once),
                   ``playground`` (the live trainer: state, data, session, palette, picture, display,
                   controls, frames, widget; imported as ``helpers.mlp_playground``), ``hidden_space``
                   (where a hidden layer puts the points, a run's frames) with ``hidden_space_pictures``
                   and ``hidden_space_explorer``
03 graphs          ``graph`` (scalar nodes, no matplotlib), ``graph_pictures`` (drawing them),
                   ``graph_playground`` (the shopping graph), ``sigmoid_graph_explorer`` (the live sigmoid)
04 activations     ``activations`` (a subpackage: classic, relu_family, along_axis, registry),
                   ``activation_properties``, ``activation_chain``, ``activation_model``, ``activation_explorer``
05 backprop        ``descent``, ``backprop``, ``metrics``, ``descent_explorer``, ``backprop_stepper``,
                   ``fitting_explorer``
06 init, BN        ``init``, ``init_experiments``, ``init_pictures``, ``init_explorer``, ``scale_shift_explorer``
                   (``BatchNorm`` is in ``layers.batchnorm``)
07 RNNs            ``rnn``, ``rnn_layout`` (stacked / bidirectional layout), ``sequence_tasks``, ``char_rnn``,
                   ``rnn_pictures``, ``rnn_widgets``, ``rnn_explorers``, ``rnn_training_explorers``
08 the lab         ``playground.lab`` (train share-strings without the widget, several at once; count dead neurons);
                   the trainer's own data, multiclass and export live in ``playground`` (``data``, ``display``,
                   ``export``); ``optim`` has ``Momentum`` and ``Adam``, ``datasets`` ``spiral3`` and ``blobs4``
"""

__version__ = "0.1.0"
