// The header's menus (HR's group on wide screens, the phone's Menu) are
// <details> elements: they open and close without this script. It only
// adds what a dropdown is expected to do: Escape closes an open menu and
// puts the focus back on its button, and a click or focus elsewhere on the
// page closes it.
(function () {
  "use strict";
  var menus = Array.prototype.slice.call(document.querySelectorAll("details[data-menu]"));
  if (!menus.length) { return; }

  function closeAll(except) {
    menus.forEach(function (m) {
      if (m !== except && m.open) { m.open = false; }
    });
  }

  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    menus.forEach(function (m) {
      if (m.open && m.contains(document.activeElement)) {
        m.open = false;
        var summary = m.querySelector("summary");
        if (summary) { summary.focus(); }
      }
    });
  });

  function outside(e) {
    var inside = menus.filter(function (m) { return m.contains(e.target); });
    closeAll(inside[0]);
  }
  document.addEventListener("click", outside);
  document.addEventListener("focusin", outside);
})();
