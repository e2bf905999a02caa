// Client-side filters for the explore page. Without JavaScript the full table stays as it is.
(function () {
  "use strict";
  function setup() {
    var table = document.getElementById("explore-table");
    var holder = document.getElementById("explore-filters");
    if (!table || !holder || holder.dataset.ready) return;
    holder.dataset.ready = "1";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = document.getElementById("explore-count");

    // A row's values for a filter: its goal or status, or each of its places.
    function valuesOf(row, key) {
      return key === "places" ? row.dataset.places.split("|") : [row.dataset[key]];
    }

    function options(key, labelOf) {
      var seen = {};
      rows.forEach(function (row) {
        valuesOf(row, key).forEach(function (v) { if (v && !(v in seen)) seen[v] = labelOf(row, v); });
      });
      return Object.keys(seen).sort(function (a, b) {
        return key === "goal" ? Number(a) - Number(b) : seen[a].localeCompare(seen[b]);
      }).map(function (v) { return [v, seen[v]]; });
    }

    function select(id, text, key, labelOf) {
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = text;
      var box = document.createElement("select");
      box.id = id;
      box.dataset.key = key;
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "All";
      box.appendChild(all);
      options(key, labelOf).forEach(function (pair) {
        var o = document.createElement("option");
        o.value = pair[0];
        o.textContent = pair[1];
        box.appendChild(o);
      });
      box.addEventListener("change", apply);
      label.appendChild(box);
      holder.appendChild(label);
      return box;
    }

    var boxes = [
      select("filter-goal", "Goal", "goal", function (row) { return row.cells[1].textContent; }),
      select("filter-status", "Status", "status", function (row) { return row.cells[2].textContent; }),
      select("filter-place", "Place", "places", function (row, v) { return v; })
    ];

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = boxes.every(function (box) {
          return !box.value || valuesOf(row, box.dataset.key).indexOf(box.value) >= 0;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " initiatives shown";
    }

    holder.hidden = false;
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
