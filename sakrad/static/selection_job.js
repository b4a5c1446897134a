// Live progress of a selection job: polls the job's small JSON endpoint every second and
// updates the words and bars in place. When the job ends the page reloads, and the server
// shows the preview or the confirmed selection. Without this script the server's Refresh
// header reloads the page instead; the cookie tells it that this browser polls.
(function () {
  "use strict";

  if (!window.fetch) {
    return;
  }
  // Set on the selection pages before any job runs, so a job page never needs the header.
  document.cookie = "sakrad_js=1; path=/; SameSite=Lax";
  var root = document.getElementById("job-status");
  if (!root) {
    return;
  }
  var url = root.getAttribute("data-status-url");

  function show(status) {
    root.querySelectorAll("[data-text]").forEach(function (el) {
      var text = status.texts[el.getAttribute("data-text")];
      if (typeof text === "string" && el.textContent !== text) {
        el.textContent = text;
      }
      el.hidden = !text;
    });
    var fixed = document.getElementById("job-fixed");
    if (fixed && status.share_fixed !== null) {
      fixed.value = status.share_fixed;
    }
    var budget = document.getElementById("job-budget");
    if (budget && status.budget_used !== null) {
      budget.value = status.budget_used;
    }
    root.setAttribute("data-state", status.state);
    root.setAttribute("data-polls", String(Number(root.getAttribute("data-polls") || 0) + 1));
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (status) {
        show(status);
        if (status.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 3000);
      });
  }

  window.setTimeout(poll, 1000);
})();
