/* Compare two problems of the reader's choice (compare-two.html.j2, beside this file). Without
   JavaScript the page lists every problem with its signs; here the two selects are shown, the
   list is hidden, and the two chosen problems are set side by side in a table built from the
   list's own data (each sign's data-sign, data-fit, data-order): nothing is fetched, stored or
   sent. Every word comes from the page (the status line's data-* attributes); text is set as
   text (textContent), never as markup. */
(function () {
  "use strict";
  var root = document.querySelector("[data-kb-compare]");
  if (!root) { return; }
  var form = root.querySelector("[data-kb-compare-form]");
  var all = root.querySelector("[data-kb-compare-all]");
  var result = root.querySelector("[data-kb-compare-result]");
  var status = root.querySelector("[data-kb-compare-status]");
  var words = status.dataset;

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  function element(tag, text, className) {
    var el = document.createElement(tag);
    if (text) { el.textContent = text; }
    if (className) { el.className = className; }
    return el;
  }

  /* One problem from its card in the list: names, its section's link, and each sign's fit. */
  function problem(id) {
    var card = all.querySelector('[data-kb-compare-card="' + id + '"]');
    var link = card.querySelector(".kb-compare-two__name a");
    var signs = {};
    Array.prototype.forEach.call(card.querySelectorAll("[data-sign]"), function (s) {
      signs[s.dataset.sign] = {label: s.textContent, fit: s.dataset.fit, order: Number(s.dataset.order)};
    });
    return {id: id, name: link.textContent, href: link.getAttribute("href"), short: card.querySelector("[data-kb-compare-short]").textContent, signs: signs};
  }

  /* The signs that fit either problem (typical or possible for it), in the knowledge file's
     order: a sign unusual for both, or unusual for one and not rated for the other, tells them
     no further apart. */
  function rows(a, b) {
    var seen = {};
    Object.keys(a.signs).concat(Object.keys(b.signs)).forEach(function (id) {
      var fits = [a.signs[id], b.signs[id]].filter(function (s) { return s && s.fit !== "unusual"; });
      if (fits.length) { seen[id] = fits[0]; }
    });
    return Object.keys(seen).sort(function (x, y) { return seen[x].order - seen[y].order; })
      .map(function (id) {
        var fitA = a.signs[id] ? a.signs[id].fit : "none";
        var fitB = b.signs[id] ? b.signs[id].fit : "none";
        return {id: id, label: seen[id].label, fits: [fitA, fitB], same: fitA === fitB};
      });
  }

  function table(a, b) {
    var caption = fill(words.caption, {first: a.short, second: b.short});
    var wrap = element("div", "", "kb-table kb-compare-two__table");
    var t = element("table", "", "kb-compare-two__pair");
    t.appendChild(element("caption", caption, "kb-sr-only"));  /* the column headings name the two on screen */
    var head = document.createElement("thead");
    var top = document.createElement("tr");
    [null, a, b].forEach(function (p) {
      var th = element("th", p ? "" : words.signHeading);
      th.scope = "col";
      if (p) {  /* each problem's name leads to its section */
        var link = element("a", p.short);
        link.href = p.href;
        th.appendChild(link);
      }
      top.appendChild(th);
    });
    head.appendChild(top);
    t.appendChild(head);
    var body = document.createElement("tbody");
    var signs = rows(a, b);
    signs.filter(function (row) { return !row.same; }).forEach(function (row) {
      var tr = document.createElement("tr");
      tr.dataset.sign = row.id;
      var th = element("th", row.label);
      th.scope = "row";
      tr.appendChild(th);
      row.fits.forEach(function (fit) {
        var cell = element("td", "", "kb-fit kb-fit--" + fit);
        if (fit === "none") {  /* a dash on screen, the words for a screen reader */
          cell.appendChild(element("span", "\u2013")).setAttribute("aria-hidden", "true");
          cell.appendChild(element("span", words.none, "kb-sr-only"));
        } else {
          cell.textContent = words[fit];
        }
        tr.appendChild(cell);
      });
      body.appendChild(tr);
    });
    t.appendChild(body);
    wrap.appendChild(t);
    /* The signs that fit both the same way tell them no further apart: one line under the table. */
    var same = signs.filter(function (row) { return row.same; });
    if (same.length) {
      var line = element("p", "", "kb-compare-two__same-fit");
      line.appendChild(element("strong", words.sameForBoth));
      line.appendChild(document.createTextNode(" " + same.map(function (row) {
        return row.label.charAt(0).toLowerCase() + row.label.slice(1) + " (" + words[row.fits[0]].toLowerCase() + ")";
      }).join("; ") + "."));
      wrap.appendChild(line);
    }
    return {node: wrap, caption: caption};
  }

  function show() {
    var first = form.elements.first.value;
    var second = form.elements.second.value;
    while (result.firstChild) { result.removeChild(result.firstChild); }
    if (first === second) {
      result.appendChild(element("p", words.same, "kb-compare-two__same"));
      status.textContent = words.same;
      return;
    }
    var made = table(problem(first), problem(second));
    result.appendChild(made.node);
    status.textContent = made.caption;
  }

  /* A problem's "Compare it with another problem" link leads to its card (#compare-two-<id>),
     hidden here: that problem becomes the first choice, and the selects come into view. */
  function fromAddress() {
    var id = decodeURIComponent(location.hash.replace(/^#compare-two-/, ""));
    if (id === location.hash || !all.querySelector('[data-kb-compare-card="' + id + '"]')) { return false; }
    var first = form.elements.first;
    var second = form.elements.second;
    if (second.value === id) { second.value = first.value; }
    first.value = id;
    show();
    /* After the page's load, when the browser has done its own scrolling to the address. */
    if (document.readyState === "complete") {
      first.focus();
    } else {
      window.addEventListener("load", function () { first.focus(); }, {once: true});
    }
    return true;
  }

  form.hidden = false;
  all.hidden = true;
  /* The hidden list's terms lose their glossary mark, so that the theme marks a term's first use
     in the text the reader sees. */
  Array.prototype.forEach.call(all.querySelectorAll("abbr"), function (abbr) {
    abbr.parentNode.replaceChild(document.createTextNode(abbr.textContent), abbr);
  });
  form.addEventListener("change", show);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("hashchange", fromAddress);
  if (!fromAddress()) { show(); }
  status.textContent = "";  /* announced on a change only, not on load */
}());
