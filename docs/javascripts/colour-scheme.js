/*
 * The colour-scheme switch (overrides/partials/palette.html): the page follows the reader's system
 * setting until they choose a scheme with the header button; the choice is kept in this browser
 * only (localStorage). Loaded right after the button, before the page's content, so the content
 * never shows in the other scheme first. The schemes, their colours and the button's names come
 * from the button's data (mkdocs.yml's palette, in the page's language).
 */
(function () {
  "use strict";

  var KEY = "kb-colour-scheme";
  var body = document.body;
  var button = document.querySelector("[data-kb-scheme-switch]");
  if (!button) return;
  var options = Array.prototype.slice.call(button.querySelectorAll("[data-scheme]"));
  if (!options.length) return;
  var current = 0;

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function remember(scheme) {
    try { localStorage.setItem(KEY, scheme); } catch (e) { /* storage blocked: the choice lasts this page */ }
  }
  function chosen() {  // the index of the stored scheme, or -1
    var scheme = stored();
    for (var i = 0; i < options.length; i++) if (options[i].getAttribute("data-scheme") === scheme) return i;
    return -1;
  }
  function system() {  // the first scheme whose media query matches, else the first
    for (var i = 0; i < options.length; i++) {
      var media = options[i].getAttribute("data-media");
      if (media && window.matchMedia(media).matches) return i;
    }
    return 0;
  }
  function colorSchemeMeta() {  // the browser's own parts (scrollbars) follow the scheme's CSS
    var meta = document.querySelector('meta[name="color-scheme"]');
    if (!meta) { meta = document.createElement("meta"); meta.name = "color-scheme"; document.head.appendChild(meta); }
    meta.content = window.getComputedStyle(body).colorScheme || "normal";
  }

  function apply(index) {
    current = index;
    var option = options[index];
    ["scheme", "primary", "accent"].forEach(function (key) {
      body.setAttribute("data-md-color-" + key, option.getAttribute("data-" + key));
    });
    options.forEach(function (each, i) { each.hidden = i !== index; });
    var name = option.getAttribute("data-name");
    button.setAttribute("aria-label", name);
    button.title = name;
    window.requestAnimationFrame(colorSchemeMeta);  // read with the next layout, not here
  }

  var start = chosen();
  apply(start >= 0 ? start : system());
  button.hidden = false;
  button.addEventListener("click", function () {
    var next = (current + 1) % options.length;
    apply(next);
    remember(options[next].getAttribute("data-scheme"));
  });
  options.forEach(function (option) {  // a change of the system setting, while nothing is chosen
    var media = option.getAttribute("data-media");
    if (!media) return;
    var query = window.matchMedia(media);
    var follow = function () { if (chosen() < 0) apply(system()); };
    if (query.addEventListener) query.addEventListener("change", follow);
    else if (query.addListener) query.addListener(follow);
  });
})();
