(function () {
  "use strict";
  // Filters and sorts the backlog in place. Reads only codes and ranks from data attributes
  // (written by journeymap as "o3", "c1", numbers): no text of a map reaches this script.
  var bar = document.querySelector(".filters");
  var table = document.querySelector("table.backlog");
  if (!bar || !table || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var selects = Array.prototype.slice.call(bar.querySelectorAll("select[data-filter]"));
  var sort = bar.querySelector("select[data-sort]");
  var count = bar.querySelector("output");

  function matches(row, select) {
    var wanted = select.value;
    if (!wanted) { return true; }
    var have = (row.getAttribute("data-" + select.getAttribute("data-filter")) || "").split(" ");
    return have.indexOf(wanted) >= 0;
  }

  function rank(row, key) { return Number(row.getAttribute("data-r-" + key)) || 0; }

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var keep = selects.every(function (select) { return matches(row, select); });
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    var key = sort ? sort.value : "default";
    rows.slice().sort(function (a, b) {
      return rank(a, key) - rank(b, key) || rank(a, "default") - rank(b, "default");
    }).forEach(function (row) { body.appendChild(row); });
    if (count) { count.value = shown + " / " + rows.length; }
  }

  bar.hidden = false;
  bar.addEventListener("change", apply);
  apply();
})();
