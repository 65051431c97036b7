"""Figures of the book: pure functions and small panel classes that return matplotlib
figures.

One module per group of chapters, in book order (the parts of ``_toc.yml``, with
its part *Learning* split into backpropagation, gradient checking and training):

* ``style`` — colours, style, page width and the layout helpers every figure uses;
* ``pictures`` — figures as PNG bytes (the book's, the notebooks', the explorers');
* ``redraw`` — :class:`Redrawer`, the explorers' fast redraws (matplotlib's blitting
  recipe);
* ``computing`` — chapters 1–3 (the affine map, activations, forward pass);
* ``outputs`` — chapter 4 (the softmax, stable and naive; chapter 2's softmax bars);
* ``scoring`` — chapters 5–7 (the three losses);
* ``learning`` — chapters 8–9 (output δ, backward pass);
* ``slopes`` — chapter 10 (J along one weight, and the weight gradient's slope);
* ``checking`` — chapter 11 (finite differences and the step ε);
* ``minibatches`` — chapter 12 (mini-batch gradients and their noise, the timing);
* ``training`` — chapter 13 (gradient descent, the playground, digits);
* ``graphs`` — chapter 14 (the computational graph and its reverse sweep).

A *panel* draws one formula on one ``Axes`` and can update its artists in place:
``panel = ActivationPanel(ax); panel.update(name="tanh", z0=1.0)``.  The widgets of
:mod:`nnlib.widgets` drive one panel; :func:`small_multiples` draws the same panel for
several settings side by side — the static figure a reader sees without a kernel.  The
numbers behind the figures come from ``nnlib.experiments`` (numpy only); the
constants the chapters use are re-exported here.
"""

from __future__ import annotations

from ..experiments import (
    EPSILON_KINDS,
    MINIBATCH_SIZES,
    OUTPUT_PAIRS,
    PLAYGROUND_ACTIVATIONS,
    PLAYGROUND_EPOCHS,
    PLAYGROUND_LEARNING_RATES,
    PLAYGROUND_SNAPSHOT_EVERY,
    SQUARED_ERROR_DATA,
    playground_run,
)
from .checking import EpsilonErrorPanel
from .computing import (
    ActivationPanel,
    AffinePanel,
    ForwardStatsPanel,
    forward_stats_figure,
)
from .graphs import SWEEP_EXAMPLE, SWEEP_TASKS, ReverseSweepPanel, reverse_sweep_figure
from .learning import (
    BackwardPanel,
    OutputDeltaPanel,
    backward_steps_figure,
    mismatch_delta_plot,
)
from .minibatches import (
    MinibatchCloudPanel,
    MinibatchNoisePanel,
    minibatch_figure,
    timing_figure,
)
from .outputs import SoftmaxPanel, softmax_bars
from .pictures import (
    encode_png,
    png_bytes,
    png_for_notebooks,
    rgba,
    show_figures_in_notebooks,
)
from .redraw import Redrawer
from .scoring import (
    CrossEntropyPanel,
    LogitLossPanel,
    ResidualSquaresPanel,
    logit_loss_multiples,
    residual_squares_multiples,
)
from .slopes import WeightSlopePanel, weight_slope_figure
from .style import (
    BOOK_DPI,
    COLORS,
    CYCLE,
    DELTA_CMAP,
    MIN_TEXT_PX,
    PAGE_WIDTH,
    PHONE_WIDTH_PX,
    PROBABILITY_CMAP,
    SMALL,
    STYLE,
    SUBSCRIPTS,
    figure,
    legend_below,
    small_multiples,
    smallest_font,
    smallest_text,
    stacked_multiples,
    use_style,
)
from .training import (
    DecisionBoundaryPanel,
    LossCurvePanel,
    QuadraticDescentPanel,
    confusion_matrix_plot,
    digit_images,
    plot_costs,
)

__all__ = [
    # style and layout
    "COLORS",
    "CYCLE",
    "STYLE",
    "PAGE_WIDTH",
    "PROBABILITY_CMAP",
    "DELTA_CMAP",
    "SUBSCRIPTS",
    "Redrawer",
    "encode_png",
    "use_style",
    "figure",
    "legend_below",
    "small_multiples",
    "stacked_multiples",
    "png_bytes",
    "png_for_notebooks",
    "rgba",
    "BOOK_DPI",
    "PHONE_WIDTH_PX",
    "MIN_TEXT_PX",
    "SMALL",
    "smallest_font",
    "smallest_text",
    # chapter 1
    "AffinePanel",
    # chapter 2
    "ActivationPanel",
    "softmax_bars",
    # chapter 3
    "ForwardStatsPanel",
    "forward_stats_figure",
    # chapter 4
    "SoftmaxPanel",
    # chapter 5
    "SQUARED_ERROR_DATA",
    "ResidualSquaresPanel",
    "residual_squares_multiples",
    # chapter 6
    "LogitLossPanel",
    "logit_loss_multiples",
    # chapter 7
    "CrossEntropyPanel",
    # chapter 8
    "OUTPUT_PAIRS",
    "OutputDeltaPanel",
    "mismatch_delta_plot",
    # chapter 9
    "BackwardPanel",
    "backward_steps_figure",
    # chapter 10
    "WeightSlopePanel",
    "weight_slope_figure",
    # chapter 11
    "EPSILON_KINDS",
    "EpsilonErrorPanel",
    # chapter 12
    "MINIBATCH_SIZES",
    "MinibatchCloudPanel",
    "MinibatchNoisePanel",
    "minibatch_figure",
    "timing_figure",
    # chapter 13
    "QuadraticDescentPanel",
    "PLAYGROUND_ACTIVATIONS",
    "PLAYGROUND_EPOCHS",
    "PLAYGROUND_LEARNING_RATES",
    "PLAYGROUND_SNAPSHOT_EVERY",
    "playground_run",
    "DecisionBoundaryPanel",
    "LossCurvePanel",
    "plot_costs",
    "digit_images",
    "confusion_matrix_plot",
    # chapter 14
    "SWEEP_EXAMPLE",
    "SWEEP_TASKS",
    "ReverseSweepPanel",
    "reverse_sweep_figure",
]

show_figures_in_notebooks()
