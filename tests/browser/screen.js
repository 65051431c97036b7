// What the tests of every screen check on one page (tests/browser/test_screens.py), gathered once
// per page and screen after the page has settled: evaluated by tests/browser/conftest.py.
async () => {
  // MathJax may typeset an equation when it scrolls into view: go through the page first.
  for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
    window.scrollTo(0, y);
    await new Promise((r) => requestAnimationFrame(() => r()));
  }
  window.scrollTo(0, 0);
  if (window.MathJax && MathJax.startup) await MathJax.startup.promise;

  const article = document.querySelector("article.bd-article") || document.querySelector("main");
  const column = article ? article.clientWidth : null;

  // ---- display equations: the typeset width against the room of its box ---------------------
  const equations = [...document.querySelectorAll("div.math")].map((div) => {
    const box = div.querySelector("mjx-container");
    const math = box && box.querySelector("mjx-math");
    const number = div.querySelector(".eqno");
    const out = {
      label: number ? number.textContent.replace("#", "").trim() : (div.id || "unnumbered"),
      text: div.textContent.replace(/\s+/g, " ").trim().slice(0, 60),
      room: box ? box.clientWidth : null,
      width: math ? Math.ceil(math.getBoundingClientRect().width) : null,
    };
    if (box && out.width > out.room + 1) {
      const style = getComputedStyle(box);
      out.overflow_x = style.overflowX;
      out.cue = /gradient/.test(style.backgroundImage);
      const before = box.scrollLeft;
      box.scrollLeft = 40;
      out.scrolls = box.scrollLeft > before;
      box.scrollLeft = before;
    }
    return out;
  });

  // ---- pictures: the book's figures and the explorers' pictures --------------------------------
  const pictures = await Promise.all([...document.querySelectorAll(".cell_output img, img.nn-explorer-frame")]
    .map(async (img) => {
      try { await img.decode(); } catch (e) { /* naturalWidth stays 0 */ }
      const rect = img.getBoundingClientRect();
      return {
        src: img.currentSrc,
        explorer: img.classList.contains("nn-explorer-frame"),
        natural_width: img.naturalWidth,
        width: rect.width,
        left: rect.left,
        right: rect.right,
        hidden: rect.width === 0,
      };
    }));

  return {
    url: location.href,
    viewport: window.innerWidth,
    page_width: document.documentElement.scrollWidth,
    column,
    theme: document.documentElement.dataset.theme || null,
    equations,
    pictures,
  };
}
