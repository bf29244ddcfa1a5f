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

  // 3. Accessibility of the widgets (WCAG 2.1 AA; checked by tests/browser/
  //    test_accessibility.py and test_keyboard.py). ipywidgets 8.1 renders controls that
  //    a screen reader cannot name or read, so we complete their markup as they appear:
  //    - a slider handle (role="slider") has no name (axe: aria-input-field-name) and
  //      announces its index: a SelectionSlider at "8" of [2, 8, 32] says "1". It is
  //      named by its label and announces the value its readout shows.
  //    - toggle buttons do not say which one is on, nor what they choose: they become a
  //      group named by the label, each button with aria-pressed.
  //    - a drop-down's <select> is named by its label.
  //    - labels carry title="null" (a tooltip reading "null"): removed.
  //    - an explorer's slider readout is editable text, but an explorer only has the
  //      values of its grid: it is shown, not edited.
  //    - an explorer gets a polite live region: when a control changes the frame, screen
  //      readers hear the new frame's alt text, which says what the figure now shows.
  var uid = 0;
  function idOf(el) {
    if (!el.id) { uid += 1; el.id = "mlpcourse-widget-label-" + uid; }
    return el.id;
  }
  function set(el, name, value) {
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }
  function labelOf(widget) {
    var label = widget.querySelector(":scope > .widget-label");
    return label && label.textContent.trim() ? label : null;
  }
  function fixWidget(widget) {
    var label = labelOf(widget);
    widget.querySelectorAll(':scope > .widget-label[title="null"]').forEach(function (l) {
      l.removeAttribute("title");
    });
    var handle = widget.querySelector(".noUi-handle");
    if (handle) {
      if (label) { set(handle, "aria-labelledby", idOf(label)); }
      var readout = widget.querySelector(":scope > .widget-readout");
      if (readout && readout.textContent.trim()) {
        set(handle, "aria-valuetext", readout.textContent.trim());
      }
      if (readout && widget.classList.contains("mlpcourse-explorer-control")) {
        set(readout, "contenteditable", "false");
      }
    }
    var group = widget.querySelector(":scope > div:not(.widget-label)");
    if (widget.classList.contains("widget-toggle-buttons") && group) {
      set(group, "role", "group");
      if (label) { set(group, "aria-labelledby", idOf(label)); }
      group.querySelectorAll("button").forEach(function (b) {
        set(b, "aria-pressed", b.classList.contains("mod-active") ? "true" : "false");
      });
    }
    var select = widget.querySelector(":scope > select");
    if (select && label) { set(select, "aria-labelledby", idOf(label)); }
  }
  function visibleFrame(explorer) {
    var frames = explorer.querySelectorAll("img.mlpcourse-explorer-frame");
    for (var i = 0; i < frames.length; i += 1) {
      if (frames[i].getClientRects().length > 0) { return frames[i]; }
    }
    return null;
  }
  function announce(explorer) {
    var status = explorer.nextElementSibling;
    if (!status || !status.classList.contains("mlpcourse-explorer-status")) {
      status = document.createElement("p");
      status.className = "mlpcourse-explorer-status mlpcourse-sr-only";
      status.setAttribute("aria-live", "polite");
      explorer.insertAdjacentElement("afterend", status);
    }
    var frame = visibleFrame(explorer);
    var alt = frame ? frame.getAttribute("alt") || "" : "";
    if (!alt || explorer.dataset.mlpcourseShown === alt) { return; }
    if (explorer.dataset.mlpcourseShown !== undefined) { status.textContent = alt; }
    explorer.dataset.mlpcourseShown = alt;  // the first frame is on the page: not announced
  }
  // The markup is fixed in the observer's callback, a microtask that runs before the
  // browser tells assistive technology about the change (so a slider never announces its
  // index first). Announcing needs layout (which frame is visible): once per frame.
  var pending = false;
  function announceAll() {
    pending = false;
    document.querySelectorAll(".mlpcourse-explorer").forEach(announce);
  }
  function fixAll() {
    document.querySelectorAll(".widget-slider, .widget-toggle-buttons, .widget-dropdown")
      .forEach(fixWidget);
    if (!pending) { pending = true; window.requestAnimationFrame(announceAll); }
  }
  function start() {
    new MutationObserver(fixAll).observe(document.body, {
      childList: true, subtree: true, characterData: true, attributes: true,
      attributeFilter: ["class", "style", "aria-valuenow"]
    });
    fixAll();
  }
  if (document.body) { start(); } else { document.addEventListener("DOMContentLoaded", start); }
})();
