// Optional: marks livestream sessions happening now, from this device's clock. Pages are complete
// without it (sessions are grouped into upcoming and replays when the site is built).
(function () {
  var now = Date.now();
  var label = document.documentElement.lang === "en" ? "Live now" : "正在直播";
  document.querySelectorAll("li.session[data-start]").forEach(function (item) {
    var start = Date.parse(item.getAttribute("data-start"));
    var end = Date.parse(item.getAttribute("data-end") || "");
    if (start <= now && (isNaN(end) || now <= end)) {
      var badge = document.createElement("strong");
      badge.className = "live-now";
      badge.textContent = label + " · ";
      item.insertBefore(badge, item.firstChild);
    }
  });
})();
