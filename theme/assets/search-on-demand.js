/* Search on demand. Material for MkDocs starts its search worker and downloads the whole search index as every
   page loads (it already waits for the reader when a page is opened from a file). Here both wait until the reader
   first opens search, or arrives from a search result, so a page costs only what it shows. Loaded before
   Material's own script (theme/overrides/main.html). Were Material to change how it asks for either, this does
   nothing and search loads as before. */
(function () {
  "use strict";
  var opened = false;
  var waiting = [];

  function open() {
    if (opened) return;
    opened = true;
    waiting.splice(0).forEach(function (start) { start(); });
  }

  function later(start) {
    if (opened) start();
    else waiting.push(start);
  }

  // The index: Material asks for it with XMLHttpRequest; sending waits for the reader.
  var INDEX = /\/search\/search_index\.json$/;
  var xhrOpen = XMLHttpRequest.prototype.open;
  var xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.levelupOnDemand = INDEX.test(String(url).split("?")[0]);
    return xhrOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.levelupOnDemand) return xhrSend.apply(request, args);
    later(function () { xhrSend.apply(request, args); });
  };

  // The worker: a stand-in that keeps Material's messages until the real worker starts, then passes both ways.
  var WORKER = /\/workers\/search\.[^/]*\.js(\?|$)/;
  var RealWorker = window.Worker;
  if (typeof RealWorker === "function" && typeof EventTarget === "function") {
    window.Worker = function (url, options) {
      if (!WORKER.test(String(url))) return new RealWorker(url, options);
      var standIn = new EventTarget();
      var queue = [];
      var real = null;
      standIn.postMessage = function (message) {
        if (real) real.postMessage(message);
        else queue.push(message);
      };
      standIn.terminate = function () {
        if (real) real.terminate();
        queue = [];
      };
      later(function () {
        real = new RealWorker(url, options);
        ["message", "messageerror", "error"].forEach(function (type) {
          real.addEventListener(type, function (event) {
            var copy = type === "error" ? new Event("error") : new MessageEvent(type, { data: event.data });
            standIn.dispatchEvent(copy);
          });
        });
        queue.splice(0).forEach(function (message) { real.postMessage(message); });
      });
      return standIn;
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  // Opening search: the toggle (a click, or the "s", "f" and "/" keys), or focus on the search field.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.id === "__search" && target.checked) open();
  }, true);
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("[data-md-component=search-query]")) open();
  }, true);
  // A page opened from a search result highlights the words searched for (?h=...): that needs the index.
  if (/[?&]h=/.test(location.search)) open();
})();
