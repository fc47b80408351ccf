// Ask before destructive or role-changing actions (buttons carrying data-confirm).
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

// A form came back with errors: move the focus to its summary, so keyboard and screen-reader
// users learn at once what to correct (the summary is rendered by the server).
function focusErrorSummary() {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
}
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", focusErrorSummary);
} else {
  focusErrorSummary();
}

// A link in the error summary focuses its field (a plain #link only scrolls to it), opening
// a closed <details> around it, and scrolls so the field's label is in view too.
document.addEventListener("click", function (event) {
  const link = event.target.closest("a[data-error-link]");
  if (!link) {
    return;
  }
  const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!field) {
    return;
  }
  event.preventDefault();
  const details = field.closest("details");
  if (details) {
    details.open = true;
  }
  // A box in a group is introduced by the group's legend; any other field by its label.
  const group = (field.type === "checkbox" || field.type === "radio") && field.closest("fieldset");
  const caption = group ? group.querySelector("legend")
    : document.querySelector("label[for='" + CSS.escape(field.id) + "']");
  (caption || field).scrollIntoView({ block: "start" });
  field.focus({ preventScroll: true });
});
