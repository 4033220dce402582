// A <select data-autosubmit> submits its form when changed (the language switch, the
// admin's factory picker); without JavaScript the form's own button does. A static file,
// as the Content-Security-Policy allows no inline handlers.
document.addEventListener("change", (event) => {
  const select = event.target;
  if (select instanceof HTMLSelectElement && select.hasAttribute("data-autosubmit")) {
    select.form.submit();
  }
});
