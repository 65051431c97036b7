/* The book's explorers without a kernel (written by tools/sphinxext/explorer_pages.py).
 *
 * Each .nn-explorer holds native controls and one picture.  Its data-states attribute lists
 * the states drawn in advance, each as the index of every control's value; picture i is
 * data-base + i + "." + data-ext.  Moving a control snaps it to the nearest value drawn; when
 * no drawn state has that value together with the other controls' values, the nearest state
 * that has it is shown and the other controls move to it, and the line above the picture says
 * which moved: every control always shows the value of the picture.  Keys step from one drawn
 * value to the next.  Pictures load when needed; the neighbours of the one shown are fetched
 * ahead.  A picture that has not arrived 150 ms after it was asked for is marked as loading
 * (the old one dims under "loading the picture…") until it is shown.
 */
(function () {
  "use strict";

  function init(root) {
    var states = JSON.parse(root.dataset.states);
    var base = root.dataset.base;
    var img = root.querySelector("img.nn-explorer-frame");
    var controls = Array.prototype.slice.call(root.querySelectorAll("[data-control]"));
    var current = parseInt(root.dataset.current, 10);
    var ext = root.dataset.ext || "png";
    var moved = root.querySelector(".nn-explorer-moved");
    var alts = null, altsLoading = null, prefetched = {}, waiting = null;
    var LOADING_MS = 150;

    function positions(el) { return JSON.parse(el.dataset.positions || "null"); }
    function texts(el) { return JSON.parse(el.dataset.texts || "null"); }

    function loadAlts() {
      if (!altsLoading) {
        altsLoading = fetch(base + "alts.json").then(function (r) { return r.json(); })
          .then(function (a) { alts = a; return a; }).catch(function () { return null; });
      }
      return altsLoading;
    }

    function prefetch(index) {
      if (prefetched[index]) return;
      prefetched[index] = true;
      var image = new Image();
      image.src = base + index + "." + ext;
    }

    // States that differ from state `s` in one control only, one step away.
    function neighbours(s) {
      var out = [];
      states.forEach(function (t, i) {
        var diff = 0, far = false;
        for (var k = 0; k < t.length && !far; k++) {
          if (t[k] !== s[k]) { diff++; far = Math.abs(t[k] - s[k]) > 1; }
        }
        if (diff === 1 && !far) out.push(i);
      });
      return out;
    }

    function setControls(s) {
      controls.forEach(function (el, k) {
        if (el.tagName === "SELECT") {
          el.value = String(s[k]);
          return;
        }
        var pos = positions(el), txt = texts(el);
        el.value = pos[s[k]];
        el.setAttribute("aria-valuetext", txt[s[k]]);
        var out = root.querySelector('output[for="' + el.id + '"]');
        if (out) out.textContent = txt[s[k]];
      });
    }

    // The label and shown value of control k in state s, as the page writes them.
    function describe(k, s) {
      var el = controls[k], label = root.querySelector('label[for="' + el.id + '"]');
      var value = el.tagName === "SELECT" ? el.querySelector('option[value="' + s[k] + '"]').text : texts(el)[s[k]];
      return (label ? label.textContent : "control " + k) + " = " + value;
    }

    // Say which other controls a move of control k took along (nothing when it took none).
    function sayMoved(k, before, after) {
      if (!moved || k === undefined) return;
      var others = [];
      for (var j = 0; j < after.length; j++) {
        if (j !== k && after[j] !== before[j]) others.push(describe(j, after));
      }
      moved.textContent = others.length ? describe(k, after) + " is drawn in advance only with " +
        others.join(", ") + ": " + (others.length > 1 ? "those controls" : "that control") + " moved too." : "";
    }

    function loaded() {
      clearTimeout(waiting);
      root.classList.remove("nn-explorer-waiting");
    }

    function show(index, k) {
      var before = states[current];
      current = index;
      var s = states[index];
      setControls(s);
      sayMoved(k, before, s);
      var src = base + index + "." + ext;
      root.dataset.shown = String(index);
      img.dataset.requested = String(performance.now());
      clearTimeout(waiting);
      waiting = setTimeout(function () {
        if (!(img.complete && img.naturalWidth > 0 && img.getAttribute("src") === src)) {
          root.classList.add("nn-explorer-waiting");
        }
      }, LOADING_MS);
      img.src = src;
      loadAlts().then(function (a) { if (a && current === index) img.alt = a[index]; });
      neighbours(s).forEach(prefetch);
    }

    // The drawn state with control k at value index v that is nearest the current one.
    function nearestWith(k, v) {
      var best = -1, bestCost = Infinity, s = states[current];
      states.forEach(function (t, i) {
        if (t[k] !== v) return;
        var changed = 0, dist = 0;
        for (var j = 0; j < t.length; j++) {
          if (j !== k && t[j] !== s[j]) { changed++; dist += Math.abs(t[j] - s[j]); }
        }
        var cost = changed * 1000 + dist;
        if (cost < bestCost) { best = i; bestCost = cost; }
      });
      return best;
    }

    // The index of the drawn value of control el nearest to the number x.
    function nearestValue(el, x) {
      var pos = positions(el), best = 0;
      for (var i = 1; i < pos.length; i++) {
        if (Math.abs(pos[i] - x) < Math.abs(pos[best] - x)) best = i;
      }
      return best;
    }

    controls.forEach(function (el, k) {
      if (el.tagName === "SELECT") {
        el.addEventListener("change", function () {
          var i = nearestWith(k, parseInt(el.value, 10));
          if (i >= 0) show(i, k);
        });
        return;
      }
      el.addEventListener("input", function () {
        var v = nearestValue(el, parseFloat(el.value));
        var i = nearestWith(k, v);
        if (i >= 0 && i !== current) show(i, k); else setControls(states[current]);
      });
      el.addEventListener("keydown", function (event) {
        var pos = positions(el), now = states[current][k], next = null;
        if (event.key === "ArrowRight" || event.key === "ArrowUp") next = Math.min(now + 1, pos.length - 1);
        if (event.key === "ArrowLeft" || event.key === "ArrowDown") next = Math.max(now - 1, 0);
        if (event.key === "PageUp") next = Math.min(now + 5, pos.length - 1);
        if (event.key === "PageDown") next = Math.max(now - 5, 0);
        if (event.key === "Home") next = 0;
        if (event.key === "End") next = pos.length - 1;
        if (next === null) return;
        event.preventDefault();
        var i = nearestWith(k, next);
        if (i >= 0) show(i, k);
      });
    });

    img.addEventListener("load", function () {
      root.dataset.loaded = img.getAttribute("src");
      if (img.getAttribute("src") === base + current + "." + ext) loaded();
    });
    img.addEventListener("error", loaded);
    // The first picture has often loaded before this script runs (on DOMContentLoaded).
    if (img.complete && img.naturalWidth > 0) root.dataset.loaded = img.getAttribute("src");
    root.dataset.shown = String(current);
    neighbours(states[current]).forEach(prefetch);
    setControls(states[current]);
    root.classList.add("nn-explorer-ready");
  }

  function start() {
    document.querySelectorAll(".nn-explorer").forEach(init);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
