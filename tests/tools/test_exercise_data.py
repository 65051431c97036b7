"""The export of derive exercises for the book's pages (tools/sphinxext/exercise_data.py), without a browser.

The browser tests (tests/browser/test_exercises.py) compare the page's verdicts with the checkers';
here, what they rely on: every derive exercise exports, as strict JSON; the tests' formulas
(tests/exercise_answers.py) are right where they say so and name each mistake in Python; a formula
on float arrays (``numpy_checker``) is judged as the checker judges a function; and the page forms
(one formula per name, per layer) and their refusals.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

import exercise_answers as answers
from exercise_answers import exercise_data
from nnlib import check
from nnlib.check._messages import number_equations

DERIVE = exercise_data.derive_checkers()
FORMULA = [n for n in DERIVE if not isinstance(DERIVE[n], check.Answer)]


def test_derive_exercises_are_read_from_the_checkers():
    assert list(DERIVE) == [n for n, c in check.CHECKERS.items() if c.kind == "derive"]
    assert len(DERIVE) >= 14


@pytest.mark.parametrize("name", list(DERIVE))
def test_every_derive_exercise_exports_as_strict_json(name):
    data = exercise_data.export(DERIVE[name])
    text = json.dumps(data, allow_nan=False)  # inf and nan travel as text
    back = json.loads(text)
    checker = DERIVE[name]
    assert back["name"] == name and back["rtol"] == checker.rtol and back["atol"] == checker.atol
    assert len(back["mistakes"]) == len(checker.mistakes)
    assert all(len(m["outcomes"]) == len(back["cases"]) for m in back["mistakes"])
    assert [m["message"] for m in back["mistakes"]] == [number_equations(m.message) for m in checker.mistakes]
    assert len(back["ladder"]) == len(checker.ladder) or checker.ladder[0] is None
    assert back["entries"] and all(e["label"] for e in back["entries"])


@pytest.mark.parametrize("name", FORMULA)
def test_the_tests_formulas_are_right_and_name_each_mistake(name):
    checker, table = DERIVE[name], answers.FORMULAS[name]
    verdict = answers.verdict(checker, answers.entry_texts(checker, table["right"]))
    assert verdict.startswith("✅"), verdict
    assert len(table["mistakes"]) == len(checker.mistakes)
    for formula, mistake in zip(table["mistakes"], checker.mistakes):
        verdict = answers.verdict(checker, answers.entry_texts(checker, formula))
        assert verdict.endswith(number_equations(mistake.message)), f"{formula}: {verdict}"


@pytest.mark.parametrize("name", FORMULA)
def test_a_formula_is_judged_as_the_checker_judges_a_function(name):
    """On float arrays, the checker's verdict on nnlib's own reference and on the mistakes is unchanged."""
    checker = DERIVE[name]
    on_arrays = exercise_data.numpy_checker(checker)
    assert on_arrays(checker.reference).passed
    for mistake in checker.mistakes:
        assert not on_arrays(mistake.fn).passed


#: The engine's methods that make a verdict: a class of its own that changed one would judge otherwise than the
#: page's port (nnbook-exercises-judge.js); ``__call__`` may be changed (what it adds is found: ``specials``).
ENGINE_RULES = ("_check", "_problem", "_mistake", "_general", "_factor_everywhere", "_first_wrong", "_agrees",
                "_outcome", "_read", "_fail", "_hinted")


#: The modules of the engine that the page ports: the Checker, its general messages, and Answer.
ENGINE_MODULES = {"nnlib.check.engine", "nnlib.check._general", "nnlib.check.answer"}


@pytest.mark.parametrize("name", list(DERIVE))
def test_a_derive_checker_keeps_the_engines_rules(name):
    checker = DERIVE[name]
    own = [c for c in type(checker).__mro__ if c.__module__ not in ENGINE_MODULES and c is not object]
    changed = sorted({m for c in own for m in ENGINE_RULES if m in vars(c)})
    assert not changed, f"{name}'s class changes {changed}: the page's port of the engine cannot follow"
    if own and "__call__" in {m for c in own for m in vars(c)}:
        assert isinstance(checker, check.Answer), f"{name}: a formula checker's own __call__ cannot be probed"


class _TwoRight(check.Answer):
    """An Answer of a class of its own: 3 is right too, with a message of its own."""

    def __call__(self, value):
        if np.shape(value) == () and value == 3:
            return check.Result(True, "✅ toy_two: right, the other way")
        return super().__call__(value)


def test_a_second_right_answer_of_a_checkers_own_class_is_found():
    toy = _TwoRight("toy_two", 4.0, mistakes=[check.Mistake("that is 2", lambda: 2.0)])
    found = exercise_data.specials(toy)
    assert [(sp["value"], sp["passed"], sp["message"]) for sp in found] == [
        ({"s": [], "d": [3.0]}, True, "✅ toy_two: right, the other way")]
    assert exercise_data.specials(check.uniform_cost) == []
    assert "toy_two" not in check.RECORD  # asking the checker left no trace in the learner's progress


def test_one_formula_per_name_and_per_layer():
    forms = {n: answers.form_of(DERIVE[n]) for n in FORMULA}
    assert [e["short"] for e in forms["saturation_edge"]["entries"]] == ['name = "sigmoid"', 'name = "tanh"']
    assert len(forms["first_layer_variance"]["entries"]) == 3
    assert forms["forward_multiply_adds"]["layers"] and "n_prev" in forms["forward_multiply_adds"]["variables"]
    assert "m" in forms["absolute_error_grad"]["variables"]  # the checker knows m: the page offers it


def _toy(**kwargs):
    defaults = dict(name="toy", reference=lambda x: 2 * x, cases=lambda rng: [("x = 1", (1.0,))], kind="derive")
    defaults.update(kwargs)
    return check.Checker(defaults.pop("name"), defaults.pop("reference"), defaults.pop("cases"), **defaults)


def test_what_a_page_cannot_ask_is_refused_by_name():
    with pytest.raises(exercise_data.ExportError, match="toy: its argument 'f' is a"):
        exercise_data.export(_toy(reference=lambda f: 2, cases=lambda rng: [("f", (print,))]))
    with pytest.raises(exercise_data.ExportError, match="Hints"):
        exercise_data.export(_toy(hints=[check.Hint("look again", lambda args, problem: True)]))


def test_numbers_travel_exactly():
    a = np.array([[0.1, -np.inf], [np.nan, 1e-300]])
    assert exercise_data.array(a) == {"s": [2, 2], "d": [0.1, "-inf", "nan", 1e-300]}
