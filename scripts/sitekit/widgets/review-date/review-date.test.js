// The review date's pure functions (review-date.js, beside this file) under Node's own test
// runner: `node --test scripts/sitekit/widgets/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { localDay, isOverdue } = require(path.join(__dirname, "review-date.js"));

test("a page is overdue only from the day after its review date", () => {
  assert.equal(isOverdue("2030-01-31", "2030-01-30"), false);
  assert.equal(isOverdue("2030-01-31", "2030-01-31"), false);
  assert.equal(isOverdue("2030-01-31", "2030-02-01"), true);
  assert.equal(isOverdue("2030-12-31", "2031-01-01"), true);
});

test("a missing or malformed date never shows the notice", () => {
  for (const value of [null, "", "soon", "2030-1-5", "31/01/2030"]) {
    assert.equal(isOverdue(value, "2099-01-01"), false, String(value));
  }
});

test("today is the reader's calendar day, written YYYY-MM-DD", () => {
  assert.equal(localDay(new Date(2031, 0, 5, 23, 59)), "2031-01-05");
  assert.equal(localDay(new Date(2031, 11, 31, 0, 0)), "2031-12-31");
});
