// The explore page's filters and sorting, as progressive enhancement: without JavaScript the whole table
// stays as it is. Every word shown comes from the page (theme/templates/explore.md.j2), none from here.
// The choices are kept in the address (?words=...&goal=...&sort=2&order=descending), so a view can be shared
// (not in ?q=, which Material's search takes for its own query).
(function () {
  "use strict";

  function setup() {
    var form = document.getElementById("explore-filters");
    var results = document.getElementById("explore-results");
    var table = results && results.querySelector("table");
    if (!form || !table || !table.tBodies.length || form.dataset.ready) return;
    form.dataset.ready = "1";
    var count = document.getElementById("explore-count");
    var none = document.getElementById("explore-none");
    var controls = Array.prototype.slice.call(form.querySelectorAll("input[name], select[name]"));
    var search = form.querySelector("input[type=search]");
    var placeList = form.querySelector("select[name=place]");
    var places = placeList ? Array.prototype.map.call(placeList.options, function (o) { return o.value; }) : [];
    places = places.slice(1);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var body = table.tBodies[0];
    var lang = document.documentElement.lang || undefined;
    var collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
    var sort = { column: -1, order: "ascending" };

    // What each row is filtered and sorted by, read once from its cells and its link's data attributes.
    var rows = Array.prototype.map.call(body.rows, function (tr, position) {
      var link = tr.cells[0].querySelector("a");
      var areas = (link && link.dataset.areas ? link.dataset.areas.split(" ") : []).map(function (n) {
        return places[Number(n)];
      });
      var text = [
        link ? link.textContent : "",
        textOf(tr, ".explore-summary"),
        textOf(tr, ".explore-places"),
        areas.join(" ")
      ].join(" ");
      return {
        tr: tr,
        position: position,
        goal: link ? link.dataset.goal : "",
        status: link ? link.dataset.status : "",
        areas: areas,
        text: fold(text),
        keys: Array.prototype.map.call(tr.cells, function (cell, i) {
          return (i === 0 && link ? link.textContent : cell.textContent).trim();
        })
      };
    });

    function textOf(tr, selector) {
      var el = tr.querySelector(selector);
      return el ? el.textContent : "";
    }

    // Lower case without accents, so "cafe" finds "Café".
    function fold(text) {
      return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    }

    function value(name) {
      var control = form.elements.namedItem(name);
      return control ? control.value : "";
    }

    function matches(row, words) {
      var goal = value("goal"), status = value("status"), place = value("place");
      if (goal && row.goal !== goal) return false;
      if (status && row.status !== status) return false;
      if (place && row.areas.indexOf(place) < 0) return false;
      return words.every(function (word) { return row.text.indexOf(word) >= 0; });
    }

    var announce = null;
    function apply(typing) {
      var words = fold(search ? search.value : "").split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var ok = matches(row, words);
        row.tr.hidden = !ok;
        if (ok) shown += 1;
      });
      none.hidden = shown > 0;
      results.hidden = shown === 0;
      // Typing announces the count once the typing pauses, not at every key.
      clearTimeout(announce);
      var say = function () {
        count.textContent = form.dataset.count.replace("{shown}", shown).replace("{total}", rows.length);
      };
      if (typing) announce = setTimeout(say, 500);
      else say();
      remember();
    }

    function order() {
      var sorted = rows.slice();
      if (sort.column >= 0) {
        var sign = sort.order === "descending" ? -1 : 1;
        sorted.sort(function (a, b) {
          var x = a.keys[sort.column], y = b.keys[sort.column];
          // Empty cells go last either way; equal keys keep the page's own order.
          if (!x !== !y) return x ? -1 : 1;
          return sign * collator.compare(x, y) || a.position - b.position;
        });
      }
      sorted.forEach(function (row) { body.appendChild(row.tr); });
      headers.forEach(function (th, i) {
        if (i === sort.column) th.setAttribute("aria-sort", sort.order);
        else th.removeAttribute("aria-sort");
      });
    }

    // Each column header becomes a button; the sorted column's header says how, through aria-sort.
    headers.forEach(function (th, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "explore-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      var arrow = document.createElement("span");
      arrow.className = "explore-sort__arrow";
      arrow.setAttribute("aria-hidden", "true");
      button.appendChild(arrow);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var again = sort.column === i && sort.order === "ascending";
        sort = { column: i, order: again ? "descending" : "ascending" };
        order();
        remember();
      });
    });

    function remember() {
      var params = new URLSearchParams();
      controls.forEach(function (c) { if (c.value) params.set(c.name, c.value); });
      if (sort.column >= 0) {
        params.set("sort", String(sort.column + 1));
        params.set("order", sort.order);
      }
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function restore() {
      var params = new URLSearchParams(location.search);
      controls.forEach(function (c) {
        var wanted = params.get(c.name);
        if (wanted === null) return;
        // A select keeps only a value it offers (an old or edited link falls back to "all").
        var offered = c.tagName !== "SELECT" || Array.prototype.some.call(c.options, function (o) {
          return o.value === wanted;
        });
        c.value = offered ? wanted : "";
      });
      var column = parseInt(params.get("sort"), 10) - 1;
      if (column >= 0 && column < headers.length) {
        sort = { column: column, order: params.get("order") === "descending" ? "descending" : "ascending" };
      }
    }

    function reset() {
      controls.forEach(function (c) { c.value = ""; });
      apply(false);
      // The reset button may have just been hidden: keep the keyboard's place in the form.
      if (controls.length) controls[0].focus();
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    controls.forEach(function (c) {
      c.addEventListener(c.tagName === "SELECT" ? "change" : "input", function () {
        apply(c.tagName !== "SELECT");
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-explore-reset]"), function (b) {
      b.addEventListener("click", reset);
    });

    restore();
    form.hidden = false;
    order();
    apply(false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
