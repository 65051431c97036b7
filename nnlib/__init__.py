"""nnlib: forward propagation, losses and backpropagation for fully connected networks.

The small numpy library of the course *How neural networks compute and learn*.  Its
core modules (activations, losses, network, gradcheck, datasets, training) need only
numpy; ``nnlib.plots`` and ``nnlib.widgets`` load matplotlib and ipywidgets when you
import them, and ``nnlib.check`` holds the exercise checkers.
"""
from .activations import (
    ACTIVATIONS,
    DERIVATIVES,
    identity,
    identity_prime,
    relu,
    relu_prime,
    sigmoid,
    sigmoid_prime,
    softmax,
    softmax_jacobian,
    tanh,
    tanh_prime,
)
from .gradcheck import check_network, numerical_gradient, relative_error
from .losses import (
    LOSS_GRADIENTS,
    LOSSES,
    binary_cross_entropy_cost,
    binary_cross_entropy_grad,
    cross_entropy_cost,
    cross_entropy_grad,
    one_hot,
    squared_error_cost,
    squared_error_grad,
)
from .network import (
    TASKS,
    Network,
    affine,
    bias_gradient,
    hidden_delta,
    output_delta,
    parameter_count,
    per_example_gradients,
    weight_gradient,
)

__version__ = "0.1.0"
from . import datasets  # noqa: E402,F401
from .training import (  # noqa: E402,F401
    accuracy,
    accuracy_from_predictions,
    confusion_matrix,
    gradient_descent_step,
    gradient_descent_update,
    train,
)
from .losses import bce_grad_logit, binary_cross_entropy_from_logits, cross_entropy_from_logits  # noqa: E402,F401
from .gradcheck import cost_of_one_parameter, difference_quotients  # noqa: E402,F401
from .network import minibatch_columns, minibatches, per_example_weight_gradients  # noqa: E402,F401
from .network import forward_layers, predict_labels  # noqa: E402,F401
from .activations import SATURATION_THRESHOLD, saturated_fraction  # noqa: E402,F401
from .network import backward_deltas, forward_from, misprinted_weight_gradient, output_delta_chain_rule  # noqa: E402,F401
