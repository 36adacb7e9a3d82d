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
})();
