// Runs on every page; small on purpose. It never loads Pyodide (only widget pages do that).
(function () {
  "use strict";

  // A routine whose validity ends after the site was built still warns the reader.
  var today = new Date().toISOString().slice(0, 10);
  document.querySelectorAll(".sip-docinfo[data-giltig-till]").forEach(function (box) {
    var end = box.getAttribute("data-giltig-till");
    if (end < today && !document.querySelector(".sip-expired")) {
      var warning = document.createElement("div");
      warning.className = "admonition danger sip-expired";
      warning.setAttribute("role", "note");
      var title = document.createElement("p");
      title.className = "admonition-title";
      title.textContent = "Dokumentet gäller inte längre";
      var text = document.createElement("p");
      text.textContent =
        "Giltighetstiden gick ut " + end + ". Kontrollera vilken version som gäller nu innan du följer rutinen.";
      warning.append(title, text);
      box.parentNode.insertBefore(warning, box);
    }
  });

  // Material's search index is built when it is needed (workers/search-deferred.js): the
  // reader opening the search starts it, so it is ready before the first key; a widget asks
  // for it with the event "sip-search" (widgets.mjs).
  function startSearch() {
    if (typeof BroadcastChannel !== "function") return;
    var channel = new BroadcastChannel("sip-search");
    channel.postMessage("start");
    channel.close();
  }
  var searchField = document.querySelector("input.md-search__input");
  if (searchField) searchField.addEventListener("focus", startSearch, { once: true });
  var searchToggle = document.getElementById("__search");
  if (searchToggle) searchToggle.addEventListener("change", startSearch, { once: true });
  document.addEventListener("sip-search", startSearch, { once: true });

  // Tell the reader when the portal runs without network.
  var banner = document.createElement("div");
  banner.className = "sip-offline";
  banner.setAttribute("role", "status");
  banner.hidden = true;
  banner.textContent =
    "Du är inte ansluten till nätverket. Sidor och formulär som du redan har besökt fungerar ändå.";
  document.body.prepend(banner);
  function showNetwork() {
    banner.hidden = navigator.onLine;
  }
  window.addEventListener("online", showNetwork);
  window.addEventListener("offline", showNetwork);
  showNetwork();

  // The service worker (sw.js at the site root) keeps the portal working offline.
  if ("serviceWorker" in navigator && location.protocol.indexOf("http") === 0) {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      var root = new URL(config.base.replace(/\/?$/, "/"), location.href);
      navigator.serviceWorker
        .register(new URL("sw.js", root).href, { scope: root.pathname })
        .catch(function () {
          /* sw.js is absent in `make dev`; the portal works without it */
        });
    } catch (error) {
      /* no config: nothing to register */
    }
  }
})();
