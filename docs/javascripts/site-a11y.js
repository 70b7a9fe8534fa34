/*
 * Keyboard and screen-reader fixes for every page (loaded site-wide; words come from the page).
 *
 * - Permalinks ("¶") get a name a screen reader can say: their title plus the heading's words,
 *   instead of "pilcrow".
 * - Links in the visually hidden header row of a stacked table leave the Tab order.
 * - The navigation drawer's header button (a <label> in Material) works from the keyboard, and
 *   says whether the drawer is open. While closed, the drawer has no Tab stop (a11y.css hides it).
 * Idempotent: runs once per page load (file:// too).
 */
(function () {
  "use strict";

  var DONE = "data-a11y-ready";

  function each(selector, fn) {
    var nodes = document.querySelectorAll(selector);
    for (var i = 0; i < nodes.length; i++) fn(nodes[i]);
  }

  function permalinks() {
    each(".md-content a.headerlink", function (a) {
      if (a.hasAttribute("aria-label")) return;
      var heading = a.parentNode;
      var words = "";
      for (var n = heading.firstChild; n; n = n.nextSibling) if (n !== a) words += n.textContent;
      words = words.replace(/\s+/g, " ").trim();
      var title = a.getAttribute("title") || "";
      a.setAttribute("aria-label", words ? (title ? title + ": " + words : words) : title);
    });
  }

  // Stacked tables (narrow screens) hide their header row visually but keep it for screen
  // readers; its links would be invisible Tab stops, so they leave the Tab order while stacked.
  // All rows are read before any link changes (one style pass, however many tables).
  function stackedTables() {
    var found = [];
    each(".kb-stack thead a[href]", function (a) {
      var row = a.closest("tr");
      found.push([a, row && window.getComputedStyle(row).position === "absolute"]);
    });
    found.forEach(function (pair) {
      var a = pair[0], stacked = pair[1];
      if (stacked && !a.hasAttribute("tabindex")) {
        a.setAttribute("tabindex", "-1");
        a.setAttribute("data-a11y-stacked", "");
      } else if (!stacked && a.hasAttribute("data-a11y-stacked")) {
        a.removeAttribute("tabindex");
        a.removeAttribute("data-a11y-stacked");
      }
    });
  }

  function drawerButton() {
    var toggle = document.getElementById("__drawer");
    var nav = document.querySelector(".md-nav--primary");
    if (!toggle) return;
    each('label.md-header__button[for="__drawer"]', function (label) {
      if (label.hasAttribute(DONE)) return;
      label.setAttribute(DONE, "");
      label.setAttribute("tabindex", "0");
      label.setAttribute("role", "button");
      if (nav && nav.getAttribute("aria-label") && !label.hasAttribute("aria-label")) {
        label.setAttribute("aria-label", nav.getAttribute("aria-label"));
      }
      var sync = function () { label.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
      sync();
      toggle.addEventListener("change", sync);
      label.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") return;
        // One toggle per key press: the theme may also click a focused label on Enter.
        event.preventDefault();
        event.stopPropagation();
        label.click();
        if (toggle.checked) {
          var first = document.querySelector(".md-sidebar--primary a[href]");
          // The drawer becomes visible as it slides in; focus its first link then.
          if (first) window.setTimeout(function () { first.focus(); }, 50);
        }
      });
    });
    if (!document.documentElement.hasAttribute(DONE)) {
      document.documentElement.setAttribute(DONE, "");
      window.addEventListener("resize", stackedTables);
      document.addEventListener("keydown", function (event) {
        var open = document.getElementById("__drawer");
        if (event.key !== "Escape" || !open || !open.checked) return;
        var button = document.querySelector('label.md-header__button[for="__drawer"]');
        if (button) button.click();
        else open.checked = false;
        if (button) button.focus();
      });
    }
  }

  function init() {
    try { permalinks(); stackedTables(); drawerButton(); } catch (e) { /* never break the page */ }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
