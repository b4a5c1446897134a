// A table wider than the screen scrolls inside its box: make that box a labelled region
// that the keyboard can reach, and show a cue. Without this script the box still scrolls.
(function () {
  "use strict";
  var hint = document.body.getAttribute("data-scroll-hint") || "";

  function mark(box) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    var cue = box.nextElementSibling;
    var hasCue = cue && cue.classList.contains("scroll-cue");
    box.classList.toggle("is-scrollable", wide);
    if (wide) {
      if (!box.hasAttribute("tabindex")) { box.setAttribute("tabindex", "0"); box.dataset.madeFocusable = "1"; }
      if (!box.hasAttribute("role")) { box.setAttribute("role", "region"); }
      if (!box.hasAttribute("aria-label")) {
        var caption = box.querySelector("caption");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : hint);
      }
      if (!hasCue && hint) {
        var p = document.createElement("p");
        p.className = "scroll-cue";
        p.textContent = hint;
        box.insertAdjacentElement("afterend", p);
      }
    } else {
      if (box.dataset.madeFocusable) { box.removeAttribute("tabindex"); delete box.dataset.madeFocusable; }
      if (hasCue) { cue.remove(); }
    }
  }

  function all() { document.querySelectorAll(".table-wrap").forEach(mark); }
  all();
  window.addEventListener("resize", all);
})();

// After a refused form, move focus to the error summary so a screen reader reads it first
// and a keyboard user starts from the links to the fields (GOV.UK's pattern).
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary[tabindex]");
  if (summary) { summary.focus(); }
})();
