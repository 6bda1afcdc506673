// fazhi pages: small progressive enhancements. Everything works without this file; it only
// adds the CSRF header to htmx requests, confirmation prompts and the back links. No inline
// scripts exist (the Content-Security-Policy forbids them), so behaviour hangs on data-*
// attributes.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  document.addEventListener("htmx:configRequest", function (e) {
    if (meta) { e.detail.headers["X-CSRF-Token"] = meta.content; }
  });
  document.addEventListener("submit", function (e) {
    var msg = e.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) { e.preventDefault(); }
  });
  document.addEventListener("click", function (e) {
    var t = e.target.closest("[data-toggle-nav]");
    if (t) {
      var open = document.body.classList.toggle("nav-open");
      t.setAttribute("aria-expanded", open ? "true" : "false");
      return;
    }
    var a = e.target.closest("[data-back]");
    if (a && window.history.length > 1) { e.preventDefault(); window.history.back(); }
  });
})();
