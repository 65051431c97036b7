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
from .ch01_one_layer import affine, parameter_count
from .ch02_activations import relu_prime, sigmoid_prime, tanh_prime
from .ch03_forward import forward_pass, saturated_fraction
from .ch04_outputs import predict_labels, stable_softmax
from .ch05_squared_error import squared_error_cost, squared_error_grad
from .ch06_binary_cross_entropy import bce_grad_logit, binary_cross_entropy_cost
from .ch07_cross_entropy import cross_entropy_from_labels, one_hot
from .ch08_output_delta import sigmoid_squared_error_delta, softmax_jacobian_column, softmax_output_delta
from .ch09_backward import first_layer_delta, hidden_delta
from .ch10_parameter_gradients import bias_gradient, layer_weight_gradient, weight_gradient
from .ch11_gradient_checking import centred_difference, relative_error
from .ch12_minibatches import minibatch_columns, per_example_weight_gradients
from .ch13_training import accuracy_from_predictions, confusion_matrix, gradient_descent_update
from .engine import RECORD, TIME_LIMIT, Answer, Checker, Hint, Mistake, Result

#: Every checker by exercise name, in the order of the chapters and of the exercises in them.
CHECKERS = {checker.name: checker for checker in (
    affine, parameter_count,                                                        # chapter 1
    sigmoid_prime, tanh_prime, relu_prime,                                          # chapter 2
    forward_pass, saturated_fraction,                                               # chapter 3
    stable_softmax, predict_labels,                                                 # chapter 4
    squared_error_cost, squared_error_grad,                                         # chapter 5
    binary_cross_entropy_cost, bce_grad_logit,                                      # chapter 6
    one_hot, cross_entropy_from_labels,                                             # chapter 7
    softmax_jacobian_column, softmax_output_delta, sigmoid_squared_error_delta,     # chapter 8
    hidden_delta, first_layer_delta,                                                # chapter 9
    weight_gradient, bias_gradient, layer_weight_gradient,                          # chapter 10
    centred_difference, relative_error,                                             # chapter 11
    per_example_weight_gradients, minibatch_columns,                                # chapter 12
    gradient_descent_update, accuracy_from_predictions, confusion_matrix,           # chapter 13
)}



def hint(name):
    """Print the second hint of exercise ``name``: more than the first, never the solution."""
    checker = CHECKERS.get(name)
    if checker is None:
        print(f"There is no exercise {name!r}; the exercises are: {', '.join(CHECKERS)}")
    else:
        print(checker.hint or f"{name} has no second hint: re-read the equation its first hint points to.")


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
           *CHECKERS]
