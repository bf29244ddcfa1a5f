// Loaded on pages with embedded widgets, after require.js and before the widgets manager
// (see nb_ipywidgets_js in _config.yml). Served from _static/offline/ like the files it
// configures, so the book needs no network.
(function () {
  "use strict";
  // 1. RequireJS resolves modules, and the widgets manager its icon fonts, relative to
  //    baseUrl: point it at the vendored copy next to this file instead of the page.
  var base = document.currentScript.src.replace(/[^\/]*$/, "");
  if (window.require && window.require.config) {
    window.require.config({ baseUrl: base });
  }

  // 2. @jupyter-widgets/base typesets labels with the MathJax 2 call
  //    MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]); the book loads MathJax 3.
  //    Give the MathJax 3 object a Hub.Queue that forwards to typesetPromise.
  function addHub(mj) {
    if (!mj || !mj.version || mj.Hub) { return; }
    mj.Hub = {
      Queue: function (job) {
        var element = Array.isArray(job) ? job[2] : undefined;
        var startup = window.MathJax.startup;
        if (!startup || !startup.promise) { return; }
        startup.promise.then(function () {
          return window.MathJax.typesetPromise(element ? [element] : undefined);
        }).catch(function (err) { console.warn("MathJax typeset failed:", err); });
      }
    };
  }
  var current = window.MathJax;
  addHub(current);
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    enumerable: true,
    get: function () { return current; },
    set: function (value) { current = value; addHub(value); }
  });
})();
