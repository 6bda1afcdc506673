// The annual report workbench: one convenience for the check list. Accepting several figures
// that cannot be computed usually has one reason ("本年度无此项业务"); the button copies the first
// reason typed into the reason fields still empty. Everything works without this file.
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var btn = e.target.closest("[data-fill-reasons]");
    if (!btn) { return; }
    e.preventDefault();
    var inputs = Array.prototype.slice.call(document.querySelectorAll("input[data-reason]"));
    var first = inputs.map(function (i) { return i.value.trim(); }).filter(function (v) { return v !== ""; })[0];
    if (!first) {
      if (inputs.length) { inputs[0].focus(); }
      return;
    }
    inputs.forEach(function (i) { if (i.value.trim() === "") { i.value = first; } });
  });
})();
