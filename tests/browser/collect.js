// What the browser tests check on one page, gathered once after the page has settled
// (MathJax done, explorers started): evaluated by tests/browser/conftest.py.
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
      in_explorer: !!img.closest(".nn-explorer"),
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
