// The exercise checker of the page: the same verdicts as `check()` in Python, from the data
// that mlpcourse/exercises/_export.py writes at build time (every fixed result and every
// message template comes from Python). What is mirrored here is only the *order* of the
// checks of each kind of question, one function per Python function:
//   gradeValue  <- ValueQuestion.grade   numericProblem/diagnose/shapeMessage/ratioMessage
//                                        <- _compare.py (numeric_problem, diagnose, ...)
//   gradeShapes <- ShapesQuestion.grade  shapeHint <- _shapes._shape_hint
//   gradeChoice <- ChoiceQuestion (every verdict precomputed), gradeThink <- ThinkQuestion
// tests/browser/test_static_exercises.py compares these verdicts with Python's on answers
// generated from every question; change both sides together.
(function () {
  "use strict";
  var X = (window.mlpcourseExercises = window.mlpcourseExercises || {});
  var F = X.format, P = X.parse;
  var BLANK = { t: "placeholder", name: "____" };
  var NOT_QUITE = { status: "incorrect", message: "", details: "" };

  // numpy.isclose and numpy.allclose (equal_nan as asked).
  function isclose(a, b, rtol, atol, equalNan) {
    if (Number.isNaN(a) || Number.isNaN(b)) { return !!equalNan && Number.isNaN(a) && Number.isNaN(b); }
    if (!isFinite(a) || !isFinite(b)) { return a === b; }
    return Math.abs(a - b) <= atol + rtol * Math.abs(b);
  }
  function allclose(g, e, rtol, atol, equalNan) {
    return g.every(function (x, i) { return isclose(x, e[i], rtol, atol, equalNan); });
  }
  function sameShape(a, b) { return a.length === b.length && a.every(function (n, i) { return n === b[i]; }); }
  function median(xs) {
    var s = xs.slice().sort(function (a, b) { return a - b; }), m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  function result(r) { return { status: r.status, message: r.message, details: r.details || "" }; }
  function fromTemplate(t, values) {
    if (!t) { return NOT_QUITE; }  // a branch Python never reaches for this question
    return { status: t.status, message: F.fill(t.template, values || {}), details: t.details || "" };
  }

  // ---------------------------------------------------------------- value questions
  function valuesMatch(g, e, rtol, atol) {  // _compare.values_match for numeric values
    return sameShape(g.shape, e.shape) && allclose(g.data, e.data, rtol, atol, true);
  }

  // _compare.numeric_problem (text is refused before, by gradeValue): null for real,
  // finite numbers, else the refusal; a.dtype and a.data are numpy's reading of v.
  function numericProblem(q, v, a) {
    var T = q.templates;
    if (v.t === "none") { return fromTemplate(T.none); }
    if (v.t === "bool") { return fromTemplate(v.v ? T["true"] : T["false"]); }
    if (a.dtype === "complex") {
      var zero = a.imag.every(function (x) { return x === 0; });
      return fromTemplate(zero ? T.complex_zero : T.complex);
    }
    if (a.dtype !== "number") { return fromTemplate(T.type, { type: P.typeName(v), repr: F.repr(v, 60) }); }
    if (a.data.every(isFinite)) { return null; }
    var which = a.data.some(Number.isNaN) ? "nan" : "inf";
    return fromTemplate(T[a.shape.length ? which + "_array" : which]);
  }

  // Python's round(): halves to even.
  function roundHalfEven(x) {
    var f = Math.floor(x), d = x - f;
    return d > 0.5 || (d === 0.5 && f % 2 !== 0) ? f + 1 : f;
  }

  function snapWhole(q, x) {  // _value._snap_whole
    var n = roundHalfEven(x);
    return Math.abs(x - n) <= q.whole_rtol * Math.max(1, Math.abs(x)) ? n : x;
  }

  function gradeValue(q, v) {
    if (v.t === "str") { return fromTemplate(q.templates.text, { text: F.repr(v) }); }
    var a = P.asArray(v), problem = numericProblem(q, v, a);
    if (problem) { return problem; }
    var g = { shape: a.shape, data: a.data }, scalar = !g.shape.length;
    if (q.integer && scalar) { g.data = [snapWhole(q, g.data[0])]; }
    if (valuesMatch(g, q.answer, q.rtol, q.atol)) { return result(q.correct); }
    for (var i = 0; i < q.mistakes.length; i += 1) {
      if (valuesMatch(g, q.mistakes[i].value, q.rtol, q.atol)) { return result(q.mistakes[i]); }
    }
    if (q.near && valuesMatch(g, q.answer, q.near.rtol, 0)) { return result(q.near); }
    if (q.integer && scalar && !Number.isInteger(g.data[0])) {
      return fromTemplate(q.templates.whole, { value: F.floatRepr(g.data[0]) });
    }
    return diagnose(q, g);
  }

  function diagnose(q, g) {
    var e = q.answer, T = q.templates;
    if (!sameShape(g.shape, e.shape)) { return shapeMessage(q, g); }
    var big = function (x) { return Math.abs(x) > q.atol; };
    if (g.data.every(function (x) { return x === 0; }) && e.data.some(big)) { return fromTemplate(T.zeros); }
    var ratio = ratioMessage(q, g);
    if (ratio) { return ratio; }
    if (!e.shape.length) { return fromTemplate(T.scalar, { got: F.formatG(g.data[0], 10) }); }
    var bad = [];
    g.data.forEach(function (x, i) { if (!isclose(x, e.data[i], q.rtol, q.atol, false)) { bad.push(i); } });
    var first = bad[0], index = [], rest = first;
    for (var d = e.shape.length - 1; d >= 0; d -= 1) { index.unshift(rest % e.shape[d]); rest = Math.floor(rest / e.shape[d]); }
    return fromTemplate(T.entries, {
      shape: F.shapeText(e.shape), n_bad: String(bad.length), size: String(e.data.length),
      index: "[" + index.join(", ") + "]", got: F.formatG(g.data[first]), want: F.formatG(e.data[first])
    });
  }

  function transpose(g) {
    var r = g.shape[0], c = g.shape[1], out = [];
    for (var j = 0; j < c; j += 1) { for (var i = 0; i < r; i += 1) { out.push(g.data[i * c + j]); } }
    return out;
  }

  function shapeMessage(q, g) {
    var gs = g.shape, es = q.answer.shape, T = q.templates;
    if (gs.length === 2 && es.length === 2 && gs[0] === es[1] && gs[1] === es[0] &&
        allclose(transpose(g), q.answer.data, q.rtol, q.atol, false)) { return fromTemplate(T.transpose); }
    if (es.length === 2 && es[1] === 1 && gs.length === 1 && gs[0] === es[0]) { return fromTemplate(T.to_column); }
    if (gs.length === 2 && gs[1] === 1 && es.length === 1 && es[0] === gs[0]) { return fromTemplate(T.to_flat); }
    var values = { got_shape: F.shapeText(gs) };
    if (g.data.length === q.answer.data.length && allclose(g.data, q.answer.data, q.rtol, q.atol, false)) {
      return fromTemplate(T.reshaped, values);
    }
    return fromTemplate(T.shape, values);
  }

  var RATIOS = [[-1, "sign"], [2, "double"], [0.5, "half"], [-2, "sign_factor"], [-0.5, "sign_factor"]];

  function ratioMessage(q, g) {
    var e = q.answer.data, atol = q.atol, big = e.map(function (x) { return Math.abs(x) > 100 * atol; });
    if (!big.some(Boolean)) { return null; }
    var smallOk = g.data.every(function (x, i) { return big[i] || isclose(x, 0, 1e-5, 10 * atol + 1e-12, false); });
    if (!smallOk) { return null; }
    var ratios = [];
    e.forEach(function (x, i) { if (big[i]) { ratios.push(g.data[i] / x); } });
    var c = median(ratios), scaled = e.map(function (x) { return c * x; });
    if (!isFinite(c) || isclose(c, 1, 1e-5, 1e-8) || !allclose(g.data, scaled, q.rtol, q.atol, false)) { return null; }
    for (var i = 0; i < RATIOS.length; i += 1) {
      if (isclose(c, RATIOS[i][0], 1e-5, 1e-8)) { return fromTemplate(q.templates[RATIOS[i][1]], { c: F.formatG(c) }); }
    }
    if (e.length === 1) { return null; }
    return fromTemplate(q.templates.factor, { c: F.formatG(c) });
  }

  // --------------------------------------------------------------- shapes questions
  function asShape(v) {  // _shapes._as_shape (True and False are not sizes)
    var isInt = function (x) { return x.t === "int"; };
    if (isInt(v)) { return [Number(v.v)]; }
    if ((v.t === "tuple" || v.t === "list") && v.items.every(isInt)) { return v.items.map(function (x) { return Number(x.v); }); }
    return null;
  }

  function kindOf(name) {  // "dW1" is read like "W1"
    var base = name[0] === "d" && name.length > 1 && "WbXZA".indexOf(name[1]) >= 0 ? name.slice(1) : name;
    return base.slice(0, 1);
  }

  function shapeHint(q, a, got) {
    for (var i = 0; i < a.special.length; i += 1) {
      if (sameShape(a.special[i].got, got)) { return result(a.special[i]); }
    }
    var kind = kindOf(a.name), values = { got: F.shapeText(got) };
    if (kind === "b" && got.length === 2 && got[1] === a.want[0]) { return fromTemplate(a.templates.bias, values); }
    if ("XZA".indexOf(kind) >= 0 && q.n_samples && got.length === 2 && got[0] !== q.n_samples) {
      return fromTemplate(a.templates.rows, values);
    }
    return fromTemplate(a.templates["default"], values);
  }

  // fields: {name: text typed}; an empty field is the placeholder ____.
  function gradeShapes(q, fields) {
    var blank = [];
    for (var i = 0; i < q.arrays.length; i += 1) {
      var a = q.arrays[i], text = (fields[a.name] || "").trim();
      var v = text ? P.parse(text) : BLANK;
      if (P.isPlaceholder(v)) { blank.push(a.name); continue; }
      var got = asShape(v);
      if (!got) { return fromTemplate(a.templates.not_shape, { got: F.repr(v) }); }
      if (!sameShape(got, a.want)) { return shapeHint(q, a, got); }
    }
    if (blank.length === q.arrays.length) { return result(q.all_blank); }
    if (blank.length) {
      return fromTemplate(q.partial, { done: String(q.arrays.length - blank.length), blank: blank.join(", ") });
    }
    return result(q.correct);
  }

  // ------------------------------------------------------- choice and think questions
  function gradeChoice(q, keys) {  // keys: the options ticked
    if (!keys.length) { return result(q.placeholder); }
    var order = q.options.map(function (o) { return o[0]; });
    var picked = order.filter(function (k) { return keys.indexOf(k) >= 0; });
    if (!q.multiple && picked.length !== 1) { return NOT_QUITE; }
    return result(q.verdicts[picked.join(",")]);
  }

  function gradeThink(q, text) {  // str.strip() and len() count code points
    return result(Array.from(String(text).trim()).length < 3 ? q.short : q.revealed);
  }

  // -------------------------------------------------------------------------- check
  function gradeValueText(q, text) {
    var v = String(text).trim() ? P.parse(text) : BLANK;
    return P.containsPlaceholder(v) ? result(q.placeholder) : gradeValue(q, v);
  }

  var GRADERS = { value: gradeValueText, shapes: gradeShapes, choice: gradeChoice, think: gradeThink };

  // The verdict for a question's data and what the reader entered (text for a value or
  // think question, {name: text} for shapes, the ticked keys for a choice).
  function check(q, input) {
    var grade = GRADERS[q.kind];
    if (!grade) { throw new Error("no checker in the page for " + q.id + " (" + q.kind + ")"); }
    return grade(q, input);
  }

  X.grade = { check: check, checkable: function (q) { return q.kind in GRADERS; } };
})();
