"""nnlib: forward propagation, losses and backpropagation for fully connected networks.

The small numpy library of the course *How neural networks compute and learn*.  Its core
(activations, losses, forward, backprop, network, gradcheck, training, datasets) needs
only numpy; ``nnlib.plots`` and ``nnlib.widgets`` load matplotlib and ipywidgets when
imported, and ``nnlib.check`` holds the exercise checkers.  ``nnlib/README.md`` shows
the layers.
"""
from . import autodiff, datasets
from .activations import (
    ACTIVATIONS,
    DERIVATIVES,
    Activation,
    identity,
    identity_prime,
    leaky_relu,
    leaky_relu_prime,
    register_activation,
    relu,
    relu_prime,
    sigmoid,
    sigmoid_prime,
    softmax,
    softmax_jacobian,
    tanh,
    tanh_prime,
)
from .backprop import (
    backward_deltas,
    bias_gradient,
    forward_from,
    hidden_delta,
    misprinted_weight_gradient,
    output_delta,
    output_delta_chain_rule,
    weight_gradient,
)
from .forward import (
    SATURATION_THRESHOLD,
    TASKS,
    affine,
    forward_layers,
    parameter_count,
    predict_labels,
    saturated_fraction,
)
from .gradcheck import (
    check_network,
    cost_of_one_parameter,
    difference_quotients,
    numerical_gradient,
    relative_error,
)
from .losses import (
    LOSS_GRADIENTS,
    LOSSES,
    bce_grad_logit,
    binary_cross_entropy_cost,
    binary_cross_entropy_from_logits,
    binary_cross_entropy_grad,
    cross_entropy_cost,
    cross_entropy_from_logits,
    cross_entropy_grad,
    one_hot,
    squared_error_cost,
    squared_error_grad,
)
from .network import Network
from .training import (
    accuracy,
    accuracy_from_predictions,
    confusion_matrix,
    descend,
    gradient_descent_step,
    minibatch_columns,
    minibatches,
    per_example_gradients,
    per_example_weight_gradients,
    train,
)

__version__ = "0.2.0"

__all__ = [
    # chapter 1: one layer
    "affine", "parameter_count",
    # chapter 2: activations
    "ACTIVATIONS", "DERIVATIVES", "identity", "identity_prime", "sigmoid",
    "sigmoid_prime", "tanh", "tanh_prime", "relu", "relu_prime", "leaky_relu",
    "leaky_relu_prime", "softmax", "Activation", "register_activation",
    # chapter 3: forward propagation
    "Network", "forward_layers", "SATURATION_THRESHOLD", "saturated_fraction",
    # chapter 4: output layers
    "TASKS", "predict_labels",
    # chapters 5-7: losses
    "LOSSES", "LOSS_GRADIENTS", "squared_error_cost", "squared_error_grad",
    "binary_cross_entropy_cost", "binary_cross_entropy_grad", "bce_grad_logit",
    "binary_cross_entropy_from_logits", "one_hot", "cross_entropy_cost",
    "cross_entropy_grad", "cross_entropy_from_logits",
    # chapter 8: the output error
    "output_delta", "output_delta_chain_rule", "softmax_jacobian",
    # chapter 9: the backward recursion
    "hidden_delta", "backward_deltas", "forward_from",
    # chapter 10: parameter gradients
    "weight_gradient", "bias_gradient", "misprinted_weight_gradient",
    # chapter 11: gradient checking
    "numerical_gradient", "relative_error", "check_network", "difference_quotients",
    "cost_of_one_parameter",
    # chapter 12: mini-batches
    "per_example_weight_gradients", "per_example_gradients", "minibatch_columns",
    "minibatches",
    # chapter 13: training
    "descend", "gradient_descent_step", "train", "accuracy",
    "accuracy_from_predictions", "confusion_matrix", "datasets",
    # chapter 14: reverse-mode differentiation
    "autodiff",
]
