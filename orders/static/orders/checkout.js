// Checkout: the delivery date of each shipping method follows the address as it is typed.
// The shipping fieldset is re-rendered by the server (/checkout/delivery/); no inline code.
(function () {
  "use strict";
  function setup() {
    var form = document.querySelector("form.checkout");
    var url = form && form.getAttribute("data-promise-url");
    if (!url) return;
    var timer = null;
    var fields = ["country", "city", "region", "postal_code"];
    function refresh() {
      var params = new URLSearchParams();
      fields.forEach(function (name) {
        var input = form.elements[name];
        if (input) params.set(name, input.value);
      });
      var chosen = form.querySelector("input[name=shipping_method]:checked");
      if (chosen) params.set("shipping_method", chosen.value);
      var box = document.getElementById("shipping-methods");
      if (box) box.classList.add("htmx-request");
      fetch(url + "?" + params.toString(), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          var current = document.getElementById("shipping-methods");
          if (!html || !current) return;
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("#shipping-methods");
          if (fresh) current.replaceWith(fresh);
        })
        .finally(function () {
          var box2 = document.getElementById("shipping-methods");
          if (box2) box2.classList.remove("htmx-request");
        });
    }
    fields.forEach(function (name) {
      var input = form.elements[name];
      if (!input) return;
      input.addEventListener("change", function () {
        clearTimeout(timer);
        timer = setTimeout(refresh, 150);
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
