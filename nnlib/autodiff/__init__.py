"""Reverse-mode automatic differentiation on array-valued nodes (chapter 14).

* ``graph``: :class:`Node`, the arithmetic that records a graph as it runs
  (``W @ a + b``), the reverse sweep :func:`backward` (gradients add up until
  :func:`zero_grad`), :func:`stop_gradient`, and forward mode on a recorded graph;
* ``ops``: the operations of a network: activations, softmax, the cost, and the nodes
  that fuse a matched output with its loss, exact in saturation;
* ``networks``: a Network's graph, its gradients by one sweep, by forward mode, and by
  a sweep that keeps only checkpoints.

Every rule is checked against finite differences, and the gradients against
``Network.backward``, in ``tests/core/test_autodiff.py``.
"""
from .graph import (
    Node,
    add,
    as_node,
    backward,
    forward_sweep,
    matmul,
    multiply,
    reverse_order,
    stop_gradient,
    subtract,
    unbroadcast,
    zero_grad,
)
from .networks import (
    FUSED,
    checkpointed_gradients,
    directional_derivative,
    forward_mode_gradients,
    gradients,
    layers_graph,
    network_graph,
    segment_gradients,
)
from .ops import (
    ELEMENTWISE,
    activation,
    cost,
    log,
    log_softmax_rule,
    sigmoid_cross_entropy,
    sin,
    softmax_cross_entropy,
    softmax_node,
)

__all__ = [
    "Node", "as_node", "unbroadcast", "matmul", "add", "subtract", "multiply",
    "stop_gradient",
    "reverse_order", "backward", "zero_grad", "forward_sweep",
    "ELEMENTWISE", "activation", "log", "sin", "softmax_node", "cost",
    "log_softmax_rule", "softmax_cross_entropy", "sigmoid_cross_entropy",
    "FUSED", "layers_graph", "network_graph", "segment_gradients", "gradients",
    "checkpointed_gradients", "directional_derivative", "forward_mode_gradients",
]
