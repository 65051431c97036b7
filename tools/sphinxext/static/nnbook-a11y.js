/* Accessibility fixes applied in the reader's browser to markup the book does not write
 * itself (added by tools/sphinxext/nnbook.py, checked by tests/browser/):
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
