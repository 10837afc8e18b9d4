// Cermin: save a review form a few seconds after typing stops.
// The form works without this script (plain "Save draft"); this only adds.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.URLSearchParams) { return; }
  // Not form.action: the form's buttons are named "action" and shadow it.
  var target = form.getAttribute("action") || window.location.pathname;
  // Every section's save bar has a status; one hidden live region speaks.
  var statuses = form.querySelectorAll("[data-saved-status]");
  var savedAt = form.querySelectorAll("[data-saved-at]");
  var announce = form.querySelector("[data-saved-announce]");
  var returnTo = form.querySelector("[data-return-to]");
  var version = form.querySelector("[data-version]");
  var texts = document.documentElement.lang === "en"
    ? { saving: "Saving…", saved: "Saved at {time}", conflict: "This form was changed in another tab or device. Press “Save draft” to see both versions; nothing you typed is lost.", ended: "Your session has ended. What you typed has been kept and is saved when you sign in again.", signIn: "Sign in", failed: "Could not save just now. We will try again; you can also press “Save draft”." }
    : { saving: "Menyimpan…", saved: "Tersimpan pukul {time}", conflict: "Formulir ini diubah di tab atau perangkat lain. Tekan “Simpan draf” untuk melihat kedua versi; tidak ada ketikan Anda yang hilang.", ended: "Sesi Anda berakhir. Ketikan Anda sudah kami simpan dan masuk ke formulir setelah Anda masuk lagi.", signIn: "Masuk", failed: "Belum bisa menyimpan. Kami akan mencoba lagi; Anda juga bisa menekan “Simpan draf”." };
  var timer = null;
  var busy = false;
  var again = false;
  var stopped = false;
  var DELAY = 2500;

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function say(text, link) {
    each(savedAt, function (el) { el.textContent = ""; });
    each(statuses, function (el) {
      el.textContent = text;
      if (link) {
        var a = document.createElement("a");
        a.href = link.href;
        a.textContent = link.text;
        el.appendChild(a);
      }
    });
    if (announce) { announce.textContent = text; }
  }

  function save() {
    if (stopped) { return; }
    if (busy) { again = true; return; }
    busy = true;
    say(texts.saving);
    var body = new URLSearchParams(new FormData(form));
    body.set("action", "save");
    var token = body.get("csrf_token") || "";
    fetch(target, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": token },
      body: body.toString()
    }).then(function (res) {
      var type = res.headers.get("Content-Type") || "";
      if (res.redirected && res.url.indexOf("/sign-in") !== -1) {
        // The session ended: the server kept the form and sent us to sign in.
        stopped = true;
        say(texts.ended + " ", {
          href: "/sign-in?ended=1&next=" + encodeURIComponent(window.location.pathname),
          text: texts.signIn
        });
        return null;
      }
      if (type.indexOf("application/json") === -1) {
        say(texts.failed);
        return null;
      }
      return res.json().then(function (data) {
        if (res.status === 409) { stopped = true; say(texts.conflict); return; }
        if (!res.ok) { say(texts.failed); return; }
        if (version && data.version !== undefined) { version.value = data.version; }
        say(texts.saved.replace("{time}", data.saved_at));
      });
    }).catch(function () {
      say(texts.failed);
    }).then(function () {
      busy = false;
      if (again) { again = false; schedule(); }
    });
  }

  function schedule() {
    if (stopped) { return; }
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, DELAY);
  }

  // The section list and each section's mark follow what is typed. The
  // rule is the server's (domain::review::is_answered, SectionStatus).
  var nav = document.querySelector("[data-progress]");
  function answered(q) {
    var kind = q.getAttribute("data-question");
    var filled = function (el) { return el.value.trim() !== ""; };
    var kept = function (el) {
      var del = form.querySelector("[name='" + el.name.replace(/_(body|title)$/, "_delete") + "']");
      return !(del && del.checked);
    };
    if (kind === "rating" || kind === "competency_rating") {
      return !!q.querySelector("input[type=radio][name^='r_']:checked");
    }
    if (kind === "text") {
      return Array.prototype.some.call(q.querySelectorAll("textarea[name^='b_']"), filled);
    }
    if (kind === "strengths" || kind === "weaknesses") {
      var bodies = q.querySelectorAll("textarea[name^='t_'][name$='_body'], textarea[name^='new_'][name$='_body']");
      var replies = q.querySelectorAll("input[type=radio][name$='_stance']:checked, textarea[name$='_reply']");
      return Array.prototype.some.call(bodies, function (el) { return filled(el) && kept(el); }) ||
        Array.prototype.some.call(replies, function (el) { return el.value.trim() !== ""; });
    }
    if (kind === "goals") {
      return Array.prototype.some.call(q.querySelectorAll("input[name$='_title']"), function (el) {
        return filled(el) && kept(el);
      });
    }
    return false;
  }
  function progress() {
    if (!nav) { return; }
    var done = 0;
    var total = 0;
    each(form.querySelectorAll("[data-section]"), function (section) {
      var questions = section.querySelectorAll("[data-question]");
      if (!questions.length) { return; }
      var any = false, required = false, missing = false;
      each(questions, function (q) {
        var a = answered(q);
        var r = q.hasAttribute("data-required");
        any = any || a;
        required = required || r;
        missing = missing || (r && !a);
      });
      var st = any ? (missing ? "in_progress" : "done") : (required ? "not_started" : "optional");
      total += 1;
      if (st === "done") { done += 1; }
      each(document.querySelectorAll("[data-section-tag='" + section.getAttribute("data-section") + "']"), function (tag) {
        tag.textContent = nav.getAttribute("data-status-" + st);
        tag.className = "tag " + (st === "done" ? "tag--green" : st === "in_progress" ? "tag--blue" : "tag--grey");
      });
    });
    var text = nav.querySelector("[data-progress-text]");
    var template = nav.getAttribute("data-progress-template");
    if (text && template) {
      text.textContent = template.replace("%d", String(done)).replace("%t", String(total));
    }
  }

  // Where the person is working: a plain "Save draft" comes back there.
  form.addEventListener("focusin", function (e) {
    if (!returnTo || !e.target.closest || e.target.type === "submit") { return; }
    var place = e.target.closest("[data-question], [data-section]");
    if (place && place.id) { returnTo.value = place.id; }
  });

  // A section's "Save draft" returns to the question worked on only if that
  // question is in its section; otherwise to the section (or the end).
  each(form.querySelectorAll("[data-save-draft]"), function (button) {
    button.addEventListener("click", function () {
      if (!returnTo || !returnTo.value) { return; }
      var section = button.closest("[data-section]");
      var place = document.getElementById(returnTo.value);
      if (!section || !place || !section.contains(place)) { returnTo.value = ""; }
    });
  });

  // Enter (or "Go" on a phone's keyboard) in a one-line field would submit
  // the form: save in place instead, and stay where the person is.
  form.addEventListener("keydown", function (e) {
    var el = e.target;
    if (e.key !== "Enter" || el.tagName !== "INPUT") { return; }
    if (/^(submit|button|image|reset)$/.test(el.type)) { return; }
    e.preventDefault();
    if (timer) { clearTimeout(timer); }
    save();
  });

  form.addEventListener("input", function () { schedule(); progress(); });
  form.addEventListener("change", function () { schedule(); progress(); });
  // A plain submit (Save draft, Continue, a row button) must not race an autosave.
  form.addEventListener("submit", function () { stopped = true; if (timer) { clearTimeout(timer); } });
})();
