/*
 * What the site uses of Material's script, in place of its 35 KB (gzip) bundle, which was more
 * than half of every page's first visit (bench/pageweight.py). overrides/main.html leaves the
 * bundle out; this file is in extra_javascript. Each page is a normal page load (no instant
 * navigation): the browser caches the theme's files.
 *
 * - Colour scheme: javascripts/colour-scheme.js, loaded with the header's switch.
 * - Glossary: a term is marked on its first use; its meaning opens in place (tap, click, Enter).
 * - Tables scroll sideways inside Material's wrapper; sidebars keep to the screen's height.
 * - The table of contents follows the reading position (toc.follow); the header shows the page
 *   title once the heading has scrolled away, and a shadow; back to top (navigation.top).
 * - A <details> opens when a link targets something inside it, and all open for printing.
 * - The drawer closes when a link in it moves within the page.
 */
(function () {
  "use strict";

  var doc = document;
  function all(selector, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(selector)); }
  function one(selector) { return doc.querySelector(selector); }
  var header = one(".md-header"), main = one(".md-main");
  function headerHeight() { return header ? header.offsetHeight : 0; }

  /* ---------------------------------------------------------- Glossary */
  /* A term is marked on its first use in the page's text only (a heading, a link or a summary
     keeps its words plain; later uses of the same meaning are plain text). Its meaning opens in
     place, right after the term, at the text's own size, so it covers nothing: a tap, a click,
     Enter or Space opens and closes it, Escape closes it. Without this script every use keeps
     its title (the browser's own tooltip). */
  var meanings = {}, glosses = 0;
  all(".md-content abbr[title]").forEach(function (abbr) {
    var meaning = abbr.getAttribute("title"), key = meaning.toLowerCase();
    if (meanings[key] || abbr.closest("h1, h2, h3, h4, h5, h6, a, summary, button, label")) {
      abbr.parentNode.replaceChild(doc.createTextNode(abbr.textContent), abbr);
      return;
    }
    meanings[key] = true;
    var note = doc.createElement("span");
    note.className = "kb-gloss";
    note.id = "__gloss_" + glosses++;
    note.hidden = true;
    note.textContent = meaning;
    abbr.removeAttribute("title");
    abbr.setAttribute("tabindex", "0");
    abbr.setAttribute("role", "button");
    abbr.setAttribute("aria-expanded", "false");
    abbr.setAttribute("aria-controls", note.id);
    abbr.parentNode.insertBefore(note, abbr.nextSibling);
    function toggle(open) {
      note.hidden = !open;
      abbr.setAttribute("aria-expanded", String(open));
    }
    abbr.addEventListener("click", function () { toggle(note.hidden); });
    abbr.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(note.hidden); }
      if (event.key === "Escape") toggle(false);
    });
  });

  /* ---------------------------------------------------------- Tables */
  all(".md-content .md-typeset table:not([class])").forEach(function (table) {
    var wrap = doc.createElement("div"), inner = doc.createElement("div");
    wrap.className = "md-typeset__scrollwrap";
    inner.className = "md-typeset__table";
    table.parentNode.insertBefore(wrap, table);
    inner.appendChild(table);
    wrap.appendChild(inner);
  });

  /* ---------------------------------------------------------- Details */
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && doc.getElementById(id);
    var details = target && target.closest("details:not([open])");
    if (details) { details.open = true; target.scrollIntoView(); }
  }
  var printed = [];
  window.addEventListener("beforeprint", function () {
    printed = all("details:not([open])");
    printed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    printed.forEach(function (d) { d.open = false; });
    printed = [];
  });

  /* ---------------------------------------------------------- Drawer */
  window.addEventListener("hashchange", function () {
    var drawer = doc.getElementById("__drawer");
    if (drawer && drawer.checked) { drawer.checked = false; drawer.dispatchEvent(new Event("change")); }
    openTarget();
  });
  openTarget();

  /* ---------------------------------------------------------- On scroll */
  /* Each pass measures everything first, then changes the page: one layout per pass, however
     long the page and its table of contents (no layout forced between a change and a read). */
  var title = one(".md-header__title"), heading = one(".md-content h1");
  var top = one(".md-top"), lastY = window.scrollY;
  var links = all('.md-nav--secondary a.md-nav__link[href^="#"], .md-nav--primary [data-md-component="toc"] a.md-nav__link[href^="#"]');
  var targets = links.map(function (a) { return doc.getElementById(decodeURIComponent(a.hash.slice(1))); });
  var sidebars = all(".md-sidebar").map(function (el) {
    return {el: el, wrap: el.querySelector(".md-sidebar__scrollwrap"), y: null,
            primary: el.classList.contains("md-sidebar--primary")};
  });
  var wide = window.matchMedia("(min-width: 76.25em)"), medium = window.matchMedia("(min-width: 60em)");
  var activeLink = null;

  function measure() {
    var h = headerHeight(), y = window.scrollY, line = h + 1 + 8;
    var mainBox = main ? main.getBoundingClientRect() : null;
    var m = {y: y, h: h,
             active: mainBox ? mainBox.top < h : y > 0,
             bottom: mainBox ? Math.min(window.innerHeight, mainBox.bottom) : window.innerHeight,
             titleActive: false, sidebars: [], passed: [], current: -1};
    if (title && heading) {
      var box = heading.getBoundingClientRect();
      m.titleActive = box.height > 0 && h - box.top >= box.height;
    }
    sidebars.forEach(function (s) {
      if (!s.wrap) return m.sidebars.push(null);
      var elTop = s.el.getBoundingClientRect().top;
      if (s.y === null) s.y = s.wrap.getBoundingClientRect().top - elTop;
      m.sidebars.push({shown: s.primary ? wide.matches : medium.matches, top: elTop});
    });
    targets.forEach(function (target, i) {
      m.passed[i] = !!target && target.getBoundingClientRect().top <= line;
      if (m.passed[i]) m.current = i;
    });
    return m;
  }

  function update(m) {
    if (header) header.classList.toggle("md-header--shadow", m.active);
    if (title && heading) title.classList.toggle("md-header__title--active", m.titleActive);
    if (top) {
      var show = m.active && m.y < lastY && m.y > 0;
      top.hidden = !show;
      if (show) top.removeAttribute("tabindex"); else top.setAttribute("tabindex", "-1");
      top.style.top = m.h + 16 + "px";
    }
    lastY = m.y;
    sidebars.forEach(function (s, i) {  // sidebars keep to the screen's height
      var sm = m.sidebars[i];
      if (!sm) return;
      s.el.style.top = sm.shown ? m.h + "px" : "";
      s.wrap.style.height = sm.shown ? Math.max(0, m.bottom - Math.max(0, sm.top) - 2 * s.y) + "px" : "";
    });
    var activeHash = m.current >= 0 ? links[m.current].hash : null;
    links.forEach(function (a, i) {  // the table of contents follows the reading position
      a.classList.toggle("md-nav__link--passed", m.passed[i] && a.hash !== activeHash);
      a.classList.toggle("md-nav__link--active", a.hash === activeHash);
    });
    var now = activeHash && one('.md-nav--secondary a.md-nav__link[href="' + activeHash + '"]');
    if (now && now !== activeLink && medium.matches) {
      var wrap = now.closest(".md-sidebar__scrollwrap");
      if (wrap) wrap.scrollTo({top: now.offsetTop - wrap.offsetTop - wrap.clientHeight / 2});
    }
    activeLink = now;
  }

  function onScroll() { update(measure()); }
  if (top) top.addEventListener("click", function (event) {
    event.preventDefault();
    window.scrollTo({top: 0});
  });
  var queued = false;
  function schedule() {
    if (queued) return;
    queued = true;
    window.requestAnimationFrame(function () { queued = false; onScroll(); });
  }
  window.addEventListener("scroll", schedule, {passive: true});
  window.addEventListener("resize", schedule);
  onScroll();

  /* ---------------------------------------------------------- Keyboard: previous and next page */
  doc.addEventListener("keydown", function (event) {
    var el = doc.activeElement;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (el && (el.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName))) return;
    var rel = {p: "prev", ",": "prev", n: "next", ".": "next"}[event.key];
    var link = rel && one('link[rel="' + rel + '"]');
    if (link) { event.preventDefault(); location.href = link.href; }
  });
})();
