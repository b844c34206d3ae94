"""The live MLP trainer of notebook 02 at TensorFlow Playground parity, in three layers.

- ``state``    :class:`PlaygroundState`, every setting as one value, and its short share-string
- ``session``  data, features, network and training for a state (plain Python, no widgets)
- ``picture``  the network with a heatmap per node, the large map and the loss curves (NumPy + Pillow)
- ``widget``   :class:`MLPPlayground`, the panel: controls, mouse events, Train / Pause / Step / Reset
"""
