"""Exercise checkers: ``check.<exercise>(your_function)``, one module per chapter.

A checker calls your function on several inputs, edge cases included, compares with
nnlib's reference, and answers in one line: what passed, or the first thing that is
wrong, in your terms (shape and transposition, the first wrong entry, a factor of m, a
changed input, an exception, a missing ``return``) or, for a known mistake, what it is.

Layout: :mod:`.engine` compares and explains (:class:`Checker`, :class:`Mistake`,
:class:`Hint`, :class:`Result`); ``chNN_<chapter>.py`` holds the checkers of chapter NN,
each with its cases and its known mistakes.  Adding an exercise is one Checker in its
chapter's module and its name in the imports and ``CHECKERS`` below.
"""
from ._diagnose import report_gradients, try_it
from ._messages import hint_message
from .ch01_one_layer import affine, forward_multiply_adds, parameter_count
from .ch02_activations import leaky_relu_prime, relu_prime, saturation_edge, sigmoid_prime, tanh_prime
from .ch03_forward import first_layer_variance, forward_pass, saturated_fraction
from .ch04_outputs import log_softmax, predict_labels, probability_after_raise, stable_softmax
from .ch05_squared_error import (
    absolute_error_cost,
    absolute_error_grad,
    best_constant_absolute,
    squared_error_cost,
    squared_error_grad,
)
from .ch06_binary_cross_entropy import binary_cross_entropy_cost, tempered_bce_dz, weighted_bce_dz
from .ch07_cross_entropy import cross_entropy_from_labels, label_smoothing_cost, one_hot, uniform_cost
from .ch08_output_delta import (
    sigmoid_squared_error_delta,
    softmax_jacobian_column,
    softmax_output_delta,
    softmax_squared_error_delta,
    strongest_push,
)
from .ch09_backward import first_layer_delta, fixed_backward, hidden_delta, hidden_unit_error
from .ch10_parameter_gradients import (
    backward_from_scratch,
    bias_gradient,
    fixed_gradients,
    layer_weight_gradient,
    swapped_shapes,
    weight_gradient,
    weight_gradient_entry,
)
from .ch11_gradient_checking import best_eps, centred_difference, directional_check, relative_error
from .ch12_minibatches import (
    minibatch_columns,
    per_example_weight_gradients,
    sgd_epoch,
    variance_with_replacement,
)
from .ch13_training import (
    accuracy_from_predictions,
    confusion_matrix,
    gradient_descent_update,
    leaky_relu_gain,
)
from .ch14_reverse_mode import (
    activation_rule_from_output,
    dJ_dw,
    input_tangent,
    jacobian_passes,
    log_softmax_backward,
)
from .engine import RECORD, TIME_LIMIT, Answer, Checker, Hint, Mistake, Result

#: Every checker by exercise name, in the order of the chapters and of the exercises in them.
CHECKERS = {checker.name: checker for checker in (
    # chapter 1
    affine, parameter_count, forward_multiply_adds,
    # chapter 2
    sigmoid_prime, tanh_prime, relu_prime, leaky_relu_prime, saturation_edge,
    # chapter 3
    forward_pass, saturated_fraction, first_layer_variance,
    # chapter 4
    stable_softmax, log_softmax, probability_after_raise, predict_labels,
    # chapter 5
    squared_error_cost, squared_error_grad, absolute_error_cost, absolute_error_grad, best_constant_absolute,
    # chapter 6
    binary_cross_entropy_cost, tempered_bce_dz, weighted_bce_dz,
    # chapter 7
    one_hot, cross_entropy_from_labels, label_smoothing_cost, uniform_cost,
    # chapter 8
    softmax_jacobian_column, softmax_output_delta, sigmoid_squared_error_delta, strongest_push,
    softmax_squared_error_delta,
    # chapter 9
    hidden_delta, first_layer_delta, hidden_unit_error, fixed_backward,
    # chapter 10
    weight_gradient, bias_gradient, layer_weight_gradient, swapped_shapes, weight_gradient_entry, fixed_gradients,
    backward_from_scratch,
    # chapter 11
    centred_difference, relative_error, best_eps, directional_check,
    # chapter 12
    per_example_weight_gradients, minibatch_columns, variance_with_replacement, sgd_epoch,
    # chapter 13
    gradient_descent_update, accuracy_from_predictions, confusion_matrix, leaky_relu_gain,
    # chapter 14
    dJ_dw, jacobian_passes, input_tangent, log_softmax_backward, activation_rule_from_output,
)}



#: The highest level of each exercise's hint ladder shown in this Python session.
SHOWN = {}


def hint(name, level=None):
    """Print the next level of exercise ``name``'s hint ladder (or level ``level``), saying which of how many.

    Level 1 is the question in the exercise's cell; the first call shows the next one, and each
    call one more. Only the last level may show code.
    """
    checker = CHECKERS.get(name)
    if checker is None:
        print(f"There is no exercise {name!r}; the exercises are: {', '.join(CHECKERS)}")
        return
    ladder = checker.ladder
    if not ladder:
        print(f"{name} has no hints: re-read the equation its exercise points to.")
        return
    if level is None:
        # a stub shows level 1; a planted bug shows none (an older checker keeps its level 1 in the cell)
        start = 1 if checker.kind == "bug" and ladder[0] else 2
        level = min(max(SHOWN.get(name, start - 1) + 1, start), len(ladder))
    if not isinstance(level, int) or not 1 <= level <= len(ladder):
        print(f"{name} has hint levels 1 to {len(ladder)}; check.hint({name!r}) shows the next one")
        return
    SHOWN[name] = max(SHOWN.get(name, 0), level)
    print(hint_message(name, ladder, level))


def progress(names):
    """Print how the exercises ``names`` stand in this session: passed, failed (and why), or not tried."""
    for name in names:
        result = RECORD.get(name)
        if result is None:
            print(f"·  {name}: not tried yet")
        elif result.passed:
            print(f"✅ {name}: passed")
        elif result.message.startswith("⏳"):
            print(f"⏳ {name}: not done yet")
        else:
            first_line = result.message.split("\n")[0].split(": ", 1)[-1]
            print(f"❌ {name}: failed: {first_line}")
    done = sum(1 for n in names if n in RECORD and RECORD[n].passed)
    print(f"{done} of {len(names)} exercises passed.")


__all__ = ["CHECKERS", "RECORD", "TIME_LIMIT", "Answer", "Checker", "Hint", "Mistake", "Result", "hint", "progress",
           "report_gradients", "try_it", *CHECKERS]
