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
  // A multi-org picker (data-add-to): choosing a suggestion adds it as a ticked box to the
  // list named by data-add-to and clears the input; without this file the typed org is added
  // on submit.
  document.addEventListener("change", function (e) {
    var input = e.target.closest("input[data-add-to]");
    if (!input || !input.list) { return; }
    var chosen = Array.prototype.find.call(input.list.options, function (o) { return o.value === input.value; });
    var box = document.getElementById(input.getAttribute("data-add-to"));
    if (!chosen || !box) { return; }
    var label = document.createElement("label"), check = document.createElement("input");
    label.className = "check";
    check.type = "checkbox";
    check.name = input.getAttribute("data-add-name");
    check.value = chosen.value;
    check.checked = true;
    label.appendChild(check);
    label.appendChild(document.createTextNode(" " + (chosen.label || chosen.value)));
    box.appendChild(label);
    input.value = "";
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
