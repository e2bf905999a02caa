// levelup serve only (never on the published site): shows the content's problems at the top of every preview
// page. They come from problems.json beside this script, as plain text: nothing in them is read as HTML.
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  if (!here || !window.fetch) return;

  function element(tag, text) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    return node;
  }

  function show(report) {
    if (!report || !report.problems || !report.problems.length) return;
    var box = element("section");
    box.id = "levelup-problems";
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "levelup-problems-title");
    box.style.cssText = "margin:0;padding:0.8rem 1rem;border:0.25rem solid #b00020;background:#fff;" +
      "color:#1a1a1a;font:0.8rem/1.5 system-ui,sans-serif;position:relative;z-index:10;overflow-wrap:anywhere";
    var title = element("h2", report.title);
    title.id = "levelup-problems-title";
    title.style.cssText = "margin:0 0 0.4rem;font-size:1rem;color:#b00020";
    box.appendChild(title);
    box.appendChild(element("p", report.note));
    var list = element("ul");
    list.style.cssText = "margin:0.4rem 0 0;padding-left:1.2rem";
    report.problems.forEach(function (line) {
      var item = element("li");
      var code = element("code", line);
      code.style.cssText = "white-space:pre-wrap;color:#1a1a1a;background:none";
      item.appendChild(code);
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.insertBefore(box, document.body.firstChild);
  }

  fetch(new URL("problems.json", here), { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(show)
    .catch(function () {});
})();
