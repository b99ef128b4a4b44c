// "Find your batch": opens the page of the lot printed on the can. Without this script the
// product page's list of lots does the same job, and the home page's form stays hidden.
//
// Lots are printed in capitals, but a phone's keyboard types small letters, and a static host
// matches paths exactly. So the lot is tried as typed, then in capitals, then in small letters,
// asking the host which page exists (HEAD, same site only), and the first found is opened; when
// none is (or the site is opened from disk), the lot as typed, whose page says it was not found.
(function () {
  document.querySelectorAll("form.find-lot").forEach(function (form) {
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      var lot = form.querySelector("input[name=lot]").value.trim();
      if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,19}$/.test(lot)) return;
      event.preventDefault();
      var select = form.querySelector("select");
      var base = select ? select.value : form.getAttribute("data-base");
      var suffix = form.getAttribute("data-suffix") || "";
      function page(text) { return base + "10/" + encodeURIComponent(text) + "/" + suffix; }
      var tries = [lot, lot.toUpperCase(), lot.toLowerCase()].filter(function (text, index, all) {
        return all.indexOf(text) === index;
      });
      function attempt(index) {
        if (index >= tries.length || !window.fetch || location.protocol === "file:") {
          location.href = page(lot);
          return;
        }
        fetch(page(tries[index]), { method: "HEAD" }).then(function (response) {
          if (response.ok) location.href = page(tries[index]); else attempt(index + 1);
        }, function () { location.href = page(lot); });
      }
      attempt(0);
    });
  });
})();
