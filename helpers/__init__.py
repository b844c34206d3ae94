"""Shared, tested code for the neural-network fundamentals course.

One module per idea; the notebook with the same topic tells its story:

- ``gates``       perceptron, AND/NAND/OR/XOR with the lecture weights, the perceptron learning rule (01)
- ``datasets``    truth tables and small data sets (01 onwards)
- ``plotting``    pictures: decision lines and regions, training curves (every plot takes ``ax=None``)
- ``widgets``     interactive panels; each wraps a plain function that tests call without a browser
- ``checks``      self-checks for exercises: they print a pass or a hint and return True/False
- ``validation``  clear errors for bad input (shape, type, NaN) instead of NumPy tracebacks
"""

__version__ = "0.1.0"
