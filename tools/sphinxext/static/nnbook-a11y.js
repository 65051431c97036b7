/* Accessibility fixes applied in the reader's browser to markup the book does not write
 * itself (added by tools/sphinxext/nnbook.py, checked by tests/browser/):
 *  - a figure that ipywidgets' html-manager draws from a widget's saved state (an Output
 *    widget's image) has no alt text: it gets one naming the explorer's section and the
 *    saved settings of its controls;
 *  - a slider's handle (role="slider") has no accessible name: it gets its label's text;
 *  - the theme's search button is named "Search" but shows "Search Ctrl+K", its colour-mode
 *    button's name leaves out the title of the icon it shows, and myst-nb names the summary
 *    "Show code cell source" of a folded cell "Toggle hidden content": each is named by what
 *    it shows;
 *  - docutils' citation list (role="list") holds items of the deprecated role
 *    "doc-biblioentry": they become list items.
 */
(function () {
  "use strict";

  function clean(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  // The text of the heading of the section around `el`, with math as plain text.
  function sectionHeading(el) {
    var section = el.closest("section");
    var heading = section && section.querySelector("h1, h2, h3, h4, h5, h6");
    if (!heading) return "";
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (n) { n.remove(); });
    copy.querySelectorAll(".math").forEach(function (m) {
      var mml = m.querySelector("mjx-assistive-mml");
      m.textContent = mml ? mml.textContent : m.textContent.replace(/^\\\(|\\\)$/g, "");
    });
    return clean(copy.textContent);
  }

  // "label = value" for every labelled control inside `root`.
  function controlValues(root) {
    var parts = [];
    root.querySelectorAll(".widget-inline-hbox, .widget-inline-vbox").forEach(function (w) {
      var label = w.querySelector(".widget-label");
      var name = label ? clean(label.textContent) : "";
      var value = "";
      var select = w.querySelector("select");
      var readout = w.querySelector(".widget-readout");
      var input = w.querySelector("input");
      if (select && select.selectedIndex >= 0) value = select.options[select.selectedIndex].text;
      else if (readout) value = readout.textContent;
      else if (input) value = input.type === "checkbox" ? (input.checked ? "on" : "off") : input.value;
      if (name && clean(value)) parts.push(name + " = " + clean(value));
    });
    return parts.join(", ");
  }

  function fixWidgets() {
    document.querySelectorAll(".jupyter-widgets img").forEach(function (img) {
      if (img.getAttribute("alt") && !img.hasAttribute("data-nnbook-alt")) return; // an author's alt stays
      var root = img.closest(".widget-subarea") || img.closest(".jupyter-widgets");
      var heading = sectionHeading(root);
      var values = controlValues(root);
      var alt = "Figure of the explorer" + (heading ? " \u201c" + heading + "\u201d" : "") +
        ", drawn for its saved settings" + (values ? ": " + values : "") + ".";
      if (img.getAttribute("alt") !== alt) {
        img.setAttribute("alt", alt);
        img.setAttribute("data-nnbook-alt", "");
      }
    });
    document.querySelectorAll(".jupyter-widgets [role=slider]").forEach(function (handle) {
      var widget = handle.closest(".widget-slider");
      var label = widget && widget.querySelector(".widget-label");
      if (label && clean(label.textContent) && !handle.hasAttribute("aria-label")) {
        handle.setAttribute("aria-label", clean(label.textContent));
      }
    });
    document.querySelectorAll(".jupyter-widgets .widget-label[title=null]").forEach(function (label) {
      label.removeAttribute("title"); // ipywidgets writes its unset tooltip as the text "null"
    });
  }

  function fixPage() {
    document.querySelectorAll(".search-button__button[aria-label]").forEach(function (button) {
      button.removeAttribute("aria-label"); // named by its text, "Search Ctrl+K"
    });
    document.querySelectorAll(".theme-switch-button").forEach(function (button) {
      if (!button.hasAttribute("data-nnbook-label")) {
        button.setAttribute("data-nnbook-label", button.getAttribute("aria-label") || "");
      }
      var shown = Array.prototype.filter.call(button.querySelectorAll(".theme-switch"), function (icon) {
        return window.getComputedStyle(icon).display !== "none";
      });
      var titles = shown.map(function (icon) {
        var title = icon.querySelector("title");
        return title ? title.textContent : icon.getAttribute("title") || "";
      });
      var name = clean(button.getAttribute("data-nnbook-label") + ": " + titles.join(" "));
      if (button.getAttribute("aria-label") !== name) button.setAttribute("aria-label", name);
    });
    document.querySelectorAll("details > summary[aria-label]").forEach(function (summary) {
      if (clean(summary.textContent)) summary.removeAttribute("aria-label"); // myst-nb's "Show code cell source"
    });
    document.querySelectorAll('[role="list"] > [role="doc-biblioentry"]').forEach(function (item) {
      item.setAttribute("role", "listitem");
    });
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      fixWidgets();
      fixPage();
    });
  }

  function start() {
    schedule();
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
    // The colour-mode button shows the icon of the mode set on <html>.
    new MutationObserver(schedule).observe(document.documentElement, { attributes: true, attributeFilter: ["data-mode"] });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
