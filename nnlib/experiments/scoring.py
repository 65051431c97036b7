"""The numbers behind the figures of the part *Scoring* (chapter 5): the regression data
of the squared error."""

from __future__ import annotations

import numpy as np

# --------------------------------------------------------------------------- chapter 5
#: The tiny regression set of chapter 5: five examples (x, y), one per column.
SQUARED_ERROR_DATA = (
    np.array([[0.5, 1.0, 2.0, 3.0, 3.5]]),
    np.array([[1.2, 1.0, 2.4, 2.6, 3.7]]),
)
