// What the browser tests check on one page, gathered once after the page has settled
// (MathJax done, widgets rendered): evaluated by tests/browser/conftest.py.
async () => {
  const clean = (s) => (s || "").replace(/\s+/g, " ").trim();

  // ---- equations: every Sphinx math element typeset by MathJax, none in error -------------
  const mathNodes = [...document.querySelectorAll("span.math, div.math")];
  const untypeset = mathNodes
    .filter((m) => !m.querySelector("mjx-container") || m.querySelector("mjx-merror"))
    .map((m) => clean(m.textContent).slice(0, 120));
  const merrors = [...document.querySelectorAll("mjx-merror")].map((e) => clean(e.getAttribute("data-mjx-error") || e.textContent));

  // Raw TeX left in the text a reader sees (code and typeset math excluded).
  const skip = "script, style, pre, code, textarea, mjx-container, .highlight, .sig, noscript, template";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texPattern = /\$\$|\\\(|\\\)|\\\[|\\\]|\\begin\{|\\end\{|\$[^$\s][^$]*?[\\^_{}][^$]*?\$/;
  const rawTex = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(skip)) continue;
    const text = node.textContent;
    const m = text.match(texPattern);
    if (m) rawTex.push(clean(text.slice(Math.max(0, m.index - 40), m.index + 60)));
  }

  // ---- widgets: what the saved state says each view holds, and what the DOM shows ---------
  const stateScript = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
  const state = stateScript ? JSON.parse(stateScript.textContent).state : {};
  const KINDS = {
    slider: { model: /SliderModel$/, dom: ".widget-slider" },
    dropdown: { model: /^DropdownModel$/, dom: ".widget-dropdown select" },
    select: { model: /^(Select|SelectMultiple)Model$/, dom: ".widget-select select" },
    toggle_buttons: { model: /^ToggleButtonsModel$/, dom: ".widget-toggle-buttons" },
    radio_buttons: { model: /^RadioButtonsModel$/, dom: ".widget-radio" },
    checkbox: { model: /^CheckboxModel$/, dom: ".widget-checkbox input" },
    toggle_button: { model: /^ToggleButtonModel$/, dom: ".widget-toggle-button" },
    button: { model: /^ButtonModel$/, dom: "button.widget-button" },
    text: { model: /^(Text|Textarea|FloatText|IntText|BoundedFloatText|BoundedIntText)Model$/, dom: ".widget-text input, .widget-textarea textarea" },
  };
  const expectedIn = (id, seen = new Set()) => {
    const counts = { images: 0, models: {} };
    const visit = (mid) => {
      if (seen.has(mid) || !state[mid]) return;
      seen.add(mid);
      const { model_name: name, state: s } = state[mid];
      counts.models[name] = (counts.models[name] || 0) + 1;
      if (name === "OutputModel") {
        for (const o of s.outputs || []) if (o.data && Object.keys(o.data).some((k) => k.startsWith("image/"))) counts.images += 1;
      }
      for (const v of Object.values(s)) {
        const refs = Array.isArray(v) ? v : [v];
        for (const r of refs) if (typeof r === "string" && r.startsWith("IPY_MODEL_")) visit(r.slice(10));
      }
    };
    visit(id);
    return counts;
  };
  const widgets = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')].map((script, i) => {
    const modelId = JSON.parse(script.textContent).model_id;
    const view = script.previousElementSibling;
    const rendered = !!(view && view.classList.contains("widget-subarea") && view.querySelector(".jupyter-widgets"));
    const expected = expectedIn(modelId);
    const kinds = {};
    for (const [kind, k] of Object.entries(KINDS)) {
      const want = Object.entries(expected.models).filter(([n]) => k.model.test(n)).reduce((a, [, c]) => a + c, 0);
      const found = rendered ? [...view.querySelectorAll(k.dom)] : [];
      const visible = found.filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().height > 0).length;
      if (want || found.length) kinds[kind] = { expected: want, found: found.length, visible };
    }
    const sliders = rendered ? [...view.querySelectorAll("[role=slider]")].map((h) => ({ name: h.getAttribute("aria-label"), value: h.getAttribute("aria-valuenow") })) : [];
    return {
      index: i,
      model_id: modelId,
      known: !!state[modelId],
      rendered,
      kinds,
      sliders,
      images_expected: expected.images,
      images_found: rendered ? view.querySelectorAll("img").length : 0,
      icons: rendered ? view.querySelectorAll(".fa, [class^='fa-'], [class*=' fa-']").length : 0,
      labels: rendered ? [...view.querySelectorAll(".widget-label")].map((l) => clean(l.textContent)).filter(Boolean) : [],
    };
  });

  // ---- images ------------------------------------------------------------------------------
  const images = await Promise.all([...document.querySelectorAll("img")].map(async (img) => {
    try { await img.decode(); } catch (e) { /* reported through naturalWidth */ }
    const box = img.getBoundingClientRect();
    const output = img.closest(".cell_output");
    return {
      src: img.currentSrc.startsWith("data:") ? img.currentSrc.slice(0, 40) + "…" : img.currentSrc,
      alt: img.getAttribute("alt"),
      natural_width: img.naturalWidth,
      natural_height: img.naturalHeight,
      width: Math.round(box.width),
      in_widget: !!img.closest(".jupyter-widgets"),
      figure: !!output,
      column: output ? output.clientWidth : null,
      hidden: box.width === 0 && box.height === 0,
    };
  }));

  // ---- links -------------------------------------------------------------------------------
  const links = [...document.querySelectorAll("a[href]")].map((a) => ({ href: a.href, raw: a.getAttribute("href"), text: clean(a.textContent).slice(0, 60) }));
  const ids = [...document.querySelectorAll("[id]")].map((e) => e.id).concat([...document.querySelectorAll("a[name]")].map((e) => e.getAttribute("name")));

  // ---- launch and learner links, logo and favicon -----------------------------------------
  const icon = document.querySelector('link[rel~="icon"]');
  let favicon = null;
  if (icon) {
    const probe = new Image();
    probe.src = icon.href;
    try { await probe.decode(); } catch (e) { /* naturalWidth stays 0 */ }
    favicon = { href: icon.href, natural_width: probe.naturalWidth };
  }
  const hrefs = (sel) => [...document.querySelectorAll(sel)].map((a) => a.href);

  return {
    url: location.href,
    title: document.title,
    math: { inline: document.querySelectorAll("span.math").length, display: document.querySelectorAll("div.math").length, untypeset, merrors, raw_tex: rawTex },
    widgets,
    images,
    links,
    ids,
    favicon,
    launch: {
      binder: hrefs('a[href^="https://mybinder.org/"]'),
      colab: hrefs('a[href^="https://colab.research.google.com/"]'),
      learner_download: hrefs(".learner-links a.download"),
      learner_colab: hrefs(".learner-links a.learner-colab"),
    },
  };
}
