// Watches the book's explorers from inside the page: installed before the page's own scripts
// (Playwright's add_init_script) by tests/browser/explorers.py, which moves the controls.
//
// It records, on the page's own clock (performance.now()):
//  - when each picture under _static/explorers/ arrived (resource timing: responseEnd) and its size;
//  - when an explorer's <img> was given a new src, and when that picture had loaded and decoded
//    (the load event, then img.decode() resolved): the picture is on screen.
// __nnProbe.snapshot(id) describes one explorer as the reader sees it; __nnProbe.timing(id) says
// how long its picture took from "arrived" (or "asked for", if it had arrived before) to "shown".
(() => {
  "use strict";
  const arrivals = {}; // absolute url -> [{responseEnd, size}]
  const loads = []; // {src, at, decoded}
  const srcSet = new WeakMap(); // img -> {src, at}
  let lastInput = null; // {id, at, raw}: the last input event on a control, its value before the page's handler
  let lastAction = null; // when the reader last acted on a control (key, input or change event)

  try { performance.setResourceTimingBufferSize(100000); } catch (e) { /* the observer still sees them */ }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.name.includes("/_static/explorers/")) continue;
      (arrivals[e.name] = arrivals[e.name] || []).push({ responseEnd: e.responseEnd, size: e.encodedBodySize });
    }
  }).observe({ type: "resource", buffered: true });

  const onAction = (event) => {
    const el = event.target;
    if (!(el instanceof Element) || !el.matches(".nn-explorer [data-control]")) return;
    lastAction = performance.now();
    if (event.type === "input") lastInput = { id: el.id, at: lastAction, raw: el.value };
  };
  ["keydown", "input", "change"].forEach((type) => document.addEventListener(type, onAction, true));

  document.addEventListener("load", (event) => {
    const img = event.target;
    if (!(img instanceof HTMLImageElement) || !img.classList.contains("nn-explorer-frame")) return;
    const entry = { src: img.currentSrc, at: performance.now(), decoded: null };
    loads.push(entry);
    img.decode().then(() => { entry.decoded = performance.now(); }, () => { entry.decoded = -1; });
  }, true);

  const watch = (img) => {
    srcSet.set(img, { src: img.src, at: performance.now(), initial: true });
    new MutationObserver((records) => {
      if (records.length && img.src !== srcSet.get(img).src) {
        srcSet.set(img, { src: img.src, at: performance.now(), action: lastAction });
      }
    }).observe(img, { attributes: true, attributeFilter: ["src"] });
  };
  const start = () => document.querySelectorAll("img.nn-explorer-frame").forEach(watch);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  const parts = (id) => {
    const root = document.getElementById(id);
    return { root, img: root.querySelector("img.nn-explorer-frame") };
  };
  const abs = (url) => new URL(url, location.href).href;

  function snapshot(id) {
    const { root, img } = parts(id);
    const states = JSON.parse(root.dataset.states);
    const shown = parseInt(root.dataset.shown !== undefined ? root.dataset.shown : root.dataset.current, 10);
    const controls = [...root.querySelectorAll("[data-control]")].map((el) => {
      const label = root.querySelector(`label[for="${el.id}"]`);
      const box = el.closest(".nn-explorer-control");
      const note = box && box.querySelector(".nn-explorer-fixed");
      const c = {
        k: parseInt(el.dataset.control, 10),
        id: el.id,
        tag: el.tagName.toLowerCase(),
        label: label ? label.textContent : null,
        disabled: el.disabled,
        note: note ? note.textContent : null,
        value: el.value,
      };
      if (c.tag === "select") {
        c.options = [...el.options].map((o) => ({ value: o.value, text: o.text }));
        c.shown = el.selectedIndex >= 0 ? el.options[el.selectedIndex].text : null;
      } else {
        const out = root.querySelector(`output[for="${el.id}"]`);
        Object.assign(c, {
          positions: JSON.parse(el.dataset.positions),
          texts: JSON.parse(el.dataset.texts),
          shown: out ? out.textContent : null,
          valuetext: el.getAttribute("aria-valuetext"),
          min: parseFloat(el.min), max: parseFloat(el.max), step: el.step,
        });
      }
      return c;
    });
    return {
      id,
      base: abs(root.dataset.base),
      ext: root.dataset.ext || "png",
      ready: root.classList.contains("nn-explorer-ready"),
      shown,
      state: states[shown] || null,
      states: states.length,
      controls,
      src: img.src,
      current_src: img.currentSrc,
      complete: img.complete,
      natural_width: img.naturalWidth,
      alt: img.getAttribute("alt"),
      loaded: root.dataset.loaded ? abs(root.dataset.loaded) : null,
      moved_note: (root.querySelector(".nn-explorer-moved") || {}).textContent || "",
    };
  }

  // The load of the picture shown, after it was asked for (null while it has not decoded).
  function shownLoad(img) {
    const set = srcSet.get(img);
    if (!set) return null;
    for (let i = loads.length - 1; i >= 0; i--) {
      const l = loads[i];
      if (l.src === set.src && l.at >= set.at) return l.decoded === null ? null : { set, load: l };
    }
    return null;
  }

  // True once the picture of the state shown is on screen (the page's first one: once loaded).
  function settled(id) {
    const { root, img } = parts(id);
    if (!img.complete || img.naturalWidth === 0) return false;
    if (!root.dataset.loaded || abs(root.dataset.loaded) !== img.src) return false;
    const set = srcSet.get(img);
    return !set || set.initial || shownLoad(img) !== null;
  }

  // From the moment the picture was both wanted (the reader's action that changed it) and
  // arrived, to the moment it was decoded.
  function timing(id) {
    const { img } = parts(id);
    const l = shownLoad(img);
    if (!l || l.load.decoded < 0) return null;
    const arrived = (arrivals[l.set.src] || []).map((a) => a.responseEnd).filter((t) => t <= l.load.decoded);
    const responseEnd = arrived.length ? Math.max(...arrived) : null;
    const wanted = l.set.action === null || l.set.action === undefined ? l.set.at : Math.min(l.set.action, l.set.at);
    const from = Math.max(wanted, responseEnd === null ? wanted : responseEnd);
    return {
      action: wanted,
      asked: l.set.at,
      arrived: responseEnd,
      loaded: l.load.at,
      decoded: l.load.decoded,
      ms: l.load.decoded - from,
      network_ms: responseEnd === null ? null : Math.max(0, responseEnd - wanted),
    };
  }

  // The alt texts the build wrote (alts.json), given by the test: done() waits for them too.
  const altTexts = {};

  // Settled, and the alt text is that of the state shown (when it changed from `before`).
  function done(id, before) {
    if (!settled(id)) return false;
    const { root, img } = parts(id);
    const shown = parseInt(root.dataset.shown, 10);
    const alts = altTexts[id];
    return shown === before || !alts || img.getAttribute("alt") === alts[shown];
  }

  window.__nnProbe = {
    snapshot,
    settled,
    done,
    timing,
    expectAlts: (id, alts) => { altTexts[id] = alts; },
    begin: (id) => { lastInput = null; return snapshot(id); },
    finish: (id) => ({ snapshot: snapshot(id), timing: timing(id) }),
    lastInput: () => lastInput,
  };
})();
