// The exercise panels of the hosted book. tools/static_exercises.py puts an empty
// <div class="mlpx-exercise" data-mlpx-question="chapter.name"> under each exercise's check
// cell; this script fills it from the exported question (exercises-data.js): an answer
// field or choices, a Check button whose verdict comes from exercises-grade.js, graded
// hints, and the solution (viewing it is recorded). Code exercises get their hints, the
// solution and links to open the chapter live. Native form controls only, so everything
// works with a keyboard and a screen reader; the verdict is announced (role="status").
(function () {
  "use strict";
  var X = (window.mlpcourseExercises = window.mlpcourseExercises || {});

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; }
      else if (k === "html") { node.innerHTML = attrs[k]; }
      else if (k === "class") { node.className = attrs[k]; }
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }
  function inline(text) { return X.format.inlineHtml(text); }

  // ------------------------------------------------------------------ the verdict box
  function resultBox(result) {
    var look = X.data.looks[result.status], c = look.colours;
    var box = el("div", { class: "mlpx-result-box mlpx-" + result.status,
                          style: "color:" + c[0] + ";background:" + c[1] + ";border-left-color:" + c[2] },
                 [el("strong", { text: look.icon + " " + look.label })]);
    if (result.message) { box.appendChild(el("div", { html: inline(result.message) })); }
    if (result.details) { box.appendChild(el("pre", { class: "mlpx-details", text: result.details })); }
    return box;
  }
  function showResult(region, result, quietly) {
    region.textContent = "";
    if (quietly) { region.appendChild(resultBox(result)); return; }
    window.setTimeout(function () { region.appendChild(resultBox(result)); }, 30);  // announced anew
  }

  // ------------------------------------------------------- answer fields, by kind
  function textField(uid, label, help, attrs) {
    var input = el(attrs && attrs.multiline ? "textarea" : "input", {
      id: uid, class: "mlpx-input", type: attrs && attrs.multiline ? null : "text", rows: attrs && attrs.multiline ? 4 : null,
      placeholder: attrs && attrs.placeholder, autocomplete: "off", autocapitalize: "off", spellcheck: "false",
      "aria-describedby": help ? uid + "-help" : null });
    var wrap = el("div", { class: "mlpx-field" }, [el("label", { for: uid, text: label }), input,
      help ? el("p", { id: uid + "-help", class: "mlpx-field-help", html: help }) : null]);
    return { node: wrap, input: input };
  }

  var FIELDS = {
    value: function (q, uid) {
      var f = textField(uid + "-answer", "Your answer", "As you would pass it to <code>check()</code>: a " +
        "number such as <code>0.5</code>, a list such as <code>[1, 2, 3]</code>, or arithmetic such as " +
        "<code>785 * 300</code>.", { placeholder: "____" });
      return { node: f.node, read: function () { return f.input.value; },
               write: function (a) { f.input.value = a || ""; } };
    },
    think: function (q, uid) {
      var f = textField(uid + "-answer", "Your answer, in a few sentences", null, { multiline: true });
      return { node: f.node, read: function () { return f.input.value; },
               write: function (a) { f.input.value = a || ""; }, button: "Compare with the model answer" };
    },
    shapes: function (q, uid) {
      var inputs = {}, set = el("fieldset", { class: "mlpx-shapes" }, [el("legend", {
        text: "The shape of each array, as a tuple such as (4, 3). A field left empty is skipped." })]);
      q.arrays.forEach(function (a, i) {
        var f = textField(uid + "-shape-" + i, a.name, null, { placeholder: "____" });
        inputs[a.name] = f.input;
        set.appendChild(f.node);
      });
      return { node: set,
               read: function () { var o = {}; Object.keys(inputs).forEach(function (k) { o[k] = inputs[k].value; }); return o; },
               write: function (a) { Object.keys(inputs).forEach(function (k) { inputs[k].value = (a && a[k]) || ""; }); } };
    },
    choice: function (q, uid) {
      var boxes = [], set = el("fieldset", { class: "mlpx-choices" }, [el("legend", {
        text: q.multiple ? "Choose every option that applies" : "Choose one option" })]);
      q.options.forEach(function (o, i) {
        var input = el("input", { type: q.multiple ? "checkbox" : "radio", name: uid + "-choice",
                                  id: uid + "-option-" + i, value: o[0] });
        boxes.push(input);
        set.appendChild(el("div", { class: "mlpx-option" }, [input,
          el("label", { for: input.id, html: "(" + o[0] + ") " + inline(o[1]) })]));
      });
      return { node: set,
               read: function () { return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }); },
               write: function (a) { boxes.forEach(function (b) { b.checked = (a || []).indexOf(b.value) >= 0; }); } };
    }
  };

  // ------------------------------------------------------------ hints and solution
  function hintsPart(q, uid, record) {
    var n = q.hints.length, shown = 0;
    var list = el("ol", { class: "mlpx-hints", id: uid + "-hints", "aria-live": "polite" });
    var button = el("button", { type: "button", class: "mlpx-button mlpx-secondary mlpx-hint-button",
                                "aria-controls": list.id });
    function label() {
      if (shown < n) { button.textContent = "Show hint " + (shown + 1) + " of " + n; button.removeAttribute("aria-disabled"); }
      else { button.textContent = "All " + n + " hints shown"; button.setAttribute("aria-disabled", "true"); }
    }
    function reveal() {
      var title = "Hint " + (shown + 1) + " of " + n + ": ";
      list.appendChild(el("li", { html: "<strong>" + title + "</strong>" + inline(q.hints[shown]) }));
      shown += 1;
      label();
    }
    while (shown < Math.min(record.hints, n)) { reveal(); }
    label();
    button.addEventListener("click", function () {
      if (shown >= n) { return; }
      reveal();
      X.store.update(q.id, { hints: Math.max(shown, X.store.read(q.id).hints) });
    });
    return n ? [button, list] : [];
  }

  function solutionPart(q, uid, record) {
    var s = q.solution, box = el("div", { class: "mlpx-solution", id: uid + "-solution", hidden: "hidden" }, [
      el("p", { class: "mlpx-solution-title", text: "Solution" }),
      el("div", { html: inline(s.text) }),
      s.code ? el("pre", { class: "mlpx-details", text: s.code }) : null]);
    var button = el("button", { type: "button", class: "mlpx-button mlpx-secondary mlpx-solution-button",
                                "aria-expanded": "false", "aria-controls": box.id });
    function label(viewed) {
      var open = !box.hidden;
      button.textContent = (open ? "Hide" : "Show") + " the solution" + (viewed && !open ? " (viewed)" : "");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    label(record.solution);
    button.addEventListener("click", function () {
      box.hidden = !box.hidden;
      if (!box.hidden) { X.store.update(q.id, { solution: true }); }
      label(true);
    });
    return [button, box];
  }

  // The page's own solution dropdown (sphinx-exercise) also counts as "solution viewed".
  function watchDropdown(q, label) {
    var link = document.querySelector('.solution a[href="#' + label + '"]');
    var dropdown = link && link.closest(".solution");
    if (!dropdown) { return; }
    dropdown.addEventListener("click", function () {
      window.setTimeout(function () {
        if (!dropdown.classList.contains("toggle-hidden")) { X.store.update(q.id, { solution: true }); }
      }, 0);
    });
  }

  // ------------------------------------------------------------------------ panels
  function checkPanel(q, uid, record) {
    var field = FIELDS[q.kind](q, uid);
    var region = el("div", { class: "mlpx-result", role: "status", "aria-live": "polite", id: uid + "-result" });
    var form = el("form", { class: "mlpx-form", novalidate: "novalidate" }, [field.node,
      el("div", { class: "mlpx-actions" }, [el("button", { type: "submit", class: "mlpx-button",
        text: field.button || "Check" })])]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answer = field.read(), result = X.grade.check(q, answer);
      showResult(region, result, false);
      X.store.update(q.id, { status: result.status, answer: answer, checks: X.store.read(q.id).checks + 1 });
    });
    if (record.answer !== null) {
      try {  // the saved answer, checked again (the book may have changed since)
        var again = X.grade.check(q, record.answer);
        field.write(record.answer);
        showResult(region, again, true);
        if (again.status !== record.status) { X.store.update(q.id, { status: again.status }); }
      } catch (e) {
        field.write(null);  // an answer saved for another form of this question: start afresh
      }
    }
    return [el("p", { class: "mlpx-title", id: uid + "-title", text: "Check your answer here" }), form, region];
  }

  function liveLinks() {
    var meta = document.querySelector('meta[name="mlpcourse-live-links"]');
    try { return meta ? JSON.parse(meta.getAttribute("content")) : {}; } catch (e) { return {}; }
  }

  function codePanel(q, uid) {
    var links = liveLinks(), parts = [];
    [["binder", "Binder"], ["colab", "Colab"], ["download", "download the notebook"]].forEach(function (l) {
      if (links[l[0]]) { parts.push(el("a", { href: links[l[0]], text: l[1] })); }
    });
    var line = el("p", { class: "mlpx-live" }, [document.createTextNode("Open this chapter live: ")]);
    parts.forEach(function (a, i) { if (i) { line.appendChild(document.createTextNode(" \u00b7 ")); } line.appendChild(a); });
    line.appendChild(document.createTextNode("."));
    return [el("p", { class: "mlpx-title", id: uid + "-title", text: "Solve this one in Python" }),
            el("p", { text: "The answer is code, and its check runs your code: complete the cell " +
                      "above in a live notebook, run it, and the check names the likely mistake." }),
            parts.length ? line : null];
  }

  function build(root) {
    var q = (X.data.questions || []).filter(function (x) { return x.id === root.dataset.mlpxQuestion; })[0];
    if (!q) { return; }
    var uid = "mlpx-" + root.dataset.mlpxLabel, record = X.store.read(q.id);
    var checkable = X.grade.checkable(q);
    var parts = checkable ? checkPanel(q, uid, record) : codePanel(q, uid);
    var help = el("div", { class: "mlpx-help" }, hintsPart(q, uid, record).concat(solutionPart(q, uid, record)));
    var panel = el("div", { class: "mlpx-panel" + (checkable ? "" : " mlpx-code"), role: "group",
                            "aria-labelledby": uid + "-title" }, parts.concat([help]));
    root.textContent = "";
    root.appendChild(panel);
    var cell = root.previousElementSibling;  // its static output ("not attempted yet") is dead here
    var output = cell && cell.classList.contains("cell") && cell.querySelector(".cell_output");
    if (output) { output.classList.add("mlpx-replaced"); }
    watchDropdown(q, root.dataset.mlpxLabel);
  }

  function start() {
    if (!X.data) { return; }
    Array.prototype.forEach.call(document.querySelectorAll(".mlpx-exercise"), build);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
  X.ui = { build: build, resultBox: resultBox };
})();
