/* The packet builder: shows the form (hidden without JavaScript), shows on paper only the pieces
   ticked and the note, and prints. Everything is already in the page: nothing is fetched, stored
   or sent. The note is shown as text (textContent), never as markup. */
(function () {
  "use strict";
  var form = document.querySelector("[data-kb-packet]");
  var paper = document.querySelector("[data-kb-packet-paper]");
  if (!form || !paper) { return; }
  var note = form.querySelector("textarea");
  var status = form.querySelector("[data-kb-packet-status]");
  var notePiece = paper.querySelector("[data-kb-packet-note-piece]");
  var noteText = paper.querySelector("[data-kb-packet-note]");
  var root = document.documentElement;

  function sync() {
    var chosen = 0;
    Array.prototype.forEach.call(form.querySelectorAll("input[name=piece]"), function (box) {
      var piece = paper.querySelector('[data-kb-piece="' + box.value + '"]');
      if (piece) {
        piece.hidden = !box.checked;
        if (box.checked) { chosen += 1; }
      }
    });
    var text = note.value.trim();
    noteText.textContent = text;
    notePiece.hidden = !text;
    root.classList.toggle("kb-packet-printing", chosen > 0);
    return chosen;
  }

  form.hidden = false;
  paper.hidden = false;  /* packet.css keeps it off the screen; it prints once something is ticked */
  form.addEventListener("change", sync);
  note.addEventListener("input", sync);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!sync()) {
      status.textContent = status.getAttribute("data-none");
      return;
    }
    status.textContent = "";
    window.print();
  });
  window.addEventListener("beforeprint", sync);
  sync();
}());
