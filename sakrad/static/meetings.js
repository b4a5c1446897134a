// Progressive enhancement of the agenda: the move up/down buttons reorder in place
// (without a page load) and keep keyboard focus on the moved item's button.
// Without this script the same buttons post a form and the page reloads.
(function () {
  "use strict";

  function enhance(root) {
    root.querySelectorAll("form.js-move").forEach(function (form) {
      form.addEventListener("submit", onSubmit);
    });
  }

  function onSubmit(event) {
    var form = event.currentTarget;
    var agenda = form.closest(".agenda");
    if (!agenda || !window.fetch) {
      return; // the normal form post works
    }
    event.preventDefault();
    var button = form.querySelector("button");
    var direction = button.id.indexOf("move-up-") === 0 ? "up" : "down";
    var itemId = button.id.replace(/^move-(up|down)-/, "");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("move failed");
        }
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector(".agenda");
        agenda.replaceWith(fresh);
        enhance(fresh);
        var again = document.getElementById("move-" + direction + "-" + itemId) ||
          document.getElementById("move-" + (direction === "up" ? "down" : "up") + "-" + itemId);
        if (again) {
          again.focus();
        }
        announce(fresh);
      })
      .catch(function () {
        form.submit(); // fall back to the plain post
      });
  }

  function announce(agenda) {
    var status = document.getElementById("agenda-status");
    if (!status) {
      status = document.createElement("p");
      status.id = "agenda-status";
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = agenda.getAttribute("data-moved-message") || "";
  }

  enhance(document);
})();
