"""The live MLP trainer of notebook 02 at TensorFlow Playground parity, and beyond it, in layers.

- ``state``    :class:`PlaygroundState`, every setting as one value, and its short share-string
- ``data``     the generated sets, the XOR table and the learner's own points, split into train and test
- ``session``  features, network, loss, optimiser and training for a state, accuracy and confusion matrix
- ``export``   :func:`to_pytorch`: the run as an equivalent PyTorch script
- ``palette``  the colour scales: values -1 .. +1, class probabilities, the points' labels (NumPy)
- ``picture``  the network with a heatmap per node, the large map and the loss curves (NumPy + Pillow)
- ``display``  the picture's image widget and encoding, the status line and the confusion table (HTML)
- ``controls`` / ``frames`` / ``widget``  :class:`MLPPlayground`, the panel: controls, mouse events,
  Train / Pause / Step / Reset
"""
