/* The page at every width and on paper (added by tools/sphinxext/reading.py, checked by
 * tests/browser/test_screens.py).
 *
 * 1. The menu buttons.  pydata-sphinx-theme 0.17 binds only the *first* `.primary-toggle` and `.secondary-toggle` of a
 * page, and so does sphinx-book-theme 1.3 for its wide-screen collapse.  The first ones are
 * buttons of the theme's header that sphinx-book-theme hides; the buttons a reader sees, in the
 * article's header, do nothing at any width (pydata-sphinx-theme issue 2451,
 * https://github.com/pydata/pydata-sphinx-theme/issues/2451).
 *
 * This binds every such button, before the themes' own handlers see the click (a listener on the
 * document, capture phase), so it keeps working, and acts once, when a later theme binds them too:
 *  - where the sidebar is part of the page (the primary one from 992 px), the button hides and
 *    shows it (sphinx-book-theme's class `pst-sidebar-hidden` does the hiding);
 *  - elsewhere the sidebar opens as the theme's modal <dialog>, which closes again on Escape, on
 *    a tap outside it, or on the button.
 *
 * 2. Printing.  The answers to the questions (sphinx-design dropdowns, <details>) are folded on
 *    screen; a folded <details> prints nothing of its content.  Before printing they open, and
 *    after printing the ones that were folded fold again.
 */
(function () {
  "use strict";

  var KINDS = ["primary", "secondary"];

  function parts(kind) {
    return {
      sidebar: document.getElementById("pst-" + kind + "-sidebar"),
      dialog: document.getElementById("pst-" + kind + "-sidebar-modal"),
      buttons: document.querySelectorAll("." + kind + "-toggle"),
    };
  }

  // Move the children and classes of `from` to `to` (the theme does the same; doing it twice is harmless).
  function move(from, to) {
    while (from.firstChild) to.appendChild(from.firstChild);
    Array.prototype.slice.call(from.classList).forEach(function (cls) {
      from.classList.remove(cls);
      to.classList.add(cls);
    });
  }

  // In the page's layout (the primary sidebar from 992 px), not the theme's off-screen drawer.
  function shownInPage(sidebar) {
    var style = window.getComputedStyle(sidebar);
    if (!sidebar.childNodes.length || style.display === "none" || style.position === "fixed") return false;
    return style.visibility !== "hidden" || sidebar.classList.contains("pst-sidebar-hidden");
  }

  function expanded(p) {
    if (p.dialog && p.dialog.open) return true;
    return shownInPage(p.sidebar) && !p.sidebar.classList.contains("pst-sidebar-hidden");
  }

  function mark(p) {
    var open = expanded(p);
    Array.prototype.forEach.call(p.buttons, function (button) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function hideTooltip(button) {
    var tooltip = window.bootstrap && window.bootstrap.Tooltip && window.bootstrap.Tooltip.getInstance(button);
    if (tooltip) tooltip.hide();
  }

  function toggle(kind, button) {
    var p = parts(kind);
    if (!p.sidebar) return;
    hideTooltip(button);
    if (p.dialog && p.dialog.open) {
      p.dialog.close();
    } else if (kind === "primary" && shownInPage(p.sidebar)) {
      p.sidebar.classList.toggle("pst-sidebar-hidden");
    } else if (p.dialog) {
      move(p.sidebar, p.dialog);
      p.dialog.returnFocusTo = button;
      p.dialog.showModal();
    }
    mark(p);
  }

  function setUpDialog(kind) {
    var p = parts(kind);
    if (!p.dialog || !p.sidebar) return;
    p.dialog.addEventListener("close", function () {
      if (p.dialog.childNodes.length) move(p.dialog, p.sidebar);
      if (p.dialog.returnFocusTo) p.dialog.returnFocusTo.focus();
      p.dialog.returnFocusTo = null;
      mark(p);
    });
    p.dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && p.dialog.open) {
        event.preventDefault();
        p.dialog.close();
      }
    });
    // A tap on the backdrop is a click on the dialog outside its box.
    p.dialog.addEventListener("click", function (event) {
      var box = p.dialog.getBoundingClientRect();
      var outside = event.clientX < box.left || event.clientX > box.right ||
        event.clientY < box.top || event.clientY > box.bottom;
      if (outside && p.dialog.open) p.dialog.close();
    });
    mark(p);
  }

  function onClick(event) {
    var target = event.target instanceof Element ? event.target : null;
    for (var k = 0; target && k < KINDS.length; k++) {
      var button = target.closest("." + KINDS[k] + "-toggle");
      if (button) {
        event.preventDefault();
        event.stopPropagation(); // the themes' handlers would act on the hidden button, or a second time
        toggle(KINDS[k], button);
        return;
      }
    }
  }

  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.sd-dropdown:not([open])").forEach(function (details) {
      details.open = true;
      openedForPrint.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });

  document.addEventListener("click", onClick, true);
  function start() {
    KINDS.forEach(setUpDialog);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.addEventListener("resize", function () {
    KINDS.forEach(function (kind) { var p = parts(kind); if (p.sidebar) mark(p); });
  });
})();
