/* The verdict of a derive exercise in the page: a port of nnlib.check's engine (no DOM, no math.js).
 *
 * The numbers come from the build (tools/sphinxext/exercise_data.py exports, from nnlib.check, every
 * case's right value, the tolerances, each Mistake's outcome on every case, its message).  What is
 * ported here is logic only, rule by rule, with the names of the Python it follows:
 *   engine.Checker._check/_problem/_mistake, _general.GeneralMessages._general/_factor_everywhere, answer.Answer._general,
 *   _parts.agrees/constant_factor/ratio, _answers.fmt, and the general messages of _messages.py.
 * numpy's semantics are kept where they matter: isclose's |a − b| ≤ atol + rtol·|b|, NaN never
 * close, median of NaN is NaN, "%.6g" rounding half to even.  The browser tests
 * (tests/browser/test_exercises.py) compare this with the checkers on random answers.
 *
 * An array is {s: shape, d: entries in C order}.  window.nnExerciseJudge.judge(exercise, theirs)
 * takes the exported exercise and the reader's outcome on each case, and returns
 * {passed, message, mistake} (mistake: the index of the declared Mistake named, or -1).
 */
(function () {
  "use strict";

  // ------------------------------------------------------------------ numbers as numpy has them
  function decode(x) {
    if (x === "nan") return NaN;
    if (x === "inf") return Infinity;
    if (x === "-inf") return -Infinity;
    return x;
  }
  function arr(a) { return a && a.d ? {s: a.s, d: a.d.map(decode)} : a; }
  function sameShape(a, b) { return a.s.length === b.s.length && a.s.every(function (n, k) { return n === b.s[k]; }); }
  function isclose(a, b, rtol, atol) {
    if (a === b) return true;  // equal infinities too
    if (!isFinite(a) || !isFinite(b)) return false;
    return Math.abs(a - b) <= atol + rtol * Math.abs(b);
  }
  function allclose(a, b, rtol, atol) {
    for (var k = 0; k < a.d.length; k++) if (!isclose(a.d[k], b.d[k], rtol, atol)) return false;
    return true;
  }
  function median(xs) {
    if (xs.some(isNaN)) return NaN;
    var s = xs.slice().sort(function (p, q) { return p - q; }), n = s.length;
    return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
  // _parts.agrees: the same answer (a raised exception's text, or arrays close or with inf/NaN alike).
  function agrees(answer, other, rtol, atol) {
    var aText = answer && answer.raised !== undefined, oText = other && other.raised !== undefined;
    if (aText || oText) return aText && oText && answer.raised === other.raised;
    if (!answer || !other || !sameShape(answer, other)) return false;
    if (allclose(answer, other, rtol, atol)) return true;
    var anyBad = false;
    for (var k = 0; k < other.d.length; k++) {
      var bad = !isFinite(other.d[k]);
      anyBad = anyBad || bad;
      if (bad !== !isFinite(answer.d[k])) return false;
    }
    return anyBad;
  }
  // _parts.constant_factor and _parts.ratio: c with actual = c · expected everywhere, or null.
  function ratios(actual, expected) {
    var rs = [];
    for (var k = 0; k < expected.d.length; k++) {
      if (Math.abs(expected.d[k]) > 1e-12) rs.push(actual.d[k] / expected.d[k]);
      else if (Math.abs(actual.d[k]) > 1e-9) return null;
    }
    return rs.length ? rs : null;
  }
  function allNear(rs, c) { return rs.every(function (r) { return isclose(r, c, 1e-6, 0); }); }
  function constantFactor(actual, expected) {
    var rs = ratios(actual, expected);
    if (!rs) return null;
    var c = median(rs);
    return c !== 0 && allNear(rs, c) && !isclose(c, 1, 1e-5, 1e-8) ? c : null;
  }
  function ratio(actual, expected) {
    if (!sameShape(actual, expected) || !actual.d.every(isFinite)) return null;
    var rs = ratios(actual, expected);
    if (!rs) return null;
    var c = median(rs);
    return allNear(rs, c) ? c : null;
  }

  // ------------------------------------------------------------------ text as Python writes it
  function digitsOf(x, p) { return x.toExponential(p - 1); }
  // Python's "{:.{p}g}": p significant digits, rounding half to even, "e-05" exponents.
  function fmtG(x, p) {
    if (isNaN(x)) return "nan";
    if (!isFinite(x)) return x > 0 ? "inf" : "-inf";
    if (x === 0) return Object.is(x, -0) ? "-0" : "0";
    var sign = x < 0 ? "-" : "", a = Math.abs(x);
    var e = digitsOf(a, p);
    var exact = a.toExponential(Math.min(100, p + 40)).split("e")[0].replace(".", "");
    var tail = exact.slice(p);
    if (/^50*$/.test(tail) && parseInt(exact.charAt(p - 1), 10) % 2 === 0) {  // a tie: keep the even digit
      var kept = exact.slice(0, p), ex = parseInt(a.toExponential(Math.min(100, p + 40)).split("e")[1], 10);
      e = kept.charAt(0) + (p > 1 ? "." + kept.slice(1) : "") + "e" + (ex < 0 ? "" : "+") + ex;
    }
    var parts = e.split("e"), mant = parts[0], exp = parseInt(parts[1], 10);
    if (exp < -4 || exp >= p) {
      if (mant.indexOf(".") >= 0) mant = mant.replace(/0+$/, "").replace(/\.$/, "");
      return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    var digits = mant.replace(".", ""), out;
    if (exp >= 0) {
      out = digits.slice(0, exp + 1) + (digits.length > exp + 1 ? "." + digits.slice(exp + 1) : "");
    } else {
      out = "0." + new Array(-exp).join("0") + digits;
    }
    if (out.indexOf(".") >= 0) out = out.replace(/0+$/, "").replace(/\.$/, "");
    return sign + out;
  }
  function fmt(x) { return fmtG(x, 6); }  // _answers.fmt of a float
  function npStr(x) { return isNaN(x) ? "nan" : x === Infinity ? "inf" : x === -Infinity ? "-inf" : fmtG(x, 17); }
  function tuple(xs) { return "(" + xs.join(", ") + (xs.length === 1 ? ",)" : ")"); }
  function unravel(k, shape) {
    var out = [];
    for (var j = shape.length - 1; j >= 0; j--) { out.unshift(k % shape[j]); k = Math.floor(k / shape[j]); }
    return out;
  }
  function plural(n, word) { return n + " " + word + (n !== 1 ? "s" : ""); }

  // _messages.py
  var say = {
    transpose: function (expected, actual, isTranspose) {
      return isTranspose
        ? "your result is the transpose of the right one: expected shape " + tuple(expected) + ", got " + tuple(actual)
        : "wrong shape: expected " + tuple(expected) + ", got " + tuple(actual) + " (the transpose's shape)";
    },
    shape: function (expected, actual) { return "wrong shape: expected " + tuple(expected) + ", got " + tuple(actual); },
    numberExpected: function (shape, size) {
      return "returned an array of shape " + tuple(shape) + "; expected a single number" +
        (size === 1 ? " (float(...) converts it)" : "");
    },
    notFinite: function (value, index, expected) {
      return "your result is " + value + (index.length ? " at index " + tuple(index) : "") + " where " + expected +
        " was expected; look for an overflow in exp or a division by zero or log(0)";
    },
    factorName: function (factor, m) {
      if (m && m > 1 && isclose(factor, m, 1e-6, 1e-8)) return "m";
      if (m && m > 1 && isclose(factor, 1 / m, 1e-6, 1e-8)) return "1/m";
      return isclose(factor, -1, 1e-5, 1e-8) ? "-1" : null;
    },
    factor: function (factor, name, mText) {
      if (name === "m") return "your result is m = " + mText + " times too large: average over the m examples (divide by m)";
      if (name === "1/m") return "your result is m = " + mText + " times too small: you divided by m where no average is taken";
      if (name === "-1") return "your result has the wrong sign";
      return "your result is off by a constant factor: on every case it is " + fmtG(factor, 4) + " times the right answer";
    },
    worthNaming: function (factor) { return factor !== 0 && Math.abs(factor - 1) > 1e-3; },
    entry: function (index, expected, actual) {
      return (index.length ? "first wrong entry at index " + tuple(index) : "wrong value") + ": expected " + expected +
        ", got " + actual;
    },
    formsOf: function (shape) {
      if (shape.length === 0) return "a single number";
      if (shape.length === 1) return plural(shape[0], "number");
      if (shape.length === 2) return plural(shape[0], "row") + " of " + plural(shape[1], "number");
      return "an array of shape " + tuple(shape);
    },
    answerForm: function (actual, expected, form) {
      return "you entered " + say.formsOf(actual) + "; the question asks for " + (form || say.formsOf(expected));
    }
  };

  // ------------------------------------------------------------------ engine.Checker, for one reader's answer
  function judge(ex, theirs) {
    var rtol = ex.rtol, atol = ex.atol;
    // What the checker's own class says about exactly this value, found at build time (exercise_data.specials).
    var special = (ex.specials || []).filter(function (sp) {
      var v = arr(sp.value);
      return sameShape(v, theirs[0]) && v.d.every(function (x, k) { return x === theirs[0].d[k]; });
    })[0];
    if (special) return {passed: special.passed, mistake: -1, message: special.message};
    var right = ex.cases.map(function (c) { return arr(c.right); });
    var mistakes = ex.mistakes.map(function (mk) { return {message: mk.message, outcomes: mk.outcomes.map(arr)}; });

    function findMistake(i, answer) {  // Checker._mistake
      for (var k = 0; k < mistakes.length; k++) {
        var out = mistakes[k].outcomes, j, ok = true;
        if (agrees(out[i], right[i], rtol, atol) || !agrees(answer, out[i], rtol, atol)) continue;
        for (j = 0; j < i && ok; j++) ok = agrees(out[j], right[j], rtol, atol);
        for (j = i + 1; j < out.length && ok; j++) ok = agrees(out[j], theirs[j], rtol, atol);
        if (ok) return k;
      }
      return -1;
    }
    function firstWrong(actual, expected) {
      var k = 0;
      while (k < actual.d.length && isclose(actual.d[k], expected.d[k], rtol, atol)) k++;
      if (k === actual.d.length) k = 0;
      return {k: k, index: unravel(k, actual.s)};
    }
    function factorEverywhere(factor, name) {  // Checker._factor_everywhere
      var informative = 0;
      for (var j = 0; j < right.length; j++) {
        var t = theirs[j], r = right[j];
        if (!t || !sameShape(t, r)) return false;
        var c = ratio(t, r);
        if (c === null) {
          if (allclose(t, r, rtol, atol) && !r.d.some(function (x) { return x !== 0; })) continue;
          return false;
        }
        var m = ex.cases[j].m;
        var want = name === "m" ? m : name === "1/m" ? (m ? 1 / m : null) : name === "-1" ? -1 : factor;
        if (want === null || !isclose(c, want, 1e-6, 1e-8)) return false;
        informative += r.d.filter(function (x) { return Math.abs(x) > 1e-12; }).length;
      }
      return informative >= 2 || (name !== null && informative >= 1);
    }
    function general(i, actual, expected) {  // Checker._general
      var m = ex.cases[i].m, mText = ex.cases[i].m_text, k;
      if (expected.s.length === 0 && actual.s.length > 0) return say.numberExpected(actual.s, actual.d.length);
      if (!sameShape(actual, expected)) {
        if (actual.s.length === 2 && actual.s[0] === expected.s[1] && actual.s[1] === expected.s[0]) {
          var t = {s: expected.s, d: []};
          for (var r = 0; r < actual.s[1]; r++) for (var c = 0; c < actual.s[0]; c++) t.d.push(actual.d[c * actual.s[1] + r]);
          return say.transpose(expected.s, actual.s, allclose(t, expected, rtol, atol));
        }
        return say.shape(expected.s, actual.s);
      }
      for (k = 0; k < actual.d.length; k++) {
        if (!isFinite(actual.d[k]) && isFinite(expected.d[k])) {
          return say.notFinite(npStr(actual.d[k]), actual.s.length ? unravel(k, actual.s) : [], fmt(expected.d[k]));
        }
      }
      var factor = constantFactor(actual, expected);
      if (factor !== null) {
        var name = say.factorName(factor, m);
        if (name && factorEverywhere(factor, name)) return say.factor(factor, name, mText);
        if (say.worthNaming(factor) && factorEverywhere(factor, null)) return say.factor(factor, null, mText);
      }
      var w = firstWrong(actual, expected);
      return say.entry(w.index, fmt(expected.d[w.k]), fmt(actual.d[w.k]));
    }
    function answerGeneral(i, actual, expected) {  // Answer._general: never the right value
      if (!sameShape(actual, expected)) return say.answerForm(actual.s, expected.s, ex.answer_form);
      var factor = constantFactor(actual, expected);
      if (factor !== null && say.factorName(factor, ex.cases[i].m)) return general(i, actual, expected);
      var again = "go through your derivation again, or ask for a hint: check.hint('" + ex.name + "')";
      if (actual.s.length === 0) return fmt(actual.d[0]) + " is not the right value; " + again;
      var w = firstWrong(actual, expected);
      return "entry " + tuple(w.index) + " is not right (you entered " + fmt(actual.d[w.k]) + "); " + again;
    }

    for (var i = 0; i < right.length; i++) {
      var actual = theirs[i], expected = right[i];
      if (sameShape(actual, expected) && allclose(actual, expected, rtol, atol)) continue;
      var found = findMistake(i, actual), message;
      if (found >= 0) {
        message = sameShape(actual, expected) ? mistakes[found].message
          : "expected shape " + tuple(expected.s) + ", got " + tuple(actual.s) + ": " + mistakes[found].message;
      } else {
        message = ex.answer ? answerGeneral(i, actual, expected) : general(i, actual, expected);
      }
      return {passed: false, mistake: found, message: "❌ " + ex.name + ", " + ex.cases[i].label + ": " + message};
    }
    if (ex.answer) return {passed: true, mistake: -1, message: "✅ " + ex.name + ": right"};
    var labels = ex.cases.map(function (c) { return c.label; }).join("; ");
    return {passed: true, mistake: -1,
            message: "✅ " + ex.name + " passed all " + ex.cases.length + " checks (" + labels + ")"};
  }

  window.nnExerciseJudge = {judge: judge, fmtG: fmtG, decode: decode, tuple: tuple, formsOf: say.formsOf};
})();
