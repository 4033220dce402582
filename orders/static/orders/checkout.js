// Checkout: the delivery date of each shipping method follows the address as it is typed,
// and the order's total follows the shipping method and destination the shopper picks.
// Both are re-rendered by the server (/checkout/delivery/); no inline code.
(function () {
  "use strict";
  var PARTS = ["shipping-methods", "checkout-total"];
  function setup() {
    var form = document.querySelector("form.checkout");
    var url = form && form.getAttribute("data-promise-url");
    if (!url) return;
    var timer = null;
    // A response older than the shopper's last change is dropped: it would put back the
    // method or total they just changed.
    var latest = 0;
    var fields = ["country", "city", "region", "postal_code"];
    function busy(on) {
      PARTS.forEach(function (id) {
        var element = document.getElementById(id);
        if (element) element.classList.toggle("htmx-request", on);
      });
    }
    function refresh() {
      var mine = ++latest;
      var params = new URLSearchParams();
      fields.forEach(function (name) {
        var input = form.elements[name];
        if (input) params.set(name, input.value);
      });
      var chosen = form.querySelector("input[name=shipping_method]:checked");
      if (chosen) params.set("shipping_method", chosen.value);
      busy(true);
      fetch(url + "?" + params.toString(), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html || mine !== latest) return;
          var holder = document.createElement("div");
          holder.innerHTML = html;
          PARTS.forEach(function (id) {
            var current = document.getElementById(id);
            var fresh = holder.querySelector("#" + id);
            if (current && fresh) current.replaceWith(fresh);
          });
        })
        .finally(function () { if (mine === latest) busy(false); });
    }
    function later() {
      latest++;
      clearTimeout(timer);
      timer = setTimeout(refresh, 150);
    }
    fields.forEach(function (name) {
      var input = form.elements[name];
      if (input) input.addEventListener("change", later);
    });
    // The shipping fieldset is replaced on refresh, so listen on the form.
    form.addEventListener("change", function (event) {
      if (event.target && event.target.name === "shipping_method") later();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
