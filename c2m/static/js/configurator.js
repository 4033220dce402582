// The product page's behaviour around htmx, kept out of the markup: the
// Content-Security-Policy allows neither inline handlers (hx-on) nor evaluated trigger
// filters, and htmx is configured with allowEval false.

// Typing in a text, number or range field asks for a new price after a pause
// (hx-trigger="configurator-input delay:300ms"); radios and checkboxes already send
// "change", which asks at once.
document.addEventListener("input", (event) => {
  const field = event.target;
  const form = field.closest && field.closest("#configurator");
  if (form && field.type !== "radio" && field.type !== "checkbox") {
    form.dispatchEvent(new CustomEvent("configurator-input"));
  }
});

// A refused artwork upload (4xx) answers with the upload form and its error: show it.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  const upload = event.target.closest && event.target.closest("form.artwork-upload");
  if (upload && status >= 400 && status < 500) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
