"""The numbers behind the book's figures and explorers, computed with numpy alone.

Each function here is one small experiment of a chapter: a fixed network on fixed
data, run through nnlib's own formulas.  ``nnlib.plots`` draws the results, and
the tests check them without a screen; nothing here imports matplotlib.  One module
per part of the book, like ``nnlib.plots`` (``computing``, ``scoring``, ``learning``,
``checking``, ``minibatches``, ``training``), each in chapter order; the expensive
functions are cached (``functools.cache``), so that moving a widget's control only looks
a result up.
"""

from __future__ import annotations

from .checking import (
    EPSILON_KINDS,
    KINK_DISTANCE,
    UNIT_ROUNDOFF,
    epsilon_curves,
    epsilon_demo_network,
)
from .computing import FORWARD_DEMO_INPUT, flat_ends, forward_demo
from .learning import (
    OUTPUT_PAIRS,
    backward_example,
    output_delta_three_ways,
    weight_slope,
    weight_slope_example,
)
from .minibatches import (
    MINIBATCH_DRAWS,
    MINIBATCH_M,
    MINIBATCH_SIZES,
    TIMING_SIZES,
    gradient_timing,
    minibatch_cosines,
    minibatch_demo,
    minibatch_estimates,
    minibatch_noise_factor,
    minibatch_noise_measured,
    minibatch_noise_theory,
    time_gradients,
)
from .scoring import SQUARED_ERROR_DATA
from .training import (
    PLAYGROUND_ACTIVATIONS,
    PLAYGROUND_EPOCHS,
    PLAYGROUND_LEARNING_RATES,
    PLAYGROUND_SNAPSHOT_EVERY,
    PlaygroundRun,
    playground_run,
    quadratic_descent,
)

__all__ = [
    "FORWARD_DEMO_INPUT",
    "forward_demo",
    "flat_ends",
    "SQUARED_ERROR_DATA",
    "OUTPUT_PAIRS",
    "output_delta_three_ways",
    "backward_example",
    "weight_slope_example",
    "weight_slope",
    "UNIT_ROUNDOFF",
    "EPSILON_KINDS",
    "KINK_DISTANCE",
    "epsilon_demo_network",
    "epsilon_curves",
    "MINIBATCH_SIZES",
    "MINIBATCH_M",
    "MINIBATCH_DRAWS",
    "minibatch_demo",
    "minibatch_estimates",
    "minibatch_cosines",
    "minibatch_noise_factor",
    "minibatch_noise_theory",
    "minibatch_noise_measured",
    "TIMING_SIZES",
    "time_gradients",
    "gradient_timing",
    "quadratic_descent",
    "PLAYGROUND_EPOCHS",
    "PLAYGROUND_SNAPSHOT_EVERY",
    "PLAYGROUND_LEARNING_RATES",
    "PLAYGROUND_ACTIVATIONS",
    "PlaygroundRun",
    "playground_run",
]
