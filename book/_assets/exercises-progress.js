// The "Your progress" page (book/progress.md, directive {exercise-progress}): every exercise
// of the course, chapter by chapter, with the reader's latest status from this browser's
// localStorage (exercises-store.js), and a button that erases it all after a confirmation.
(function () {
  "use strict";
  var X = (window.mlpcourseExercises = window.mlpcourseExercises || {});
  var KINDS = { value: "a value", choice: "a choice", shapes: "shapes", think: "in your words",
                code: "code" };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // Links are relative to the book's root: the folder above _static/ of this script.
  var root = (function () {
    var s = document.querySelector('script[src*="exercises-progress.js"]');
    return s ? s.src.replace(/_static\/exercises\/exercises-progress\.js.*$/, "") : "";
  })();

  function statusCell(q, record) {
    var looks = X.data.looks, td = el("td", { class: "mlpx-status" });
    if (record.status) {
      var c = looks[record.status].colours;
      td.textContent = looks[record.status].icon + " " + looks[record.status].label;
      td.setAttribute("style", "color:" + c[0] + ";background:" + c[1]);
    } else {
      td.textContent = q.kind === "code" ? "Run it in a live notebook" : "Not checked yet";
    }
    return td;
  }

  function counts(questions, records) {
    var c = { checkable: 0, correct: 0, checked: 0, code: 0, solutions: 0, hints: 0 };
    questions.forEach(function (q, i) {
      var r = records[i];
      if (q.kind === "code") { c.code += 1; } else { c.checkable += 1; }
      if (r.status === "correct" || r.status === "revealed") { c.correct += 1; }
      if (r.status) { c.checked += 1; }
      if (r.solution) { c.solutions += 1; }
      c.hints += r.hints;
    });
    return c;
  }

  function summary(c) {
    return "Done: " + c.correct + " of the " + c.checkable + " exercises you can check in the book " +
      "(" + c.checked + " checked so far). " + c.code + " more ask for code, checked in a live " +
      "notebook. Hints seen: " + c.hints + "; solutions viewed: " + c.solutions + ".";
  }

  function table(chapter, rows) {
    var t = el("table", { class: "mlpx-progress-table" });
    t.appendChild(el("caption", {}, chapter));
    var head = el("tr");
    ["Exercise", "Answer", "Status", "Hints seen", "Solution viewed"].forEach(function (h) {
      head.appendChild(el("th", { scope: "col" }, h));
    });
    t.appendChild(el("thead")).appendChild(head);
    var body = t.appendChild(el("tbody"));
    rows.forEach(function (row) {
      var q = row.q, r = row.r, tr = el("tr"), name = el("th", { scope: "row" });
      var title = q.title || q.name;
      if (q.page) {
        var a = el("a", { href: root + q.page + "#" + q.label }, title);
        name.appendChild(a);
      } else { name.textContent = title; }
      tr.appendChild(name);
      tr.appendChild(el("td", {}, KINDS[q.kind] || q.kind));
      tr.appendChild(statusCell(q, r));
      tr.appendChild(el("td", {}, q.hints.length ? r.hints + " of " + q.hints.length : "none"));
      tr.appendChild(el("td", {}, r.solution ? "yes" : "no"));
      body.appendChild(tr);
    });
    return t;
  }

  function resetControls(container, rerender) {
    var wrap = el("div", { class: "mlpx-reset" });
    var button = el("button", { type: "button", class: "mlpx-button mlpx-secondary" }, "Reset my progress");
    var ask = el("div", { class: "mlpx-confirm", role: "group", "aria-labelledby": "mlpx-confirm-text" });
    ask.hidden = true;
    var yes = el("button", { type: "button", class: "mlpx-button mlpx-danger" }, "Yes, erase my progress");
    var no = el("button", { type: "button", class: "mlpx-button mlpx-secondary" }, "Cancel");
    ask.appendChild(el("p", { id: "mlpx-confirm-text" },
      "Erase every saved answer, status, hint and solution of the course in this browser?"));
    ask.appendChild(yes);
    ask.appendChild(no);
    button.addEventListener("click", function () { ask.hidden = false; no.focus(); });
    no.addEventListener("click", function () { ask.hidden = true; button.focus(); });
    yes.addEventListener("click", function () {
      X.store.reset();
      rerender("Your progress was erased.");
    });
    wrap.appendChild(button);
    wrap.appendChild(ask);
    return wrap;
  }

  function render(container, notice) {
    var questions = X.data.questions, records = questions.map(function (q) { return X.store.read(q.id); });
    container.textContent = "";
    var status = el("p", { class: "mlpx-summary", role: "status", "aria-live": "polite" },
                    (notice ? notice + " " : "") + summary(counts(questions, records)));
    container.appendChild(status);
    if (!X.store.persistent) {
      container.appendChild(el("p", { class: "mlpx-warning" }, "This browser does not let the book " +
        "keep data, so your progress lasts only until you close the page."));
    }
    var chapters = [];
    questions.forEach(function (q, i) {
      var name = q.chapter_title || q.chapter, group = chapters.filter(function (g) { return g.name === name; })[0];
      if (!group) { group = { name: name, rows: [] }; chapters.push(group); }
      group.rows.push({ q: q, r: records[i] });
    });
    chapters.forEach(function (g) { container.appendChild(table(g.name, g.rows)); });
    container.appendChild(resetControls(container, function (msg) {
      render(container, msg);
      container.querySelector(".mlpx-summary").setAttribute("tabindex", "-1");
      container.querySelector(".mlpx-summary").focus();
    }));
  }

  function start() {
    var container = document.getElementById("mlpx-progress");
    if (container && X.data) {
      render(container);
      window.addEventListener("storage", function () { render(container); });  // another tab
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
