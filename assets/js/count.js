// A character count under every text box that has a limit (maxlength): the
// server enforces the same limit and says so beside the field; this only
// lets the person see it coming. The text comes from the page, in the
// reader's language ("%n of %max characters").
(function () {
  "use strict";
  var template = document.body.getAttribute("data-count-text");
  if (!template) { return; }
  var locale = document.documentElement.lang || undefined;
  var boxes = document.querySelectorAll("textarea[maxlength]");
  Array.prototype.forEach.call(boxes, function (box, i) {
    var max = parseInt(box.getAttribute("maxlength"), 10);
    if (!max) { return; }
    var shown = document.createElement("p");
    shown.className = "hint count";
    shown.setAttribute("aria-hidden", "true");
    var spoken = document.createElement("p");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    spoken.id = (box.id || "box-" + i) + "-count";
    box.insertAdjacentElement("afterend", shown);
    shown.insertAdjacentElement("afterend", spoken);
    var timer = null;
    function text() {
      return template
        .replace("%n", box.value.length.toLocaleString(locale))
        .replace("%max", max.toLocaleString(locale));
    }
    function update() {
      shown.textContent = text();
      shown.classList.toggle("count--near", box.value.length > max * 0.9);
      // Screen readers hear the count once typing pauses, not every key.
      clearTimeout(timer);
      timer = setTimeout(function () { spoken.textContent = text(); }, 1000);
    }
    box.addEventListener("input", update);
    shown.textContent = text();
  });
})();
