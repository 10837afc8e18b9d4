// Following a link to a question (an error summary's link, a "Change"
// link on the check page) puts the cursor in its field, not just the page
// at its place: a keyboard or screen-reader user can answer at once.
// Without this script the link still scrolls to the question.
(function () {
  "use strict";
  function first(scope, css) { return scope.querySelector(css); }

  // The field to focus for a link's target: the field itself, or the one a
  // question container marks (data-focus-field), its chosen radio, or its
  // first field.
  function fieldFor(target) {
    if (!target || !target.matches) { return null; }
    if (target.matches("input, textarea, select")) { return target; }
    if (!target.matches("[data-question], .form-group, fieldset")) { return null; }
    return first(target, "[data-focus-field]") ||
      first(target, "input[type=radio]:checked") ||
      first(target, "input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled])");
  }

  function focusTarget(id) {
    var target = id ? document.getElementById(id) : null;
    var field = fieldFor(target);
    if (!field) { return false; }
    // Show the question or label above the field, then put the cursor in it.
    var label = field.id ? document.querySelector("label[for='" + field.id + "']") : null;
    var fieldset = field.closest ? field.closest("fieldset") : null;
    var legend = fieldset ? first(fieldset, "legend") : null;
    var top = target !== field ? target : (legend || label || field);
    top.scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
    return true;
  }

  function idOf(hash) {
    if (!hash || hash.length < 2) { return ""; }
    try { return decodeURIComponent(hash.slice(1)); } catch (e) { return ""; }
  }

  // Arriving with a #fragment from another page. The browser applies the
  // fragment after the page has loaded, and clears focus when its target is
  // not itself a field: so focus once that is done.
  if (window.location.hash) {
    window.addEventListener("load", function () {
      window.setTimeout(function () { focusTarget(idOf(window.location.hash)); }, 0);
    });
  }

  // An error summary's link on the same page.
  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("[data-error-summary] a[href*='#']") : null;
    if (!link || link.pathname !== window.location.pathname) { return; }
    if (focusTarget(idOf(link.hash))) {
      e.preventDefault();
      if (window.history && window.history.pushState) { window.history.pushState(null, "", link.hash); }
    }
  });
})();
