// Campaign page: refresh the figures every 30 seconds from totals.json (which formats them
// in the reader's language), so the page stays live while it is open.
(function () {
  const box = document.querySelector("[data-fund-totals]");
  if (!box || !window.fetch) {
    return;
  }
  function refresh() {
    // A poll is not the reader at work: the header keeps it from extending an idle session.
    fetch(box.dataset.fundTotals, { headers: { Accept: "application/json", "X-Background-Request": "1" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) {
          return;
        }
        Object.keys(data.display).forEach(function (key) {
          const cell = box.querySelector('[data-fund-figure="' + key + '"]');
          if (cell) {
            cell.textContent = data.display[key];
          }
        });
        const bar = box.querySelector("progress");
        if (bar) {
          bar.value = data.by_currency[data.currency].received_minor;
        }
      })
      .catch(function () { /* offline for a moment: keep what is shown */ });
  }
  window.setInterval(refresh, 30000);
})();
