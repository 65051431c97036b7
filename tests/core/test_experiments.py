"""The experiments behind the figures (nnlib.experiments), tested without matplotlib.

Each test states a property the figure claims: δ by the chain rule matches finite
differences, the centred difference is best near ε ≈ u^(1/3), mini-batch noise shrinks
like 1/√B as eq. `eq-minibatch-noise` predicts, training lowers the cost.  Expected
values come from mathematics (closed forms, limits), not from the code under test.
"""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

import nnlib
from nnlib import activations
from nnlib import experiments as ex


def test_experiments_load_no_matplotlib():
    code = "import sys, nnlib.experiments; assert 'matplotlib' not in sys.modules, 'matplotlib loaded'"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


# --------------------------------------------------------------------------- chapter 3
def test_forward_demo_shapes_scale_and_determinism():
    depth, width = 4, 7
    net = ex.forward_demo("tanh", depth, width, 1.0)
    m = ex.FORWARD_DEMO_INPUT["m"]
    assert net.sizes == [ex.FORWARD_DEMO_INPUT["n_0"]] + [width] * depth + [1]
    assert all(net.a[l].shape == (width, m) for l in range(1, depth + 1))
    assert np.all(np.abs(net.a[1]) < 1.0)  # tanh
    again = ex.forward_demo("tanh", depth, width, 1.0)
    assert all(np.array_equal(net.a[l], again.a[l]) for l in range(depth + 2))
    doubled = ex.forward_demo("tanh", depth, width, 2.0)
    for l in range(1, depth + 2):
        np.testing.assert_array_equal(doubled.W[l], 2.0 * net.W[l])
    np.testing.assert_allclose(doubled.z[1], 2.0 * net.z[1])  # b = 0: z[1] = W[1] x scales with W


@pytest.mark.parametrize(
    "name, ends", [("sigmoid", (0.0, 1.0)), ("tanh", (-1.0, 1.0)), ("relu", (0.0, None)), ("identity", (None, None))]
)
def test_flat_ends_are_the_limits_where_the_slope_vanishes(name, ends):
    assert ex.flat_ends(name) == ends


def test_flat_ends_of_a_newly_registered_activation():
    """Registering g and g′ (one call) is all a figure needs."""
    activations.register_activation("softsign", lambda z: z / (1.0 + np.abs(z)),
                                    lambda z: 1.0 / (1.0 + np.abs(z)) ** 2)
    try:
        low, high = ex.flat_ends("softsign")
    finally:
        del activations.ACTIVATIONS["softsign"]
    assert low == pytest.approx(-1.0, abs=1e-2) and high == pytest.approx(1.0, abs=1e-2)


# --------------------------------------------------------------------------- chapter 8
@pytest.mark.parametrize("pair", list(ex.OUTPUT_PAIRS))
@pytest.mark.parametrize("z, target", [([2.0, -1.0, 0.5], 1), ([-3.0, 0.2, 4.0], 0)])
def test_output_delta_three_ways(pair, z, target):
    r = ex.output_delta_three_ways(pair, z, target)
    assert all(r[key].shape == (3, 1) for key in ("y_hat", "y", "shortcut", "chain", "numeric"))
    assert r["y"].sum() == 1.0 and r["y"][target, 0] == 1.0
    assert nnlib.relative_error(r["chain"], r["numeric"]) < 1e-6, "chain rule against finite differences"
    np.testing.assert_allclose(r["shortcut"], r["y_hat"] - r["y"])
    if "mismatched" in pair:
        assert nnlib.relative_error(r["shortcut"], r["numeric"]) > 1e-2, "ŷ − y is wrong when mismatched"
    else:
        assert nnlib.relative_error(r["shortcut"], r["chain"]) < 1e-6


# --------------------------------------------------------------------------- chapter 9
@pytest.mark.parametrize("hidden", ["tanh", "sigmoid"])
@pytest.mark.parametrize("seed", [0, 3])
def test_backward_example_deltas_are_gradients_of_the_loss(hidden, seed):
    """δ^[l] = ∂L/∂z^[l]: compare each layer's δ with finite differences through the layers above."""
    sizes = (2, 3, 3, 1)
    net = ex.backward_example(sizes, hidden, seed)
    Y = np.ones((1, 1))
    for l in range(1, len(sizes)):

        def loss_of(z_l, l=l):
            return net.cost(nnlib.forward_from(net, l, z_l), Y)

        numeric = nnlib.numerical_gradient(loss_of, net.z[l].copy())
        assert nnlib.relative_error(net.delta[l], numeric) < 1e-6, f"layer {l}"
    again = ex.backward_example(sizes, hidden, seed)
    np.testing.assert_array_equal(again.delta[1], net.delta[1])


# --------------------------------------------------------------------------- chapter 10
@pytest.mark.parametrize("l, i, j", [(1, 0, 1), (2, 1, 3), (2, 0, 0), (3, 1, 3)])
def test_weight_slope_right_formula_matches_the_curve(l, i, j):
    net, X, labels = ex.weight_slope_example()
    before = [w.copy() for w in net.W[1:]]
    offsets = np.linspace(-0.5, 0.5, 11)
    s = ex.weight_slope(net, X, labels, l, i, j, offsets)
    assert all(np.array_equal(w, v) for w, v in zip(net.W[1:], before)), "the weight must be put back"
    np.testing.assert_allclose(s["ts"], s["w0"] + offsets)
    assert s["Js"][5] == pytest.approx(s["J0"], rel=1e-12)  # offset 0
    assert s["J0"] == pytest.approx(net.cost(net.forward(X), labels), rel=1e-12)
    assert s["right"] == pytest.approx(s["fd"], rel=1e-5, abs=1e-9)
    slope_of_curve = (s["Js"][6] - s["Js"][4]) / (offsets[6] - offsets[4])  # centred, step 0.1
    assert s["right"] == pytest.approx(slope_of_curve, rel=0.05, abs=1e-3)


def test_weight_slope_rejects_the_misprint():
    net, X, labels = ex.weight_slope_example()
    s1 = ex.weight_slope(net, X, labels, 1, 0, 1, [0.0])
    assert s1["printed"].shape != net.W[1].shape  # 4×4 against 4×3
    s2 = ex.weight_slope(net, X, labels, 2, 1, 3, [0.0])  # square layer: the shapes agree, the numbers do not
    assert s2["printed"].shape == net.W[2].shape
    assert abs(s2["printed"][1, 3] - s2["fd"]) > 1e-3 * max(abs(s2["fd"]), 1e-3)


# --------------------------------------------------------------------------- chapter 11
def test_epsilon_demo_network_kink():
    net, X, Y = ex.epsilon_demo_network("kinked")
    net.W[1][0, 0] += ex.KINK_DISTANCE
    net.forward(X)
    assert abs(net.z[1][0, 0]) < 1e-12, "hidden unit 1 of example 1 must sit on the kink"
    with pytest.raises(ValueError):
        ex.epsilon_demo_network("bumpy")


def _slope(log_eps, error, lo, hi):
    sel = (log_eps >= lo) & (log_eps <= hi)
    return np.polyfit(log_eps[sel], np.log10(np.maximum(error[sel], 1e-300)), 1)[0]


def test_epsilon_curves_smooth_case_follows_the_error_model():
    c = ex.epsilon_curves("smooth")
    assert c is ex.epsilon_curves("smooth"), "the curves are cached"
    log_eps = c["log_eps"]
    assert log_eps[0] == -12.0 and log_eps[-1] == -1.0 and np.allclose(np.diff(log_eps), 0.25)
    best_centred = log_eps[np.argmin(c["centred"])]
    best_one_sided = log_eps[np.argmin(c["one_sided"])]
    assert -6.5 <= best_centred <= -4.5, "the centred difference is best near ε ≈ u^(1/3) ≈ 5e-6"
    assert -9.5 <= best_one_sided <= -7.0, "the one-sided difference is best near ε ≈ √u ≈ 1e-8"
    assert c["centred"].min() < 1e-2 * c["one_sided"].min()  # about u^(2/3) against u^(1/2)
    # truncation: errors O(ε²) and O(ε) for large ε; round-off: O(1/ε) for tiny ε
    assert _slope(log_eps, c["centred"], -3, -1) == pytest.approx(2.0, abs=0.2)
    assert _slope(log_eps, c["one_sided"], -3, -1) == pytest.approx(1.0, abs=0.2)
    assert _slope(log_eps, c["one_sided"], -12, -10) == pytest.approx(-1.0, abs=0.4)
    large = log_eps >= -3
    np.testing.assert_allclose(c["model_centred"][large], c["centred"][large], rtol=0.2)


def test_epsilon_curves_kink_spoils_steps_larger_than_its_distance():
    smooth, kinked = ex.epsilon_curves("smooth"), ex.epsilon_curves("kinked")
    across = (kinked["eps"] > 2 * ex.KINK_DISTANCE) & (kinked["eps"] <= 1e-2)
    assert np.all(kinked["centred"][across] > 100 * kinked["model_centred"][across])
    assert np.all(kinked["centred"][across] > 100 * smooth["centred"][across])
    inside = (kinked["eps"] < ex.KINK_DISTANCE / 10) & (kinked["eps"] > 1e-8)
    assert np.all(kinked["centred"][inside] < 1e-6)


# --------------------------------------------------------------------------- chapter 12
def test_minibatch_demo_is_the_full_gradient_per_example():
    d = ex.minibatch_demo()
    P = nnlib.parameter_count([2, 8, 3])
    assert d["G"].shape == (ex.MINIBATCH_M, P) and len(d["names"]) == P
    np.testing.assert_allclose(d["G"].mean(axis=0), d["full"])
    assert len(d["pick"]) == 2 and all(d["names"][k].startswith("W[1]") for k in d["pick"])


@pytest.mark.parametrize("B", ex.MINIBATCH_SIZES)
def test_minibatch_estimates_centre_on_the_full_gradient_with_the_predicted_spread(B):
    d = ex.minibatch_demo()
    est = ex.minibatch_estimates(B)
    assert est.shape == (ex.MINIBATCH_DRAWS, d["full"].size)
    theory = float(ex.minibatch_noise_theory(B))
    # unbiased: the mean of the draws is within a few standard errors of the full gradient
    assert np.linalg.norm(est.mean(axis=0) - d["full"]) < 3 * theory / np.sqrt(ex.MINIBATCH_DRAWS)
    assert ex.minibatch_noise_measured(B) == pytest.approx(theory, rel=0.1)


def test_minibatch_noise_shrinks_like_one_over_root_B():
    measured = np.array([ex.minibatch_noise_measured(B) for B in ex.MINIBATCH_SIZES])
    small = np.array(ex.MINIBATCH_SIZES) <= 16  # where (m − B)/(m − 1) ≈ 1
    scaled = measured[small] * np.sqrt(np.array(ex.MINIBATCH_SIZES)[small])
    assert scaled.max() / scaled.min() < 1.15
    assert np.all(np.diff(measured) < 0)


def test_a_batch_of_every_example_is_the_full_gradient():
    est = ex.minibatch_estimates(ex.MINIBATCH_M)
    np.testing.assert_allclose(est, np.broadcast_to(ex.minibatch_demo()["full"], est.shape), atol=1e-12)
    assert float(ex.minibatch_noise_theory(ex.MINIBATCH_M)) == 0.0


def test_minibatch_estimates_are_deterministic():
    draw = ex.minibatch_estimates.__wrapped__  # the uncached function
    np.testing.assert_array_equal(draw(8), draw(8))


def test_time_gradients_keeps_the_fastest_run_of_each_way():
    ticks = iter(range(10 ** 6))

    def clock():  # every call one second later: each run lasts exactly 1 s
        return float(next(ticks))

    timing = ex.time_gradients(sizes=(1, 3), repeats=2, clock=clock)
    assert timing == {"sizes": [1, 3], "t_batch": [1.0, 1.0], "t_loop": [1.0, 1.0]}


def test_gradient_timing_reads_the_bench_results_and_else_measures(tmp_path, monkeypatch):
    frozen = {"sizes": [1, 2], "t_batch": [1e-4, 1e-4], "t_loop": [1e-4, 2e-4], "threads": 1,
              "measured": "then"}
    results = tmp_path / "performance_results.json"
    results.write_text(json.dumps({"machine": {}, "timing": frozen}), encoding="utf-8")
    assert ex.gradient_timing(results) == frozen
    monkeypatch.setattr(ex.minibatches, "time_gradients", lambda: {"sizes": [1], "t_batch": [1.0], "t_loop": [2.0]})
    for missing in (tmp_path / "absent.json", tmp_path / "no_timing.json"):
        if missing.name == "no_timing.json":
            missing.write_text(json.dumps({"machine": {}}), encoding="utf-8")
        measured = ex.gradient_timing(missing)
        assert measured["t_loop"] == [2.0] and "just now" in measured["measured"]


# --------------------------------------------------------------------------- chapter 13
@pytest.mark.parametrize("alpha, curvature", [(0.05, 4.0), (0.45, 4.0), (0.55, 4.0), (0.1, 1.0)])
def test_quadratic_descent_is_the_closed_form(alpha, curvature):
    w = ex.quadratic_descent(alpha, curvature, 1.5, 8)
    np.testing.assert_allclose(w, 1.5 * (1 - alpha * curvature) ** np.arange(9), rtol=1e-12)


def test_playground_run_lowers_the_cost_and_keeps_snapshots():
    run = ex.playground_run("moons", 8, "tanh", 1.0)
    assert run.costs.shape == (ex.PLAYGROUND_EPOCHS + 1,) and run.diverged_at is None
    assert run.costs[-1] < 0.2 * run.costs[0]
    assert sorted(run.snapshots) == list(range(0, ex.PLAYGROUND_EPOCHS + 1, ex.PLAYGROUND_SNAPSHOT_EVERY))
    assert run.last_epoch(15) == 10 and run.last_epoch(ex.PLAYGROUND_EPOCHS) == ex.PLAYGROUND_EPOCHS
    first, last = run.network(0), run.network(ex.PLAYGROUND_EPOCHS)
    assert last.cost(last.forward(run.X), run.y[None, :].astype(float)) == pytest.approx(run.costs[-1])
    assert first.cost(first.forward(run.X), run.y[None, :].astype(float)) == pytest.approx(run.costs[0])
    assert nnlib.accuracy(last, run.X, run.y) > 0.9 > nnlib.accuracy(first, run.X, run.y)


def test_playground_run_is_deterministic_and_reports_divergence():
    a = ex.playground_run.__wrapped__("circles", 4, "relu", 0.3, epochs=30)
    b = ex.playground_run.__wrapped__("circles", 4, "relu", 0.3, epochs=30)
    np.testing.assert_array_equal(a.costs, b.costs)
    run = ex.playground_run("moons", 8, "identity", 30.0)
    assert run.diverged_at is not None and run.costs.size == run.diverged_at
    assert run.costs[-1] > 10 * run.costs[0]


def test_the_playground_offers_the_four_activations_of_the_text_each_registered():
    """Named, not read from the registry: a new activation does not add 344 runs to the book."""
    assert ex.PLAYGROUND_ACTIVATIONS == ("identity", "sigmoid", "tanh", "relu")
    assert set(ex.PLAYGROUND_ACTIVATIONS) <= set(nnlib.DERIVATIVES)
