// The symptom checker's pure functions (symptom-checker.js, beside this file) under Node's own
// test runner: `node --test scripts/sitekit/widgets/`. Small hand-made data, not the live knowledge file; the
// expected answers are worked out by hand from the definitions in the contract (matching).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { outcome, match } = require(path.join(__dirname, "symptom-checker.js"));

const clone = (value) => JSON.parse(JSON.stringify(value));
const ids = (named) => named.map((r) => r.id);

// Symptoms a..f; "x" is a symptom no condition rates. Weights as the site uses them.
const DATA = {
  matching: { weights: { typical: 2, possible: 1, unusual: -2 }, min_typical: 2, min_share: 0.5 },
  symptoms: Object.fromEntries(["a", "b", "c", "d", "e", "f", "x"].map((id) => [id, { label: id.toUpperCase() }])),
  outcomes: [{ level: "emergency" }, { level: "urgent" }, { level: "see-doctor" }, { level: "self-care" }],
  warningSigns: [
    { id: "red", level: "emergency" },
    { id: "red2", level: "emergency" },
    { id: "amber", level: "urgent" },
    { id: "blue", level: "see-doctor" },
  ],
  outcomeRules: [
    { id: "a-and-b", level: "see-doctor", when: { all: ["a", "b"] } },
    { id: "e-or-f", level: "urgent", when: { any: ["e", "f"] } },
  ],
  conditions: [
    // 3 typical (a, b, c)
    // `distinguishing`: each typical feature sets it apart here, so the tests of the overall fit
    // below see the other gates; the gates of distinguishing and against have their own tests.
    { id: "nerve", distinguishing: ["a", "b", "c"], features: { a: { fit: "typical", why: "na" }, b: { fit: "typical" }, c: { fit: "typical" },
      d: { fit: "unusual", why: "nd" } } },
    // 2 typical (a, b): a smaller condition
    { id: "knee", distinguishing: ["a", "b"], features: { a: { fit: "typical" }, b: { fit: "typical" }, d: { fit: "possible" } } },
    // 4 typical (a, b, c, d)
    { id: "broad", distinguishing: ["a", "b", "c", "d"], features: { a: { fit: "typical" }, b: { fit: "typical" }, c: { fit: "typical" },
      d: { fit: "typical" }, e: { fit: "possible" } } },
  ],
};

// ------------------------------------------------------------------ outcome

test("nothing ticked: no outcome", () => {
  assert.deepEqual(outcome(DATA, []), { level: null, reasons: [] });
  assert.deepEqual(outcome(DATA, ["not-an-id"]), { level: null, reasons: [] });
});

test("a symptom alone: look after yourself at home", () => {
  assert.deepEqual(outcome(DATA, ["a"]), { level: "self-care", reasons: [] });
  assert.deepEqual(outcome(DATA, ["x"]), { level: "self-care", reasons: [] });
});

test("the most serious ticked sign wins, and names only the signs of that level", () => {
  assert.deepEqual(outcome(DATA, ["amber", "a", "red", "blue"]),
    { level: "emergency", reasons: [{ kind: "sign", id: "red" }] });
  assert.deepEqual(outcome(DATA, ["red2", "red"]).reasons,
    [{ kind: "sign", id: "red" }, { kind: "sign", id: "red2" }]);
  assert.equal(outcome(DATA, ["blue"]).level, "see-doctor");
  assert.equal(outcome(DATA, ["amber", "blue"]).level, "urgent");
});

test("the order of levels comes from data.outcomes", () => {
  const data = clone(DATA);
  data.outcomes.reverse(); // self-care now outranks everything
  assert.equal(outcome(data, ["red", "blue"]).level, "see-doctor");
});

test("a level the script has never heard of ranks by its place in data.outcomes", () => {
  const data = clone(DATA);
  data.outcomes.splice(1, 0, { level: "go-now" });
  data.warningSigns.push({ id: "green", level: "go-now" });
  assert.deepEqual(outcome(data, ["amber", "green"]), { level: "go-now", reasons: [{ kind: "sign", id: "green" }] });
  assert.equal(outcome(data, ["red", "green"]).level, "emergency");
});

test("a symptom alone gives the last level of data.outcomes, whatever its name", () => {
  const data = clone(DATA);
  data.outcomes.push({ level: "home" });
  assert.equal(outcome(data, ["a"]).level, "home");
});

test("rules: `all` needs every id, `any` needs one", () => {
  assert.deepEqual(outcome(DATA, ["a"]).level, "self-care");
  assert.deepEqual(outcome(DATA, ["a", "b"]), { level: "see-doctor", reasons: [{ kind: "rule", id: "a-and-b" }] });
  assert.deepEqual(outcome(DATA, ["f"]), { level: "urgent", reasons: [{ kind: "rule", id: "e-or-f" }] });
});

test("a sign and a rule of the same level are both reasons, signs first", () => {
  assert.deepEqual(outcome(DATA, ["e", "amber"]).reasons,
    [{ kind: "sign", id: "amber" }, { kind: "rule", id: "e-or-f" }]);
});

test("a rule never lowers a sign's level", () => {
  assert.equal(outcome(DATA, ["red", "e", "a", "b"]).level, "emergency");
});

test("a rule with an empty `when` is never met", () => {
  const data = clone(DATA);
  data.outcomeRules.push({ id: "empty", level: "urgent", when: {} }, { id: "empty-all", level: "urgent", when: { all: [] } });
  assert.equal(outcome(data, ["a"]).level, "self-care");
});

// ------------------------------------------------------------------ match

test("one typical feature is not enough to name anything (min_typical = 2)", () => {
  assert.deepEqual(match(DATA, ["a"]), []);
});

test("share is normalised: a condition that rates more symptoms is not favoured", () => {
  // a, b: knee 4/4 = 1, coverage 2/2; nerve 4/4, coverage 2/3; broad 4/4, coverage 2/4
  const named = match(DATA, ["a", "b"]);
  assert.deepEqual(ids(named), ["knee", "nerve", "broad"]);
  assert.deepEqual(named.map((r) => [r.share, r.coverage, r.place]), [[1, 1, 1], [1, 2 / 3, 2], [1, 0.5, 3]]);
});

test("scores, fits and misfits", () => {
  const nerve = match(DATA, ["a", "b", "c", "x"]).find((r) => r.id === "nerve");
  assert.equal(nerve.score, 6);
  assert.equal(nerve.share, 1); // x is rated by no condition, so it does not count in the share
  assert.deepEqual(nerve.fits.map((f) => [f.id, f.fit, f.why]), [["a", "typical", "na"], ["b", "typical", ""], ["c", "typical", ""]]);
  const withMisfit = match(DATA, ["a", "b", "c", "d"]);
  // nerve: 2+2+2-2 = 4 / 8 = 0.5 (still named); knee: 2+2+1 = 5/8; broad 8/8
  assert.deepEqual(ids(withMisfit), ["broad", "knee", "nerve"]);
  assert.deepEqual(withMisfit[2].misfits.map((m) => [m.id, m.why]), [["d", "nd"]]);
});

test("below min_share is not named; at min_share is", () => {
  // a..f ticked; f is rated by no condition, so rated = a..e (5) and the most is 10.
  // broad: 2*4 + 1 = 9/10; knee: 2+2+1 = 5/10 (exactly min_share); nerve: 6-2 = 4/10
  const all = ["a", "b", "c", "d", "e", "f"];
  assert.deepEqual(ids(match(DATA, all)), ["broad", "knee"]);
  assert.deepEqual(match(DATA, all).map((r) => r.share), [0.9, 0.5]);
  const data = clone(DATA);
  data.matching.min_share = 0.51;
  assert.deepEqual(ids(match(data, all)), ["broad"]);
  data.matching.min_share = 0.91;
  assert.deepEqual(ids(match(data, all)), []);
});

test("thresholds come from the data", () => {
  const data = clone(DATA);
  data.matching.min_typical = 1;
  assert.deepEqual(ids(match(data, ["c"])), ["nerve", "broad"]); // share 1 both; coverage 1/3 > 1/4
  data.matching.min_typical = 3;
  assert.deepEqual(ids(match(data, ["a", "b"])), []);
});

test("as many misfits as fits is not named, even with a high enough share", () => {
  const data = clone(DATA);
  data.matching.weights.unusual = 0;
  data.matching.min_typical = 2;
  data.conditions.push({ id: "split", distinguishing: ["a"], features: { a: { fit: "typical" }, b: { fit: "typical" },
    e: { fit: "unusual" }, f: { fit: "unusual" } } });
  // split: fits a, b; misfits e, f; score 4 / (2*4) = .5 = min_share, but 2 fits = 2 misfits
  assert.ok(!ids(match(data, ["a", "b", "e", "f"])).includes("split"));
  data.conditions[3].features.f = { fit: "possible" };
  assert.ok(ids(match(data, ["a", "b", "e", "f"])).includes("split"));
});

test("equal share and coverage is a tie: same place, flagged, not broken by file order", () => {
  const data = clone(DATA);
  data.conditions.push({ id: "also-knee", distinguishing: ["a"], features: { a: { fit: "typical" }, b: { fit: "typical" } } });
  const named = match(data, ["a", "b"]);
  assert.deepEqual(named.slice(0, 2).map((r) => [r.id, r.place, r.tied]), [["also-knee", 1, true], ["knee", 1, true]]);
  assert.deepEqual(named.slice(2).map((r) => [r.id, r.place, r.tied]), [["nerve", 3, false], ["broad", 4, false]]);
  data.conditions.reverse();
  assert.deepEqual(match(data, ["a", "b"]), named);
});

test("ticking twice counts once; warning signs and unknown ids are not symptoms", () => {
  assert.deepEqual(match(DATA, ["a", "a", "b", "red", "nope"]), match(DATA, ["a", "b"]));
  assert.deepEqual(match(DATA, []), []);
  assert.deepEqual(match(DATA, ["red", "amber"]), []);
});

test("a ticked sign that hides conditions names nothing; other signs do not", () => {
  const data = clone(DATA);
  data.warningSigns.push({ id: "clot", level: "urgent", hidesConditions: true });
  assert.ok(match(data, ["a", "b"]).length > 0);
  assert.deepEqual(match(data, ["a", "b", "clot"]), []);
  assert.deepEqual(ids(match(data, ["a", "b", "amber"])), ids(match(data, ["a", "b"])));
});

test("missing or broken data gives no names and does not throw", () => {
  assert.deepEqual(match({}, ["a"]), []);
  assert.deepEqual(match(null, ["a"]), []);
  assert.deepEqual(outcome(null, ["a"]), { level: null, reasons: [] });
});

// ------------------------------------------------------------------ what sets a condition apart

// "shared" and "older" fit both conditions typically but set neither apart.
const APART = {
  matching: { weights: { typical: 2, possible: 1, unusual: -2 }, min_typical: 1, min_share: 0.25 },
  symptoms: Object.fromEntries(["shared", "older", "lump", "walk", "cough", "calf"].map((id) => [id, { label: id }])),
  outcomes: [{ level: "emergency" }, { level: "urgent" }, { level: "see-doctor" }, { level: "self-care" }],
  conditions: [
    { id: "cyst", distinguishing: ["lump"], features: { lump: { fit: "typical" }, shared: { fit: "typical" },
      older: { fit: "typical" } } },
    { id: "root", distinguishing: [["cough", "calf"]], against: ["walk"],
      features: { cough: { fit: "typical" }, calf: { fit: "typical" }, shared: { fit: "typical" }, older: { fit: "typical" } } },
    { id: "never", distinguishing: [], features: { shared: { fit: "typical" }, older: { fit: "typical" } } },
  ],
};

test("answers many conditions share never name one on their own", () => {
  assert.deepEqual(match(APART, ["shared"]), []);
  assert.deepEqual(match(APART, ["shared", "older"]), []);
});

test("a distinguishing answer names its condition, and says which answer did", () => {
  const named = match(APART, ["lump", "shared", "older"]);
  assert.deepEqual(ids(named), ["cyst"]);
  assert.deepEqual(named[0].because, ["lump"]);
});

test("a distinguishing entry of several answers needs all of them", () => {
  assert.deepEqual(match(APART, ["cough", "shared"]), []);
  assert.deepEqual(ids(match(APART, ["cough", "calf", "shared"])), ["root"]);
  assert.deepEqual(match(APART, ["cough", "calf"])[0].because, ["cough", "calf"]);
});

test("an answer against a condition keeps it from being named", () => {
  assert.deepEqual(match(APART, ["cough", "calf", "walk"]), []);
  assert.deepEqual(ids(match(APART, ["cough", "calf", "walk", "lump"])), ["cyst"]);
});

test("a condition with nothing that sets it apart is never named", () => {
  assert.ok(!ids(match(APART, ["shared", "older", "lump", "cough", "calf"])).includes("never"));
});

test("no distinguishing list at all: never named", () => {
  const data = clone(APART);
  delete data.conditions[0].distinguishing;
  assert.deepEqual(match(data, ["lump", "shared"]), []);
});

test("a met outcome rule that hides conditions names nothing", () => {
  const data = clone(APART);
  data.outcomeRules = [{ id: "swollen", level: "urgent", when: { any: ["calf"] }, hidesConditions: true }];
  assert.deepEqual(match(data, ["lump", "calf"]), []);
  assert.deepEqual(ids(match(data, ["lump"])), ["cyst"]);
});

// ------------------------------------------------------------------ selfCareAdvice

test("home care that fits: the first advice whose `when` is met, else null", () => {
  const data = { selfCareAdvice: [
    { id: "injury", when: { any: ["e"] }, advice: "Rest and ice" },
    { id: "both", when: { all: ["a", "b"] }, advice: "Other" },
  ] };
  const { selfCareAdvice } = require(path.join(__dirname, "symptom-checker.js"));
  assert.equal(selfCareAdvice(data, ["e", "a", "b"]).id, "injury");
  assert.equal(selfCareAdvice(data, ["a", "b"]).id, "both");
  assert.equal(selfCareAdvice(data, ["a"]), null);
  assert.equal(selfCareAdvice({}, ["e"]), null);
  assert.equal(selfCareAdvice(null, ["e"]), null);
});

test("home care for a condition: only when the checker names it first, on its own", () => {
  const { selfCareAdvice } = require(path.join(__dirname, "symptom-checker.js"));
  const data = {
    matching: { weights: { typical: 2, possible: 1, unusual: -2 }, min_typical: 1, min_share: 0.25 },
    symptoms: { a: {}, b: {}, c: {}, e: {} },
    conditions: [
      { id: "knee", distinguishing: [["a"]], features: { a: { fit: "typical" }, b: { fit: "typical" } } },
      { id: "back", distinguishing: [["c"]], features: { c: { fit: "typical" } } },
    ],
    selfCareAdvice: [
      { id: "injury", when: { any: ["e"] }, advice: "Rest and ice" },
      { id: "knee-care", when: { condition: "knee" }, advice: "Knee care" },
    ],
  };
  assert.equal(selfCareAdvice(data, ["a", "b"]).id, "knee-care");
  assert.equal(selfCareAdvice(data, ["a", "e"]).id, "injury"); // the first that fits
  assert.equal(selfCareAdvice(data, ["c"]), null); // named, but no advice of its own
  assert.equal(selfCareAdvice(data, ["b"]), null); // not named: nothing sets it apart
  assert.equal(selfCareAdvice(data, ["a", "c"]), null); // a tie: neither is first on its own
});
