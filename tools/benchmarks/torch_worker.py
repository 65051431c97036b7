"""The PyTorch side of section ``step``, in a process of its own:
``python -m benchmarks.torch_worker``.

It reads one JSON request per line on stdin and answers one per line on stdout:
``setup`` (build the same network as nnlib's and compare their gradients), ``time``
(``reps`` training steps), ``products`` (the step's matrix products alone), ``quit``.
"""

from __future__ import annotations

import json
import sys

import numpy as np

from .common import minor_faults, timed
from .step import step_problem, step_products


def torch_step(sizes):
    """The step of :func:`step_problem`'s network in PyTorch; the largest relative
    difference of its numbers."""
    import torch
    import torch.nn.functional as F

    net, X, labels = step_problem(sizes)
    layers = []
    for l in range(1, net.N + 1):
        linear = torch.nn.Linear(net.sizes[l - 1], net.sizes[l], dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(net.W[l]))
            linear.bias.copy_(torch.from_numpy(net.b[l][:, 0]))
        layers.append(linear)
        if l < net.N:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    # PyTorch's own layout: one example per row.
    Xt = torch.from_numpy(np.ascontiguousarray(X.T))
    yt = torch.from_numpy(labels.astype(np.int64))

    def step():
        model.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(Xt), yt)
        loss.backward()
        return loss

    # The two compute the same numbers: compare cost and every gradient.
    loss = float(step().detach())
    J, dW, db = net.loss_and_gradients(X, labels)
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    errors = [abs(loss - J) / abs(J)]
    for l, linear in enumerate(linears, 1):
        for ours, theirs in (
            (dW[l], linear.weight.grad),
            (db[l][:, 0], linear.bias.grad),
        ):
            theirs = theirs.numpy()
            errors.append(
                float(np.linalg.norm(ours - theirs) / (np.linalg.norm(ours) + 1e-300))
            )
    pairs = [
        (torch.from_numpy(np.asarray(a)), torch.from_numpy(np.asarray(b)))
        for a, b in step_products(net, X, labels)
    ]
    return step, (lambda: [a @ b for a, b in pairs]), max(errors)


def serve(stdin=sys.stdin, stdout=sys.stdout):
    import torch

    state = {}
    for line in stdin:
        cmd = json.loads(line)
        if cmd["cmd"] == "setup":
            state["step"], state["products"], max_rel_diff = torch_step(cmd["sizes"])
            for _ in range(5):
                state["step"]()
            reply = {"max_rel_diff": max_rel_diff, "threads": torch.get_num_threads()}
        elif cmd["cmd"] == "products":
            reply = {"times": timed(state["products"], cmd["reps"])}
        elif cmd["cmd"] == "time":
            before = minor_faults()
            reply = {
                "times": timed(state["step"], cmd["reps"]),
                "faults": minor_faults() - before,
            }
        else:
            break
        stdout.write(json.dumps(reply) + "\n")
        stdout.flush()


if __name__ == "__main__":
    serve()
