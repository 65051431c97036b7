"""Every precondition of nnlib's public functions, a named check: one place, one rule.

TypeError for a wrong type, ValueError for a wrong value or shape; a message names the
argument (and layer), what was expected and what was given.  Checks modify nothing.

One package, two modules: ``values`` (numbers, names, arrays, shapes, labels) and
``arguments`` (networks, batches, gradient checking, training, data).  nnlib's modules
call them as ``_validate.<check>(…)``.
"""
from .arguments import (
    backward_targets,
    batch,
    batches,
    difference_arguments,
    fit,
    layer,
    network_input,
    parameters,
    split,
    step,
    targets,
    toy_data,
)
from .values import (
    Registry,
    all_finite,
    binary_pair,
    float_array,
    integer,
    labels,
    layer_sizes,
    number,
    one_hot_pair,
    one_hot_targets,
    one_of,
    positive_number,
    same_shape,
    unit_interval,
)

__all__ = [
    "Registry", "all_finite", "binary_pair", "float_array", "integer", "labels",
    "layer_sizes", "number", "one_hot_pair", "one_hot_targets", "one_of",
    "positive_number", "same_shape", "unit_interval", "backward_targets", "batch",
    "batches", "difference_arguments", "fit", "layer",
    "network_input", "parameters", "split", "step", "targets", "toy_data",
]
