/*
 * Symptom checker: what to do and how soon (outcome), then which problems may fit (match).
 *
 * - Everything it knows (symptoms, warning signs, outcome rules, conditions, matching thresholds)
 *   comes from the <script type="application/json" data-sc-data> block inside the widget; every
 *   word it shows comes from the <script type="application/json" data-sc-text> block or the
 *   template markup (checker.html.j2). This file holds no wording and no medical numbers.
 * - It sends nothing and stores nothing: no fetch, no storage, no cookies.
 * - Data text is inserted with textContent / createElement only.
 * - Loaded on every page; does nothing where there is no widget, never throws.
 * - Progressive enhancement: without it the no-JavaScript table stays. Init runs once per page load
 *   (the site has no instant navigation) and is idempotent.
 *
 * outcome(data, ticked) and match(data, ticked) are pure; Node's test runner checks them
 * (checker.test.js, beside this file), through module.exports. The browser gets them on window.SymptomChecker.
 */
(function (root) {
  "use strict";

  var has = function (object, key) { return Object.prototype.hasOwnProperty.call(object || {}, key); };

  function unique(ids) {
    var seen = Object.create(null);
    var out = [];
    (ids || []).forEach(function (id) {
      if (!seen[id]) { seen[id] = true; out.push(id); }
    });
    return out;
  }

  /** The levels of data.outcomes, most serious first. */
  function levelOrder(data) {
    return ((data && data.outcomes) || []).map(function (o) { return o.level; });
  }

  /** The outcome of a level in data.outcomes (heading, action, number, now, alert), or {}. */
  function levelInfo(data, level) {
    var found = {};
    ((data && data.outcomes) || []).forEach(function (o) { if (o.level === level) found = o; });
    return found;
  }

  function ruleMet(rule, ticked) {
    var when = (rule && rule.when) || {};
    var isTicked = function (id) { return ticked.indexOf(id) !== -1; };
    if (when.all && when.all.length) return when.all.every(isTicked);
    if (when.any && when.any.length) return when.any.some(isTicked);
    return false;
  }

  /**
   * What to do, and how soon, for the ticked ids (symptoms and warning signs).
   * The most serious of: the levels of ticked warning signs and of the outcome rules whose `when`
   * is met; otherwise the last (least serious) level when any symptom is ticked; otherwise null
   * (nothing ticked). The levels and their order come from data.outcomes, never from this script.
   * reasons = the signs and rules that give that level, signs first, in data order.
   * Returns {level: string|null, reasons: [{kind: "sign"|"rule", id}]}.
   */
  function outcome(data, tickedIds) {
    var ticked = unique(tickedIds);
    var order = levelOrder(data);
    var found = [];
    ((data && data.warningSigns) || []).forEach(function (sign) {
      if (ticked.indexOf(sign.id) !== -1) found.push({ kind: "sign", id: sign.id, level: sign.level });
    });
    ((data && data.outcomeRules) || []).forEach(function (rule) {
      if (ruleMet(rule, ticked)) found.push({ kind: "rule", id: rule.id, level: rule.level });
    });
    var rank = function (level) {
      var i = order.indexOf(level);
      return i === -1 ? order.length : i; // an unknown level never outranks a known one
    };
    var level = null;
    found.forEach(function (f) {
      if (level === null || rank(f.level) < rank(level)) level = f.level;
    });
    if (level === null) {
      var symptoms = (data && data.symptoms) || {};
      var anySymptom = ticked.some(function (id) { return has(symptoms, id); });
      return { level: anySymptom && order.length ? order[order.length - 1] : null, reasons: [] };
    }
    return {
      level: level,
      reasons: found.filter(function (f) { return f.level === level; })
        .map(function (f) { return { kind: f.kind, id: f.id }; })
    };
  }

  /**
   * The home care that fits the ticked answers: the first of data.selfCareAdvice whose `when` is
   * met (a fresh knee injury needs rest and ice, not stretches), or null for the outcome's own advice.
   * `when: {condition: id}` is met when the checker names that condition first, on its own (not
   * tied): its home care is shown only when the answers point to it.
   */
  function selfCareAdvice(data, tickedIds) {
    var ticked = unique(tickedIds);
    var named = null;
    var found = ((data && data.selfCareAdvice) || []).filter(function (a) {
      var condition = a && a.when && a.when.condition;
      if (!condition) return ruleMet(a, ticked);
      if (named === null) named = match(data, ticked);
      return named.length > 0 && named[0].id === condition && !named[0].tied;
    });
    return found.length ? found[0] : null;
  }

  /** The ticked warning signs, and the met outcome rules, that keep the checker from naming any condition. */
  function hidingSigns(data, tickedIds) {
    var ticked = unique(tickedIds);
    return ((data && data.warningSigns) || []).filter(function (sign) {
      return sign.hidesConditions && ticked.indexOf(sign.id) !== -1;
    }).concat(((data && data.outcomeRules) || []).filter(function (rule) {
      return rule.hidesConditions && ruleMet(rule, ticked);
    }));
  }

  function weightOf(weights, fit) {
    var w = weights ? Number(weights[fit]) : 0;
    return isFinite(w) ? w : 0;
  }

  /**
   * The conditions the ticked answers support well enough to be named. Three gates, all needed:
   * 1. one of the condition's `distinguishing` entries (lists of symptom ids, from its sources) is
   *    ticked in full: answers that many conditions share never name one on their own;
   * 2. none of its `against` answers is ticked;
   * 3. the ticks fit it overall (data.matching): typical ticked >= min_typical, fits > misfits and
   *    share >= min_share, where score = sum of weights[fit]; share = score / (weights.typical *
   *    rated count), rated = the ticked symptoms at least one condition rates; coverage = ticked
   *    typical features / all typical features of the condition.
   * Ordered by share, then coverage; equal share and coverage is a tie: same `place`, and
   * within a tie by id, so the order of the file never decides.
   * A ticked warning sign with hidesConditions (a likely clot, a joint infection) names nothing:
   * what it points to is not on the list, and naming a cause beside it could mislead.
   * Returns [{id, place, tied, score, share, coverage, typical, because: [ids], fits: [{id, fit, why}], misfits}];
   * `because` = the ticked answers that set it apart.
   */
  function match(data, tickedIds) {
    if (hidingSigns(data, tickedIds).length) return [];
    var symptoms = (data && data.symptoms) || {};
    var matching = (data && data.matching) || {};
    var weights = matching.weights || {};
    var conditions = (data && data.conditions) || [];
    var ticked = unique(tickedIds).filter(function (id) { return has(symptoms, id); });
    var isTicked = function (id) { return ticked.indexOf(id) !== -1; };
    var rated = ticked.filter(function (id) {
      return conditions.some(function (c) { return has(c.features, id); });
    });
    var most = weightOf(weights, "typical") * rated.length;
    var minTypical = Number(matching.min_typical);
    var minShare = Number(matching.min_share);

    var named = [];
    conditions.forEach(function (condition) {
      var features = condition.features || {};
      var met = (condition.distinguishing || []).filter(function (entry) {
        var ids = typeof entry === "string" ? [entry] : (entry || []);
        return ids.length > 0 && ids.every(isTicked);
      });
      if (!met.length || (condition.against || []).some(isTicked)) return;
      var because = unique([].concat.apply([], met.map(function (e) { return typeof e === "string" ? [e] : e; })));
      var r = { id: condition.id, score: 0, typical: 0, fits: [], misfits: [], because: because };
      var typicalAll = 0;
      Object.keys(features).forEach(function (id) {
        if (features[id] && features[id].fit === "typical") typicalAll += 1;
      });
      ticked.forEach(function (id) {
        if (!has(features, id)) return;
        var feature = features[id] || {};
        var item = { id: id, fit: feature.fit, why: feature.why || "" };
        r.score += weightOf(weights, feature.fit);
        if (feature.fit === "typical") r.typical += 1;
        (feature.fit === "unusual" ? r.misfits : r.fits).push(item);
      });
      r.share = most > 0 ? r.score / most : 0;
      r.coverage = typicalAll > 0 ? r.typical / typicalAll : 0;
      if (r.typical >= minTypical && r.fits.length > r.misfits.length && r.share >= minShare) named.push(r);
    });

    named.sort(function (a, b) {
      return (b.share - a.share) || (b.coverage - a.coverage) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    named.forEach(function (r, i) {
      var prev = named[i - 1];
      r.place = prev && prev.share === r.share && prev.coverage === r.coverage ? prev.place : i + 1;
    });
    named.forEach(function (r) {
      r.tied = named.filter(function (o) { return o.place === r.place; }).length > 1;
    });
    return named.map(function (r) {
      return { id: r.id, place: r.place, tied: r.tied, score: r.score, share: r.share, coverage: r.coverage,
        typical: r.typical, because: r.because, fits: r.fits, misfits: r.misfits };
    });
  }

  var api = { outcome: outcome, match: match, selfCareAdvice: selfCareAdvice };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (!root || !root.document) return; // Node: the pure functions only

  // ------------------------------------------------------------------ DOM
  // Loaded once per page; should it run twice, the first copy keeps the work (init is idempotent).
  if (root.SymptomChecker && root.SymptomChecker.init) { root.SymptomChecker.init(); return; }
  var document = root.document;
  var READY = "data-checker-ready";

  function readJson(box, selector) {
    var node = box.querySelector(selector);
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, key) {
      return has(values, key) ? String(values[key]) : all;
    });
  }

  /** A text of the text block in the form for the number n: a text given per plural category
   * ({one, other, ...}: Unicode CLDR, as Intl.PluralRules names them for the page's language). */
  function forN(text, n) {
    if (!text || typeof text !== "object") return text;
    var category = "other";
    try { category = new Intl.PluralRules(document.documentElement.lang || undefined).select(n); } catch (e) { /* other */ }
    return has(text, category) ? text[category] : text.other;
  }

  /** Words that end without a full stop get the language's, so the next sentence does not run on. */
  function sentence(words, t) {
    var text = String(words || "").replace(/\s+$/, "");
    return /[.!?\u2026:;\u3002]$/.test(text) ? text : text + (t.fullStop || ".");
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
    while (node && node.firstChild) node.removeChild(node.firstChild);
  }

  /** "a, b and c" with the joining words of the text block. */
  function listWords(items, t) {
    if (items.length < 2) return items.join("");
    return items.slice(0, -1).join(t.listComma || ", ") + (t.listAnd || " and ") + items[items.length - 1];
  }

  function Checker(box, data, text) {
    this.root = box;
    this.data = data;
    this.text = text;
    this.form = box.querySelector("[data-sc-form]");
    this.bar = box.querySelector("[data-sc-bar]");
    this.barButton = box.querySelector("[data-sc-see]");
    this.heading = box.querySelector("[data-sc-heading]");
    this.status = box.querySelector("[data-sc-status]");
    this.alert = box.querySelector("[data-sc-alert]");
    this.outcomeBox = box.querySelector("[data-sc-outcome]");
    this.body = box.querySelector("[data-sc-body]");
    this.shown = null; // the outcome now on screen, so it is not rebuilt (or re-announced) per tick
    this.showAll = false;
    this.byId = { condition: {}, sign: {}, rule: {} };
    var self = this;
    (data.conditions || []).forEach(function (c) { self.byId.condition[c.id] = c; });
    (data.warningSigns || []).forEach(function (s) { self.byId.sign[s.id] = s; });
    (data.outcomeRules || []).forEach(function (r) { self.byId.rule[r.id] = r; });
  }

  Checker.prototype.tickedIds = function () {
    var boxes = this.form.querySelectorAll("input[type=checkbox]");
    var ids = [];
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) ids.push(boxes[i].value);
    return ids;
  };

  Checker.prototype.nameOf = function (id) {
    var c = this.byId.condition[id] || {};
    return c.plainName || c.name || id;
  };

  Checker.prototype.reasonText = function (reason) {
    if (reason.kind === "sign") return (this.byId.sign[reason.id] || {}).label || reason.id;
    return (this.byId.rule[reason.id] || {}).why || reason.id;
  };

  /** The outcome box: a copy of the template for the level, with the reasons filled in. */
  Checker.prototype.showOutcome = function (result) {
    var fits = selfCareAdvice(this.data, this.tickedIds());
    var key = result.level ? result.level + "|" + result.reasons.map(function (r) { return r.id; }).join(",") +
      "|" + (fits ? fits.id : "") : "";
    if (key === this.shown) return;
    this.shown = key;
    clear(this.alert);
    clear(this.outcomeBox);
    if (!result.level) return;
    var template = this.root.querySelector('template[data-sc-outcome-for="' + result.level + '"]');
    if (!template) return;
    var box = template.content.cloneNode(true);
    var reasons = box.querySelector("[data-sc-reasons]");
    if (reasons) {
      var self = this;
      result.reasons.forEach(function (reason) {
        var advice = reason.kind === "sign" && (self.byId.sign[reason.id] || {}).advice;
        var li = el("li", null, advice ? sentence(self.reasonText(reason), self.text) : self.reasonText(reason));
        if (advice) li.appendChild(el("span", "sc-reason__advice", " " + advice));
        reasons.appendChild(li);
      });
      var reasonsBox = box.querySelector("[data-sc-reasons-box]");
      if (!result.reasons.length && reasonsBox) reasonsBox.parentNode.removeChild(reasonsBox);
    }
    // The last level (look after yourself at home) takes the home care that fits the answers.
    var order = levelOrder(this.data);
    var fitting = result.level === order[order.length - 1] && selfCareAdvice(this.data, this.tickedIds());
    var adviceNode = box.querySelector(".sc-outcome__advice");
    if (fitting && adviceNode) adviceNode.textContent = fitting.advice;
    // Outcomes marked alert (emergency, same day) interrupt a screen reader; the others wait their turn.
    var serious = !!levelInfo(this.data, result.level).alert;
    (serious ? this.alert : this.outcomeBox).appendChild(box);
  };

  Checker.prototype.renderCard = function (result, named) {
    var t = this.text;
    var self = this;
    var condition = this.byId.condition[result.id] || {};
    var labelOf = function (id) { return ((self.data.symptoms || {})[id] || {}).label || id; };
    var item = el("li", "sc-result");
    item.setAttribute("data-condition", result.id);

    var heading = el("h4", "sc-result__name");
    heading.id = "sc-result-" + result.id;
    heading.tabIndex = -1;
    var plain = condition.plainName || condition.name || result.id;
    heading.appendChild(condition.url ? link(condition.url, plain) : document.createTextNode(plain));
    item.appendChild(heading);
    if (condition.name && condition.name !== plain) {
      item.appendChild(el("p", "sc-result__medical", fill(t.medicalName, { name: condition.name })));
    }
    if (result.tied) {
      var others = named.filter(function (o) { return o.place === result.place && o.id !== result.id; })
        .map(function (o) { return self.nameOf(o.id); });
      item.appendChild(el("p", "sc-result__tie", fill(t.tiedWith, { names: listWords(others, t) })));
    }
    var because = (result.because || []).map(labelOf);
    var why = [fill(t.whyLine, { because: listWords(because, t) }),
      fill(forN(t.whyFits, result.fits.length), { count: result.fits.length }),
      fill(forN(t.whyTypical, result.typical), { count: result.typical })];
    if (result.misfits.length) why.push(fill(forN(t.whyMisfits, result.misfits.length), { count: result.misfits.length }));
    why = why.join(" ");
    item.appendChild(el("p", "sc-result__why", why));
    if (condition.helps) {
      var helps = el("p", "sc-result__helps");
      helps.appendChild(el("strong", null, t.whatHelps + " "));
      helps.appendChild(document.createTextNode(condition.helps));
      item.appendChild(helps);
    }

    var details = el("details", "sc-result__more");
    details.appendChild(el("summary", null, t.moreAbout));
    if (condition.summary) details.appendChild(el("p", "sc-result__summary", condition.summary));
    function list(title, entries, className) {
      if (!entries.length) return;
      details.appendChild(el("h5", "sc-result__sub " + className + "-title", title));
      var ul = el("ul", "sc-result__list " + className);
      entries.forEach(function (entry) {
        var li = el("li");
        li.appendChild(el("strong", null, labelOf(entry.id)));
        var word = t.fitWords && t.fitWords[entry.fit];
        if (word) li.appendChild(el("span", "sc-fit sc-fit--" + entry.fit, " (" + word + ")"));
        if (entry.why) li.appendChild(document.createTextNode(": " + entry.why));
        ul.appendChild(li);
      });
      details.appendChild(ul);
    }
    list(t.fits, result.fits, "sc-fits");
    list(t.misfits, result.misfits, "sc-misfits");
    var treatments = condition.treatments || [];
    if (treatments.length) {
      details.appendChild(el("h5", "sc-result__sub", t.treatments));
      var ul = el("ul", "sc-result__list sc-treatments");
      treatments.forEach(function (tr) {
        var li = el("li");
        li.appendChild(tr.url ? link(tr.url, tr.name) : document.createTextNode(tr.name));
        var rating = tr.rating && t.ratings && t.ratings[tr.rating];
        if (rating) li.appendChild(document.createTextNode(": " + rating));
        ul.appendChild(li);
      });
      details.appendChild(ul);
    }
    item.appendChild(details);
    return item;
  };

  Checker.prototype.renderNoFit = function (message) {
    var t = this.text;
    var box = el("div", "sc-noresult");
    box.appendChild(el("p", "sc-noresult__title", message));
    var p = el("p", null, (t.noFitTodo || "") + " ");
    if (this.data.helpUrl) p.appendChild(link(this.data.helpUrl, t.helpLink));
    box.appendChild(p);
    return box;
  };

  /** Rebuild the results for the ticked boxes; `focusFrom` focuses the card at that index. */
  Checker.prototype.update = function (announce, focusFrom) {
    var t = this.text;
    var data = this.data;
    var self = this;
    var ticked = this.tickedIds();
    var result = outcome(data, ticked);
    this.showOutcome(result);
    var level = result.level;
    var info = levelInfo(data, level);

    // The bar that leads to the result: shown from the first tick, with the count.
    if (this.bar) {
      this.bar.hidden = !ticked.length && !this.steps; // one question at a time: the result is always a tap away
      this.bar.setAttribute("data-bar-level", level || "");
      // The level's colours (the generated clinic.css) follow its class.
      this.bar.className = this.bar.className.replace(/\s*kb-level--\S+/g, "") + (level ? " kb-level--" + level : "");
      this.barButton.textContent = fill(ticked.length === 1 ? t.seeOne : t.seeMany, { count: ticked.length });
      var inline = this.bar.querySelectorAll("[data-sc-inline]");
      for (var i = 0; i < inline.length; i++) inline[i].hidden = inline[i].getAttribute("data-sc-inline") !== level;
    }

    var symptoms = data.symptoms || {};
    var symptomTicked = ticked.filter(function (id) { return has(symptoms, id); });
    clear(this.body);
    // The status line says only how many answers are ticked: what to do is said once, in the
    // level's box (a serious level's box is itself announced), and what it may be, in the list.
    var status = ticked.length ? fill(forN(t.statusCount, ticked.length), { count: ticked.length }) : t.statusEmpty;
    if (!ticked.length) {
      this.body.appendChild(el("p", "sc-results__empty", t.emptyText));
    } else if (!info.now) { // help needed now stops the list: nothing may suggest waiting or treating it at home
      var named = symptomTicked.length ? match(data, ticked) : [];
      var known = el("p", "sc-results__known", fill(t.knownCount, { count: (data.conditions || []).length }));
      this.body.appendChild(el("h3", "sc-results__sub", t.mayBe));
      if (!symptomTicked.length) {
        this.body.appendChild(el("p", "sc-results__empty", t.noSymptomsText));
        this.body.appendChild(known);
      } else if (hidingSigns(data, ticked).length) {
        // The warning sign's own advice says what it may be; nothing here should compete with it.
        this.body.appendChild(el("p", "sc-results__hidden", t.hiddenText));
      } else if (!named.length) {
        this.body.appendChild(this.renderNoFit(t.noFitTitle));
        this.body.appendChild(known);
      } else {
        var firsts = named.filter(function (r) { return r.place === 1; });
        this.body.appendChild(known);
        if (firsts.length > 1) this.body.appendChild(el("p", "sc-results__tie", fill(t.tieIntro, { count: firsts.length })));
        var ol = el("ol", "sc-result-list");
        var limit = this.showAll ? named.length : Math.max(Number(t.showTop) || 3, firsts.length);
        named.slice(0, limit).forEach(function (r) { ol.appendChild(self.renderCard(r, named)); });
        this.body.appendChild(ol);
        if (named.length > limit) {
          var more = el("button", "sc-more", fill(t.moreText, { count: named.length - limit }));
          more.type = "button";
          more.addEventListener("click", function () { self.showAll = true; self.update(null, limit); });
          this.body.appendChild(more);
        }
        if (focusFrom != null) {
          var target = ol.querySelectorAll(".sc-result__name")[focusFrom];
          if (target) target.focus();
        }
      }
    }
    if (announce) status = announce;
    status = String(status || "").replace(/^\s+/, "");
    if (this.status.textContent !== status) this.status.textContent = status;
  };

  Checker.prototype.start = function () {
    var self = this;
    this.form.addEventListener("change", function () { self.update(); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.addEventListener("reset", function () {
      // The reset event fires before the boxes are cleared.
      root.setTimeout(function () {
        self.showAll = false;
        self.update(self.text.statusCleared);
        if (self.steps) self.showStep(0, false);
      }, 0);
    });
    if (this.barButton) {
      // The result at any point: the results' heading at the top of the screen (scroll-padding
      // keeps it clear of the sticky header), so the outcome under it is on the first screen.
      this.barButton.addEventListener("click", function () { self.showResult(); });
    }
    var printButton = this.root.querySelector("[data-sc-print]");
    if (printButton) printButton.addEventListener("click", function () { self.print(); });
    this.startSteps();
    this.update();
  };

  // ------------------------------------------------------------------ one question at a time
  // The answers stay native checkboxes in the form, in the page from the start; the stepper only
  // shows some of them at a time. Warning signs (and answers that alone raise a rule that hides
  // the conditions, such as a swollen calf) come first, most serious level first, then each
  // question of data.groups in order; a question with many answers is split into short parts.

  /** The steps: [{question, level|null, options: [the .sc-option boxes]}]. */
  Checker.prototype.buildSteps = function () {
    var self = this;
    var data = this.data;
    var t = this.text;
    var size = Math.max(1, Number(t.stepSize) || 5);
    var order = levelOrder(data);
    var optionOf = function (input) { return input.closest ? input.closest(".sc-option") : input.parentNode; };
    var inputs = Array.prototype.slice.call(this.form.querySelectorAll("input[type=checkbox], input[type=radio]"));
    var byValue = {};
    inputs.forEach(function (input) { byValue[input.value] = input; });
    // Answers asked among the warning signs, with their level.
    // Within a level, such answers come before the signs (a swollen calf is the first question of its level).
    var flags = [];
    (data.outcomeRules || []).forEach(function (rule) {
      var when = rule.when || {};
      if (!rule.hidesConditions || !when.any) return;
      when.any.forEach(function (id) { if (byValue[id]) flags.push({ input: byValue[id], level: rule.level }); });
    });
    (data.warningSigns || []).forEach(function (sign) {
      if (byValue[sign.id]) flags.push({ input: byValue[sign.id], level: sign.level });
    });
    var flagged = flags.map(function (f) { return f.input; });
    var steps = [];
    var signSize = Math.max(1, Number(t.signStepSize) || size);
    var chunk = function (options, question, level) {
      var most = level ? signSize : size; // warning signs are longer, with their tags
      steps.push.apply(steps, self.splitQuestion({ question: question, level: level, options: options },
        Math.ceil(options.length / most)));
    };
    var questions = t.signQuestions || {};
    var anyQuestion = questions[Object.keys(questions)[0]] || "";
    order.forEach(function (level) {
      var mine = flags.filter(function (f) { return f.level === level; }).map(function (f) { return optionOf(f.input); });
      if (mine.length) chunk(mine, questions[level] || anyQuestion, level);
    });
    (data.groups || []).forEach(function (group) {
      var options = (group.symptoms || []).map(function (id) { return byValue[id]; })
        .filter(function (input) { return input && flagged.indexOf(input) === -1; }).map(optionOf);
      if (options.length) chunk(options, group.question, null);
    });
    // Anything the data did not place (never expected) goes last, so no answer is unreachable.
    var placed = [];
    steps.forEach(function (step) { placed = placed.concat(step.options); });
    var rest = inputs.map(optionOf).filter(function (o) { return placed.indexOf(o) === -1; });
    if (rest.length) chunk(rest, "", null);
    return steps;
  };

  /** A question cut into `parts` steps of near equal size, each step saying which part it is. */
  Checker.prototype.splitQuestion = function (whole, parts) {
    var t = this.text;
    var per = Math.ceil(whole.options.length / parts);
    var steps = [];
    for (var p = 0; p * per < whole.options.length; p++) steps.push(p);
    return steps.map(function (p) {
      var options = whole.options.slice(p * per, (p + 1) * per);
      return { whole: whole, level: whole.level, options: options,
        question: steps.length > 1 ? fill(t.stepMore, { question: whole.question, part: p + 1, parts: steps.length })
          : whole.question,
        ids: options.map(function (o) { return o.querySelector("input").value; }) };
    });
  };

  /** Show one step's answers (and only those), without moving focus or counting progress. */
  Checker.prototype.display = function (step) {
    var all = this.form.querySelectorAll(".sc-option");
    for (var i = 0; i < all.length; i++) all[i].hidden = step.options.indexOf(all[i]) === -1;
    var sets = this.form.querySelectorAll("fieldset");
    for (var j = 0; j < sets.length; j++) sets[j].hidden = !sets[j].querySelector(".sc-option:not([hidden])");
    this.question.textContent = step.question;
    this.stepHint.hidden = !step.level;
  };

  /** Whether a step, shown at the top of the screen (under the sticky header), has its answers
   * and Back / Next above the bar that stays at the bottom. Nothing is scrolled to find out. */
  Checker.prototype.fitsScreen = function (step) {
    this.display(step);
    var top = this.stepper.getBoundingClientRect().top;
    var need = this.nav.getBoundingClientRect().bottom - top;
    if (!need) return true; // not laid out (printing, a hidden tab): nothing to measure
    var padding = parseFloat(root.getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
    var bar = this.bar && !this.bar.hidden ? this.bar.getBoundingClientRect().height : 0;
    return need <= root.innerHeight - padding - bar;
  };

  /** The steps, each question cut into as few parts as let every part fit one screen as laid out
   * now (large text, a long translation, a small phone); a single answer too tall stays alone. */
  Checker.prototype.fitSteps = function (steps) {
    var self = this;
    var out = [];
    var wholes = [];
    // The progress line takes its room, as it will when the steps are shown.
    this.progress.textContent = fill(this.text.progress, { step: steps.length, total: steps.length });
    steps.forEach(function (step) { if (wholes.indexOf(step.whole) === -1) wholes.push(step.whole); });
    wholes.forEach(function (whole) {
      var parts = steps.filter(function (s) { return s.whole === whole; });
      var count = parts.length;
      while (count < whole.options.length && !parts.every(function (s) { return self.fitsScreen(s); })) {
        count += 1;
        parts = self.splitQuestion(whole, count);
      }
      out.push.apply(out, parts);
    });
    return out;
  };

  /** Whether ticking answers of `step` could still change the result, given what is ticked now:
   * a more serious level, or (when conditions are not hidden) which conditions are named. */
  Checker.prototype.stepMatters = function (step, ticked) {
    var data = this.data;
    var order = levelOrder(data);
    var now = outcome(data, ticked).level;
    var rank = function (level) { var i = order.indexOf(level); return i === -1 ? order.length : i; };
    if (now !== null && rank(now) === 0) return false; // the most serious level: nothing can add to it
    var could = [];
    (data.warningSigns || []).forEach(function (s) { if (step.ids.indexOf(s.id) !== -1) could.push(s.level); });
    (data.outcomeRules || []).forEach(function (rule) {
      var ids = (rule.when && (rule.when.all || rule.when.any)) || [];
      if (ids.some(function (id) { return step.ids.indexOf(id) !== -1; })) could.push(rule.level);
    });
    if (could.some(function (level) { return now === null || rank(level) < rank(now); })) return true;
    var helpNow = (data.outcomes || []).some(function (o) { return o.level === now && o.now; });
    if (helpNow || hidingSigns(data, ticked).length) return false; // no condition is listed then
    var rated = (data.conditions || []).some(function (c) {
      return step.ids.some(function (id) { return has(c.features, id); });
    });
    return rated;
  };

  /** The steps still to be asked: every step up to the current one, then those that matter. */
  Checker.prototype.activeSteps = function () {
    var ticked = this.tickedIds();
    var self = this;
    return this.steps.filter(function (step, i) { return i <= self.at || self.stepMatters(step, ticked); });
  };

  Checker.prototype.showStep = function (index, focus) {
    var t = this.text;
    var steps = this.steps;
    this.at = Math.max(0, Math.min(index, steps.length - 1));
    var step = steps[this.at];
    this.root.classList.remove("sc--result");
    this.form.hidden = false;
    if (this.editButton) this.editButton.hidden = true;
    this.display(step);
    var active = this.activeSteps();
    var position = active.indexOf(step) + 1;
    this.progress.textContent = fill(t.progress, { step: position, total: active.length });
    if (this.progressLine) this.progressLine.style.width = Math.round(100 * position / active.length) + "%";
    this.backButton.disabled = this.at === 0;
    var last = active[active.length - 1] === step;
    this.nextButton.textContent = last ? t.lastNext : this.nextWord;
    if (focus) {
      this.question.focus({ preventScroll: true });
      if (this.stepper.scrollIntoView) this.stepper.scrollIntoView({ block: "start" });
    }
  };

  Checker.prototype.next = function () {
    var active = this.activeSteps();
    var i = active.indexOf(this.steps[this.at]);
    if (i === active.length - 1) return this.showResult();
    this.showStep(this.steps.indexOf(active[i + 1]), true);
  };

  Checker.prototype.back = function () {
    var active = this.activeSteps();
    var i = active.indexOf(this.steps[this.at]);
    if (i > 0) this.showStep(this.steps.indexOf(active[i - 1]), true);
  };

  /** The result on its own, from the top of the screen; "Change my answers" goes back. */
  Checker.prototype.showResult = function () {
    this.root.classList.add("sc--result");
    if (this.steps) this.form.hidden = true;
    if (this.editButton) this.editButton.hidden = !this.steps;
    if (this.heading.scrollIntoView) this.heading.scrollIntoView({ block: "start" });
    this.heading.focus({ preventScroll: true });
  };

  Checker.prototype.startSteps = function () {
    var self = this;
    this.stepper = this.root.querySelector("[data-sc-stepper]");
    this.nav = this.root.querySelector("[data-sc-nav]");
    if (!this.stepper || !this.nav) return;
    this.question = this.stepper.querySelector("[data-sc-question]");
    this.stepHint = this.stepper.querySelector("[data-sc-step-hint]");
    this.progress = this.stepper.querySelector("[data-sc-progress]");
    this.progressLine = this.stepper.querySelector("[data-sc-progress-line]");
    this.backButton = this.nav.querySelector("[data-sc-back]");
    this.nextButton = this.nav.querySelector("[data-sc-next]");
    this.editButton = this.root.querySelector("[data-sc-edit]");
    this.nextWord = this.nextButton.textContent;
    this.steps = this.buildSteps();
    if (!this.steps.length) { this.steps = null; return; }
    this.root.classList.add("sc--steps");
    this.stepper.hidden = false;
    this.nav.hidden = false;
    if (this.bar) this.bar.hidden = false; // one question at a time: the way to the result always shows
    this.steps = this.fitSteps(this.steps);
    // A phone turned on its side, or a window made narrower: cut the questions again, staying at
    // the answers on screen (a change of height alone, such as a phone's address bar, does not).
    var width = root.innerWidth;
    var timer = null;
    root.addEventListener("resize", function () {
      if (root.innerWidth === width || !self.steps) return;
      width = root.innerWidth;
      root.clearTimeout(timer);
      timer = root.setTimeout(function () {
        var here = self.steps[self.at].options[0];
        self.steps = self.fitSteps(self.buildSteps());
        var at = 0;
        self.steps.forEach(function (s, i) { if (s.options.indexOf(here) !== -1) at = i; });
        if (self.form.hidden) self.at = at; else self.showStep(at, false);
      }, 200);
    });
    this.backButton.addEventListener("click", function () { self.back(); });
    this.nextButton.addEventListener("click", function () { self.next(); });
    if (this.editButton) this.editButton.addEventListener("click", function () { self.showStep(self.at, true); });
    // Ticking can make later questions matter, or not: keep the progress line true.
    this.form.addEventListener("change", function () { if (!self.form.hidden) self.showStep(self.at, false); });
    this.showStep(0, false);
  };

  // ------------------------------------------------------------------ print or save my answers
  // One sheet for the reader to take to an appointment: the answers, what to do and how soon,
  // what it may be, the date and the page's address. It is made in the page, put under <body>
  // only while printing (checker.css prints it alone), and never stored or sent.

  Checker.prototype.printSheet = function () {
    var t = this.text;
    var self = this;
    var data = this.data;
    var ticked = this.tickedIds();
    var labelOf = function (id) {
      var s = (data.symptoms || {})[id];
      if (s) return s.label;
      var sign = self.byId.sign[id];
      return sign ? sign.label : id;
    };
    var sheet = el("div", "sc-print-sheet");
    sheet.setAttribute("data-sc-sheet", "");
    sheet.lang = document.documentElement.lang || "";
    sheet.appendChild(el("h1", null, t.printTitle));
    var when = new Date();
    var date = when.toLocaleDateString(sheet.lang || undefined, { year: "numeric", month: "long", day: "numeric" });
    sheet.appendChild(el("p", "sc-print-sheet__meta", fill(t.printDate, { date: date })));
    var address = root.location ? String(root.location.href).split("#")[0] : "";
    sheet.appendChild(el("p", "sc-print-sheet__meta", fill(t.printAddress, { url: address })));

    var result = outcome(data, ticked);
    sheet.appendChild(el("h2", null, t.printTodo));
    var info = {};
    (data.outcomes || []).forEach(function (o) { if (o.level === result.level) info = o; });
    if (result.level) {
      var todo = el("div", "sc-print-sheet__todo");
      todo.setAttribute("data-level", result.level);
      todo.appendChild(el("p", "sc-print-sheet__heading", info.heading || result.level));
      if (info.action) todo.appendChild(el("p", null, info.action + (info.number ? " " + info.number : "")));
      result.reasons.forEach(function (r) { todo.appendChild(el("p", null, self.reasonText(r))); });
      if (info.advice) todo.appendChild(el("p", null, info.advice));
      sheet.appendChild(todo);
    } else {
      sheet.appendChild(el("p", null, t.printNoAnswers));
    }

    if (result.level && !info.now) { // help now: nothing may suggest waiting
      sheet.appendChild(el("h2", null, t.printMayBe));
      var named = match(data, ticked).slice(0, Math.max(Number(t.showTop) || 3, 1));
      if (named.length) {
        var ul = el("ul", "sc-print-sheet__named");
        named.forEach(function (r) {
          var li = el("li", null, self.nameOf(r.id));
          li.setAttribute("data-condition", r.id);
          ul.appendChild(li);
        });
        sheet.appendChild(ul);
      } else {
        sheet.appendChild(el("p", null, t.noFitTitle));
      }
    }

    sheet.appendChild(el("h2", null, t.printAnswers));
    if (ticked.length) {
      var answers = el("ul", "sc-print-sheet__answers");
      ticked.forEach(function (id) { answers.appendChild(el("li", null, labelOf(id))); });
      sheet.appendChild(answers);
    } else {
      sheet.appendChild(el("p", null, t.printNoAnswers));
    }
    sheet.appendChild(el("p", "sc-print-sheet__bring", t.printBring));
    var disclaimer = this.root.querySelector(".sc-disclaimer");
    if (disclaimer) sheet.appendChild(el("p", "sc-print-sheet__small", disclaimer.textContent));
    sheet.appendChild(el("p", "sc-print-sheet__small", t.printPrivate));
    return sheet;
  };

  /** Put the sheet under <body> and print it alone; take it away afterwards. */
  Checker.prototype.print = function () {
    var old = document.querySelectorAll("[data-sc-sheet]");
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    var sheet = this.printSheet();
    document.body.appendChild(sheet);
    document.documentElement.classList.add("sc-printing");
    var done = function () {
      document.documentElement.classList.remove("sc-printing");
      if (sheet.parentNode) sheet.parentNode.removeChild(sheet);
      root.removeEventListener("afterprint", done);
    };
    root.addEventListener("afterprint", done);
    if (typeof root.print === "function") root.print();
  };

  function initRoot(box) {
    if (box.hasAttribute(READY)) return;
    box.setAttribute(READY, "");
    var data = readJson(box, "script[data-sc-data]");
    var text = readJson(box, "script[data-sc-text]");
    var app = box.querySelector("[data-sc-app]");
    var fallback = box.querySelector("[data-sc-fallback]");
    if (!data || !text || !app || !box.querySelector("[data-sc-form]")) return; // fallback stays
    var checker = new Checker(box, data, text);
    box.symptomChecker = checker;
    app.hidden = false; // shown before it starts: the questions are cut to fit the screen as laid out
    try {
      checker.start(); // may pick up boxes the browser restored on "back"
    } catch (e) {
      app.hidden = true;
      throw e;
    }
    if (fallback) fallback.hidden = true;
    box.setAttribute(READY, "true");
  }

  function init() {
    try {
      var roots = document.querySelectorAll('[data-module="symptom-checker"]');
      for (var i = 0; i < roots.length; i++) {
        try { initRoot(roots[i]); } catch (e) { /* leave the no-JavaScript fallback in place */ }
      }
    } catch (e) { /* never break the rest of the page */ }
  }

  root.SymptomChecker = { outcome: outcome, match: match, selfCareAdvice: selfCareAdvice, init: init };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(typeof window !== "undefined" ? window : null);
