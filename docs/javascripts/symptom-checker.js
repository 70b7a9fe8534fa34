/*
 * Symptom checker: ranks the conditions of data/knowledge.yml against the boxes a reader ticks.
 *
 * - Everything it knows (symptoms, conditions, weights, warning levels) comes from the
 *   <script type="application/json" data-sc-data> block inside the widget; every word it shows
 *   comes from the <script type="application/json" data-sc-text> block or the template markup.
 * - It sends nothing and stores nothing: no fetch, no storage, no cookies.
 * - Data text is inserted with textContent / createElement only.
 * - Loaded on every page (extra_javascript): does nothing where there is no widget, never throws.
 *
 * window.SymptomChecker.rank(data, tickedIds) and .levelsFor(data, tickedIds) are pure
 * functions, tested on their own in tests/test_checker_ranking.py.
 */
(function () {
  "use strict";

  var READY = "data-checker-ready";

  function weightOf(scoring, fit) {
    var w = scoring ? Number(scoring[fit]) : 0;
    return isFinite(w) ? w : 0;
  }

  function unique(ids) {
    var seen = Object.create(null);
    var out = [];
    (ids || []).forEach(function (id) {
      if (!seen[id]) { seen[id] = true; out.push(id); }
    });
    return out;
  }

  /**
   * Rank the conditions for the ticked ids.
   * Score = sum over ticked symptoms of data.scoring[fit] for that condition; unrated = 0.
   * Only score > 0 is returned, best first; equal scores keep the order of data.conditions.
   * A rated symptom with a negative weight is a misfit ("what does not fit"), otherwise a fit.
   * Returns [{id, score, fits: [{id, fit, why, weight}], misfits: [...]}].
   */
  function rank(data, tickedIds) {
    var ticked = unique(tickedIds);
    var scoring = (data && data.scoring) || {};
    var conditions = (data && data.conditions) || [];
    var scored = conditions.map(function (condition, index) {
      var features = condition.features || {};
      var result = { id: condition.id, score: 0, fits: [], misfits: [], index: index };
      ticked.forEach(function (id) {
        if (!Object.prototype.hasOwnProperty.call(features, id)) return;
        var feature = features[id] || {};
        var weight = weightOf(scoring, feature.fit);
        var item = { id: id, fit: feature.fit, why: feature.why || "", weight: weight };
        result.score += weight;
        (weight < 0 ? result.misfits : result.fits).push(item);
      });
      return result;
    });
    return scored
      .filter(function (r) { return r.score > 0; })
      .sort(function (a, b) { return b.score - a.score || a.index - b.index; })
      .map(function (r) { return { id: r.id, score: r.score, fits: r.fits, misfits: r.misfits }; });
  }

  /**
   * Which warning levels the ticked ids reach.
   * Returns {top: level id or null, signs: {level id: [ticked sign ids]}}; "top" is the first
   * level, in the order of data.levels (most serious first), that has a ticked sign.
   */
  function levelsFor(data, tickedIds) {
    var ticked = unique(tickedIds);
    var signs = {};
    ((data && data.warningSigns) || []).forEach(function (sign) {
      if (ticked.indexOf(sign.id) === -1) return;
      (signs[sign.level] = signs[sign.level] || []).push(sign.id);
    });
    var order = Object.keys((data && data.levels) || {});
    Object.keys(signs).forEach(function (level) {
      if (order.indexOf(level) === -1) order.push(level);
    });
    var top = null;
    for (var i = 0; i < order.length; i++) {
      if (signs[order[i]]) { top = order[i]; break; }
    }
    return { top: top, signs: signs };
  }

  // ------------------------------------------------------------------ DOM

  function readJson(root, selector) {
    var node = root.querySelector(selector);
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function el(tag, className, textContent) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (textContent != null) node.textContent = textContent;
    return node;
  }

  function link(href, textContent) {
    var a = el("a", null, textContent);
    a.setAttribute("href", href);
    return a;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function Checker(root, data, text) {
    this.root = root;
    this.data = data;
    this.text = text || {};
    this.form = root.querySelector("[data-sc-form]");
    this.alerts = root.querySelector("[data-sc-alerts]");
    this.status = root.querySelector("[data-sc-status]");
    this.body = root.querySelector("[data-sc-body]");
    this.shownLevel = null;
    this.conditionsById = {};
    var self = this;
    (data.conditions || []).forEach(function (c) { self.conditionsById[c.id] = c; });
  }

  Checker.prototype.tickedIds = function () {
    var boxes = this.form.querySelectorAll("input[type=checkbox]");
    var ids = [];
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) ids.push(boxes[i].value);
    return ids;
  };

  Checker.prototype.showLevel = function (level) {
    var inline = this.root.querySelectorAll("[data-sc-inline]");
    for (var i = 0; i < inline.length; i++) {
      inline[i].hidden = inline[i].getAttribute("data-sc-inline") !== level;
    }
    if (level === this.shownLevel) return; // no repeat announcement while the level stays
    this.shownLevel = level;
    clear(this.alerts);
    if (!level) return;
    var templates = this.root.querySelectorAll("template[data-sc-alert]");
    for (var j = 0; j < templates.length; j++) {
      if (templates[j].getAttribute("data-sc-alert") === level) {
        this.alerts.appendChild(templates[j].content.cloneNode(true));
      }
    }
  };

  Checker.prototype.renderResult = function (result, labelOf) {
    var t = this.text;
    var condition = this.conditionsById[result.id] || {};
    var item = el("li", "sc-result");
    item.setAttribute("data-condition", result.id);

    var heading = el("h3", "sc-result__name");
    heading.appendChild(condition.url ? link(condition.url, condition.name) : document.createTextNode(condition.name || result.id));
    item.appendChild(heading);
    var kind = t.kinds && t.kinds[condition.kind];
    if (kind) item.appendChild(el("p", "sc-result__kind", kind));
    if (condition.summary) item.appendChild(el("p", "sc-result__summary", condition.summary));

    function list(title, entries, className) {
      if (!entries.length) return;
      item.appendChild(el("h4", "sc-result__sub " + className + "-title", title));
      var ul = el("ul", "sc-result__list " + className);
      entries.forEach(function (entry) {
        var li = el("li");
        li.appendChild(el("strong", null, labelOf(entry.id)));
        var word = t.fitWords && t.fitWords[entry.fit];
        if (word) li.appendChild(el("span", "sc-fit sc-fit--" + entry.fit, " (" + word + ")"));
        if (entry.why) li.appendChild(document.createTextNode(": " + entry.why));
        ul.appendChild(li);
      });
      item.appendChild(ul);
    }
    list(t.fits, result.fits, "sc-fits");
    list(t.misfits, result.misfits, "sc-misfits");

    var treatments = condition.treatments || [];
    if (treatments.length) {
      item.appendChild(el("h4", "sc-result__sub", t.treatments));
      var ul = el("ul", "sc-result__list sc-treatments");
      treatments.forEach(function (tr) {
        var li = el("li");
        li.appendChild(tr.url ? link(tr.url, tr.name) : document.createTextNode(tr.name));
        var rating = tr.rating && t.ratings && t.ratings[tr.rating];
        if (rating) li.appendChild(document.createTextNode(": " + rating));
        ul.appendChild(li);
      });
      item.appendChild(ul);
    }
    return item;
  };

  Checker.prototype.renderNoResult = function (message) {
    var t = this.text;
    var box = el("div", "sc-noresult");
    box.appendChild(el("p", null, message));
    var p = el("p", null, (t.doctorText || "") + " ");
    if (this.data.helpUrl) p.appendChild(link(this.data.helpUrl, t.helpLink || this.data.helpUrl));
    box.appendChild(p);
    return box;
  };

  Checker.prototype.update = function (announce) {
    var t = this.text;
    var data = this.data;
    var ticked = this.tickedIds();
    this.showLevel(levelsFor(data, ticked).top);

    var symptoms = data.symptoms || {};
    var symptomTicked = ticked.filter(function (id) {
      return Object.prototype.hasOwnProperty.call(symptoms, id);
    });
    var results = rank(data, ticked);
    var labelOf = function (id) { return (symptoms[id] && symptoms[id].label) || id; };

    clear(this.body);
    var status;
    if (!symptomTicked.length) {
      status = t.statusEmpty;
      this.body.appendChild(this.renderNoResult(t.emptyText));
    } else if (!results.length) {
      status = t.statusNoFit;
      this.body.appendChild(this.renderNoResult(t.noFitText));
    } else {
      var first = this.conditionsById[results[0].id] || {};
      status = fill(results.length === 1 ? t.statusOne : t.statusMany,
        { count: results.length, name: first.name || results[0].id });
      if (t.rankIntro) this.body.appendChild(el("p", "sc-results__intro", t.rankIntro));
      var ol = el("ol", "sc-result-list");
      var self = this;
      // Long lists (a clinic with many conditions) show the closest few first: building every
      // result on each tick would take longer than a frame.
      var limit = this.showAll || !t.showTop ? results.length : t.showTop;
      results.slice(0, limit).forEach(function (r) { ol.appendChild(self.renderResult(r, labelOf)); });
      this.body.appendChild(ol);
      if (results.length > limit) {
        var more = el("button", "sc-more", fill(t.moreText, { count: results.length - limit }));
        more.type = "button";
        more.addEventListener("click", function () { self.showAll = true; self.update(); });
        this.body.appendChild(more);
      }
    }
    if (announce) status = announce;
    if (this.status.textContent !== status) this.status.textContent = status || "";
  };

  Checker.prototype.start = function () {
    var self = this;
    this.form.addEventListener("change", function () { self.update(); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.addEventListener("reset", function () {
      // The reset event fires before the boxes are cleared.
      window.setTimeout(function () { self.showAll = false; self.update(self.text.statusCleared); }, 0);
    });
    this.update();
  };

  function initRoot(root) {
    if (root.hasAttribute(READY)) return;
    root.setAttribute(READY, "");
    var data = readJson(root, "script[data-sc-data]");
    var text = readJson(root, "script[data-sc-text]");
    var app = root.querySelector("[data-sc-app]");
    var fallback = root.querySelector("[data-sc-fallback]");
    if (!data || !text || !app || !root.querySelector("[data-sc-form]")) return; // fallback stays
    var checker = new Checker(root, data, text);
    checker.start(); // may pick up boxes the browser restored on "back"
    app.hidden = false;
    if (fallback) fallback.hidden = true;
    root.setAttribute(READY, "true");
  }

  function init() {
    try {
      var roots = document.querySelectorAll('[data-module="symptom-checker"]');
      for (var i = 0; i < roots.length; i++) {
        try { initRoot(roots[i]); } catch (e) { /* leave the no-JavaScript fallback in place */ }
      }
    } catch (e) { /* never break the rest of the page */ }
  }

  window.SymptomChecker = { rank: rank, levelsFor: levelsFor, init: init };

  // Material's document$ fires on every instant navigation. Under file:// it may never fire
  // (instant loading cannot fetch there), so also start on the first load; init is idempotent.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
