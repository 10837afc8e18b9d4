// Cermin: save a review form a few seconds after typing stops.
// The form works without this script (plain "Save draft"); this only adds.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.URLSearchParams) { return; }
  // Not form.action: the form's buttons are named "action" and shadow it.
  var target = form.getAttribute("action") || window.location.pathname;
  var status = form.querySelector("[data-saved-status]");
  var version = form.querySelector("[data-version]");
  var texts = document.documentElement.lang === "en"
    ? { saving: "Saving…", saved: "Saved at {time}", conflict: "This form was changed in another tab or device. Press “Save draft” to see both versions; nothing you typed is lost.", ended: "Your session has ended. What you typed has been kept and is saved when you sign in again.", signIn: "Sign in", failed: "Could not save just now. We will try again; you can also press “Save draft”." }
    : { saving: "Menyimpan…", saved: "Tersimpan pukul {time}", conflict: "Formulir ini diubah di tab atau perangkat lain. Tekan “Simpan draf” untuk melihat kedua versi; tidak ada ketikan Anda yang hilang.", ended: "Sesi Anda berakhir. Ketikan Anda sudah kami simpan dan masuk ke formulir setelah Anda masuk lagi.", signIn: "Masuk", failed: "Belum bisa menyimpan. Kami akan mencoba lagi; Anda juga bisa menekan “Simpan draf”." };
  var timer = null;
  var busy = false;
  var again = false;
  var stopped = false;
  var DELAY = 2500;

  function say(text) { if (status) { status.textContent = text; } }

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
        say(texts.ended + " ");
        if (status) {
          var link = document.createElement("a");
          link.href = "/sign-in?ended=1&next=" + encodeURIComponent(window.location.pathname);
          link.textContent = texts.signIn;
          status.appendChild(link);
        }
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

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  // A plain submit (Save draft, Continue, a row button) must not race an autosave.
  form.addEventListener("submit", function () { stopped = true; if (timer) { clearTimeout(timer); } });
})();
