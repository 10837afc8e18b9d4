// The "Print" button on a review: shown only where this script runs (the
// browser's own print command works everywhere, with the same result), and
// it opens the print dialog. The print stylesheet leaves navigation, forms
// and buttons off the paper.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-print]");
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
