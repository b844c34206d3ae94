"""Set-up for every test run, of tests/ and of notebooks/ alike (``pytest notebooks/05_x.ipynb`` too).

The course's arrays are small: BLAS threads only fight over the cores (one digits training ran 14x slower
with them on a loaded 2-core machine; notebook 05 took 13-17 s instead of 8-9 s). Set before NumPy loads;
the notebooks' kernels inherit it.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
