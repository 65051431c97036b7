/* Derive exercises answered in the page (written by tools/sphinxext/exercise_pages.py).
 *
 * Each section.nn-exercise[data-exercise] carries its exercise as JSON (exported from nnlib.check
 * at build time: exercise_data.py).  The reader types a value or a formula; math.js (pinned, from
 * the CDN in the section's data-reader, fetched once when a reader first focuses an input) parses
 * it, this file evaluates it at the checker's own cases,
 * and nnbook-exercises-judge.js gives the checker's verdict.  The hint ladder is shown one level at
 * a time.  What the reader typed, whether it was right and how many hints were shown are kept in
 * localStorage ("nnbook-exercises"), summed up at the top of the page with a control that resets
 * them.
 */
(function () {
  "use strict";

  var STORE = "nnbook-exercises";
  var OPERATORS = ["add", "subtract", "multiply", "divide", "pow", "unaryMinus", "unaryPlus", "dotMultiply",
                   "dotDivide", "dotPow", "equal", "unequal", "smaller", "larger", "smallerEq", "largerEq"];
  var mathjs = null, fetching = null;

  // math.js, fetched once, when first needed (its address and hash are the build's: exercise_pages.py).
  function fetchReader(root) {
    if (window.math) return Promise.resolve();
    if (!fetching) {
      fetching = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root.dataset.reader;
        script.integrity = root.dataset.readerIntegrity;
        script.crossOrigin = "anonymous";
        script.onload = resolve;
        script.onerror = function () { fetching = null; reject(new Error("math.js did not load")); };
        document.head.appendChild(script);
      });
    }
    return fetching;
  }

  // math.js with numpy's arithmetic where they differ: no complex numbers (NaN, as numpy's float
  // functions), comparisons as exact as math.js allows, pow as C's (negative base with a fraction → NaN, 1^x = 1),
  // min and max that pass NaN on.  The browser bundle's create() takes the configuration alone.
  function reader() {
    if (mathjs || !window.math) return mathjs;
    var m = window.math.create({predictable: true, matrix: "Array", number: "number", relTol: 1e-300, absTol: 0});
    function sigmoid(x) {
      var e = Math.exp(-Math.abs(x));  // as nnlib.sigmoid: never overflows
      return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
    function pow(x, y) {
      if (x === 1 || y === 0 || (x === -1 && Math.abs(y) === Infinity)) return 1;
      return Math.pow(x, y);
    }
    function pick(f) {
      return function (a, b) { return isNaN(a) || isNaN(b) ? NaN : f(a, b); };
    }
    m.import({
      sigmoid: m.typed("sigmoid", {"number": sigmoid}),
      ln: m.typed("ln", {"number": Math.log}),
      pow: m.typed("pow", {"number, number": pow}),
      min: m.typed("min", {"number, number": pick(Math.min)}),
      max: m.typed("max", {"number, number": pick(Math.max)})
    }, {override: true});
    mathjs = m;
    return mathjs;
  }

  // ------------------------------------------------------------------ storage (never fatal)
  function load() {
    try { return JSON.parse(window.localStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }
  function save(name, record) {
    try {
      var all = load();
      if (record) all[name] = record; else delete all[name];
      window.localStorage.setItem(STORE, JSON.stringify(all));
    } catch (e) { /* private browsing: progress is not kept */ }
  }

  // ------------------------------------------------------------------ reading what was typed
  function Unreadable(message) { this.message = message; }

  // Light spelling help only, the parsing is math.js's: numpy's names and Python's power, typographic signs.
  function normalise(text) {
    return text.replace(/\b(?:np|numpy|math)\.(?=[A-Za-z_])/g, "").replace(/\*\*/g, "^")
      .replace(/[\u2212\u2013]/g, "-").replace(/[\u00d7\u00b7\u22c5]/g, "*").replace(/\u00f7/g, "/");
  }

  function parse(ex, text, what) {
    var m = reader();
    if (!m) {
      throw new Unreadable("the formula reader (math.js, from cdn.jsdelivr.net) did not load: are you offline? " +
                           "Try again when you are online");
    }
    var source = normalise(text);
    if (ex.kind === "value" && /\d,\d/.test(source) && !/[\[\]]/.test(source)) {
      throw new Unreadable("write decimals with a point (2.5, not 2,5)");
    }
    var node;
    try { node = m.parse(source); } catch (e) {
      throw new Unreadable("I cannot read " + what + ": " + e.message.replace(/^SyntaxError: /, ""));
    }
    var allowed = {}, functions = {}, used = {};
    ex.variables.concat(ex.constants).forEach(function (v) { allowed[v] = true; });
    ex.functions.forEach(function (f) { functions[f] = true; });
    var names = ex.variables.length ? "the variables are " + ex.variables.join(", ") : "this answer has no variables";
    node.traverse(function (n, path, parent) {
      var type = n.type;
      if (type === "SymbolNode") {
        if (parent && parent.type === "FunctionNode" && path === "fn") return;  // checked with its call
        if (!allowed[n.name]) {
          throw new Unreadable("“" + n.name + "” is not a name this exercise knows; " + names +
                               (ex.constants.length ? ", the constants " + ex.constants.join(" and ") : ""));
        }
        if (ex.variables.indexOf(n.name) >= 0) used[n.name] = true;
      } else if (type === "FunctionNode") {
        var fname = n.fn && n.fn.type === "SymbolNode" ? n.fn.name : "";
        if (!functions[fname]) {
          throw new Unreadable((fname || n.fn.toString()) + "(…) is not a function you can use here; the functions are " +
                               ex.functions.join(", "));
        }
        var arity = /^(min|max)$/.test(fname) ? 2 : 1;
        if (n.args.length !== arity) {
          throw new Unreadable(fname + " takes " + (arity === 1 ? "one argument" : "two arguments") +
                               (fname === "log" ? "; for another base use log2, log10, or log(x)/log(b)" : ""));
        }
      } else if (type === "ConstantNode") {
        if (typeof n.value !== "number") throw new Unreadable("“" + String(n.value) + "” is not a number");
      } else if (type === "OperatorNode") {
        if (OPERATORS.indexOf(n.fn) < 0) throw new Unreadable("the operator " + n.op + " cannot be used here");
      } else if (type === "ArrayNode") {
        if (ex.kind !== "value") throw new Unreadable("a formula gives one number for each entry: no [ ] lists");
      } else if (["ParenthesisNode", "ConditionalNode"].indexOf(type) < 0) {
        throw new Unreadable("enter one formula (no “=”, “;”, indexing, ranges or definitions)");
      }
    });
    return {code: node.compile(), used: ex.variables.filter(function (v) { return used[v]; })};
  }

  function asNumber(v, what) {
    if (typeof v === "boolean") return v ? 1 : 0;
    if (typeof v === "number") return v;
    var kind = Array.isArray(v) ? "a list" : (v && v.type) || typeof v;
    throw new Unreadable(what + " gives " + kind + ", not a number");
  }

  // A value: a number or a rectangular array of numbers, as {s, d}.
  function readValue(ex, text) {
    var v = parse(ex, text, "your answer").code.evaluate({});
    if (!Array.isArray(v)) return {s: [], d: [asNumber(v, "your answer")]};
    var shape = [], d = [], probe = v;
    while (Array.isArray(probe)) { shape.push(probe.length); probe = probe[0]; }
    (function walk(x, depth) {
      if (depth === shape.length) { d.push(asNumber(x, "an entry of your answer")); return; }
      if (!Array.isArray(x) || x.length !== shape[depth]) throw new Unreadable("the rows of your array have different lengths");
      x.forEach(function (y) { walk(y, depth + 1); });
    })(v, 0);
    return {s: shape, d: d};
  }

  // numpy's broadcasting of the variables a formula uses: the shape of the result, and for each
  // variable the index of its entry at each entry of the result.
  function broadcast(vars) {
    var shape = [];
    vars.forEach(function (v) {
      var off = shape.length - v.s.length;
      if (off < 0) { shape = v.s.slice(0, -off).concat(shape); off = 0; }
      v.s.forEach(function (n, d) {
        var have = shape[off + d];
        if (have === 1) shape[off + d] = n;
        else if (n !== 1 && n !== have) throw new Unreadable("the variables' shapes do not broadcast");
      });
    });
    var size = shape.reduce(function (p, q) { return p * q; }, 1);
    var index = vars.map(function (v) {
      var off = shape.length - v.s.length, out = [];
      for (var k = 0; k < size; k++) {
        var rest = k, flat = 0, stride = 1;
        for (var d = shape.length - 1; d >= 0; d--) {
          var i = rest % shape[d];
          rest = Math.floor(rest / shape[d]);
          if (d >= off) { var n = v.s[d - off]; flat += (n === 1 ? 0 : i) * stride; stride *= n; }
        }
        out.push(flat);
      }
      return out;
    });
    return {shape: shape, size: size, index: index};
  }

  // A formula: its value at every case, entry by entry (per layer: summed over l = 1 … N).
  function readFormulas(ex, texts) {
    var decode = window.nnExerciseJudge.decode;
    var compiled = texts.map(function (t, k) {
      return parse(ex, t, ex.entries.length > 1 ? "your formula for " + ex.entries[k].short : "your formula");
    });
    return ex.cases.map(function (c) {
      var f = compiled[c.entry], scope = {}, d = [];
      var names = f.used.filter(function (v) { return c.vars[v]; });  // per layer: l, N, n_l, n_prev come below
      var vars = names.map(function (v) { return c.vars[v]; }), b = broadcast(vars);
      for (var k = 0; k < b.size; k++) {
        names.forEach(function (v, j) { scope[v] = decode(vars[j].d[b.index[j][k]]); });
        if (!c.sizes) { d.push(asNumber(f.code.evaluate(scope), "your formula")); continue; }
        var total = 0, N = c.sizes.length - 1;
        for (var l = 1; l <= N; l++) {
          scope.l = l; scope.N = N; scope.n_l = c.sizes[l]; scope.n_prev = c.sizes[l - 1];
          total = total + asNumber(f.code.evaluate(scope), "your formula");
        }
        d.push(total);
      }
      return {s: b.shape, d: d};
    });
  }

  // The verdict of one attempt: {passed, message, mistake}; what only a page can get wrong is said here.
  function verdict(ex, texts) {
    var empty = texts.map(function (t, k) { return t.trim() ? -1 : k; }).filter(function (k) { return k >= 0; });
    if (empty.length) {
      var which = ex.entries.length > 1 ? " (" + empty.map(function (k) { return ex.entries[k].short; }).join("; ") + ")" : "";
      return {passed: false, malformed: true, mistake: -1,
              message: "⏳ " + ex.name + " is not answered yet: type your " + (ex.kind === "value" ? "value" : "formula") + which};
    }
    var theirs;
    try {
      theirs = ex.kind === "value" ? [readValue(ex, texts[0])] : readFormulas(ex, texts);
    } catch (e) {
      var text = e instanceof Unreadable ? e.message : "your formula could not be evaluated: " + e.message;
      return {passed: false, malformed: true, mistake: -1, message: "❌ " + ex.name + ": " + text};
    }
    return window.nnExerciseJudge.judge(ex, theirs);
  }

  // ------------------------------------------------------------------ the page
  function escapeHtml(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  // A message in the page: code in `backticks` shown as code; the notebook's check.hint(…) is the Hint button.
  function rich(text) {
    return escapeHtml(text.replace(/check\.hint\('[^']*'\)/g, "the “Show hint” button"))
      .replace(/`([^`]+)`/g, "<code>$1</code>");
  }

  function init(root) {
    var ex = JSON.parse(root.querySelector("script.nn-exercise-data").textContent);
    var form = root.querySelector("form"), inputs = [].slice.call(root.querySelectorAll("input.nn-exercise-input"));
    var out = root.querySelector(".nn-exercise-verdict"), hints = root.querySelector(".nn-exercise-hints");
    var hintButton = root.querySelector(".nn-exercise-hint");
    var record = load()[ex.name] || {};

    function show(result) {
      out.innerHTML = rich(result.message);
      out.className = "nn-exercise-verdict " + (result.passed ? "nn-right" : result.malformed ? "nn-unread" : "nn-wrong");
      root.dataset.state = result.passed ? "right" : "tried";
      inputs.forEach(function (i) { i.setAttribute("aria-invalid", result.passed ? "false" : "true"); });
    }
    function check(announce, fetched) {
      if (!window.math && !fetched) {  // the first check: fetch the reader, then judge (a failure is a verdict too)
        out.textContent = "Loading the formula reader…";
        out.className = "nn-exercise-verdict nn-unread";
        var again = function () { return check(announce, true); };
        fetchReader(root).then(again, again);
        return null;
      }
      var texts = inputs.map(function (i) { return i.value; });
      var result = verdict(ex, texts);
      root.nnLast = result;
      out.setAttribute("aria-live", announce ? "polite" : "off");
      show(result);
      out.setAttribute("aria-live", "polite");
      record.entries = texts;
      record.passed = result.passed;
      save(ex.name, record);
      document.dispatchEvent(new CustomEvent("nn-exercise-change"));
      return result;
    }
    function showHints(level) {
      hints.innerHTML = "";
      for (var k = 0; k < level; k++) {
        var li = document.createElement("li");
        li.innerHTML = "<strong>Hint " + (k + 1) + " of " + ex.ladder.length + ":</strong> " + rich(ex.ladder[k]);
        hints.appendChild(li);
      }
      var total = ex.ladder.length;
      if (level >= total) {
        hintButton.disabled = true;
        hintButton.textContent = total ? "No more hints" : "No hints";
      } else {
        var last = level + 1 === total && ex.ladder[total - 1].indexOf("`") >= 0;
        hintButton.textContent = "Show hint " + (level + 1) + " of " + total + (last ? " (shows code)" : "");
      }
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); check(true); });
    form.addEventListener("focusin", function () { fetchReader(root).catch(function () {}); });
    hintButton.addEventListener("click", function () {
      record.hints = Math.min((record.hints || 0) + 1, ex.ladder.length);
      save(ex.name, record);
      showHints(record.hints);
      var last = hints.lastElementChild;
      if (last) { last.setAttribute("tabindex", "-1"); last.focus(); }
    });
    root.nnReset = function () {
      record = {};
      inputs.forEach(function (i) { i.value = ""; i.removeAttribute("aria-invalid"); });
      out.textContent = "";
      out.className = "nn-exercise-verdict";
      delete root.dataset.state;
      hintButton.disabled = false;
      showHints(0);
    };
    root.nnCheck = function (texts) {  // for tests and readers' tools: type the entries and check
      texts.forEach(function (t, k) { inputs[k].value = t; });
      return check(true);
    };
    showHints(record.hints || 0);
    if (record.entries && record.entries.some(function (t) { return t; })) {
      record.entries.forEach(function (t, k) { if (inputs[k]) inputs[k].value = t; });
      check(false);
    }
    form.hidden = false;
    root.classList.add("nn-exercise-ready");
  }

  function summary(box, roots) {
    var progress = box.querySelector(".nn-exercise-progress"), note = box.querySelector(".nn-exercise-reset-note");
    function update() {
      if (note) note.textContent = "";
      var right = roots.filter(function (r) { return r.dataset.state === "right"; }).length;
      var tried = roots.filter(function (r) { return r.dataset.state; }).length;
      progress.textContent = "Right so far: " + right + " of " + roots.length +
        (tried > right ? " (" + (tried - right) + " tried)" : "") + ".";
    }
    box.querySelector(".nn-exercise-reset").addEventListener("click", function () {
      roots.forEach(function (r) { save(r.dataset.exercise, null); if (r.nnReset) r.nnReset(); });
      update();
      note.textContent = "Your answers and hints in this page were cleared.";
    });
    document.addEventListener("nn-exercise-change", update);
    update();
    box.hidden = false;
  }

  function start() {
    var roots = [].slice.call(document.querySelectorAll("section.nn-exercise[data-exercise]"));
    roots.forEach(function (root) {
      try { init(root); } catch (e) { root.classList.add("nn-exercise-broken"); throw e; }
    });
    var box = document.querySelector(".nn-exercise-summary");
    if (box) summary(box, roots);
  }

  window.nnExercises = {verdict: verdict, normalise: normalise};
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
