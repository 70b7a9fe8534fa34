// Says on the page itself when its next review date has passed: a site nobody rebuilds still
// tells its readers that the page may be out of date. Reads the date the build wrote on the
// page's review box (data-next-review, YYYY-MM-DD) and shows the notice the build wrote beside
// it (hidden until then), moved under the page's title. No network; without JavaScript the
// review dates still show and nothing breaks.
(function () {
  "use strict";

  // A date as YYYY-MM-DD in the reader's own time zone (the day on their calendar).
  function localDay(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }

  // True once the day after the review date has begun (the build warns on the same rule).
  function isOverdue(nextReview, today) {
    return /^\d{4}-\d{2}-\d{2}$/.test(nextReview || "") && today > nextReview;
  }

  if (typeof document === "undefined") {  // under Node's test runner
    module.exports = { localDay, isOverdue };
    return;
  }

  function show() {
    const box = document.querySelector("[data-next-review]");
    const notice = document.querySelector("[data-kb-review-overdue]");
    if (!box || !notice || !isOverdue(box.getAttribute("data-next-review"), localDay(new Date()))) return;
    const title = document.querySelector("[data-kb-page-content] h1");
    if (title) title.after(notice);
    notice.hidden = false;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
