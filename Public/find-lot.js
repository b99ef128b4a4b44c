// "Find your batch": opens the page of the lot printed on the can. Without this script the
// product page's list of lots does the same job, and the home page's form stays hidden.
(function () {
  document.querySelectorAll("form.find-lot").forEach(function (form) {
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      var lot = form.querySelector("input[name=lot]").value.trim();
      if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,19}$/.test(lot)) return;
      event.preventDefault();
      var select = form.querySelector("select");
      var base = select ? select.value : form.getAttribute("data-base");
      location.href = base + "10/" + encodeURIComponent(lot) + "/" + (form.getAttribute("data-suffix") || "");
    });
  });
})();
