// "Print" buttons (data-print): shown only where script runs, and open the
// browser's print dialogue; print.css lays the page out for A4.
(function () {
  "use strict";
  function wire() {
    var buttons = document.querySelectorAll("[data-print]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
