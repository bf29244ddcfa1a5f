// Python's renderings of values, for the messages of the exercise checker in the page.
// The message templates come from Python (mlpcourse/exercises/_export_templates.py); the
// parts they leave open are filled here exactly as Python renders them: "%.6g" and "%.10g"
// numbers (mlpcourse.exercises._compare), repr() of floats, complex numbers, strings and
// containers, and str() of shape tuples. No network, no dependencies.
(function () {
  "use strict";
  var X = (window.mlpcourseExercises = window.mlpcourseExercises || {});

  // The exact decimal digits of |x| (up to 100 significant ones) and its exponent.
  function digitsOf(x) {
    var m = /^(\d)\.(\d+)e([+-]\d+)$/.exec(Math.abs(x).toExponential(99));
    return { digits: m[1] + m[2], exp: Number(m[3]) };
  }

  // Round a digit string to p digits, halves to even (what Python does on the exact value).
  function roundDigits(d, p) {
    var head = d.slice(0, p), rest = d.slice(p).replace(/0+$/, "");
    var up = rest.length && (rest[0] > "5" || (rest[0] === "5" && (rest.length > 1 || Number(head[p - 1]) % 2 === 1)));
    if (!up) { return { digits: head, carry: 0 }; }
    var out = head.split(""), i = p - 1;
    while (i >= 0 && out[i] === "9") { out[i] = "0"; i -= 1; }
    if (i < 0) { return { digits: "1" + out.join("").slice(0, p - 1), carry: 1 }; }
    out[i] = String(Number(out[i]) + 1);
    return { digits: out.join(""), carry: 0 };
  }

  function special(x) {
    if (Number.isNaN(x)) { return "nan"; }
    if (x === Infinity) { return "inf"; }
    if (x === -Infinity) { return "-inf"; }
    return null;
  }

  function sign(x) { return x < 0 || Object.is(x, -0) ? "-" : ""; }

  function expText(e) {
    var a = String(Math.abs(e));
    return "e" + (e < 0 ? "-" : "+") + (a.length < 2 ? "0" + a : a);
  }

  // Digits d (no leading zero unless 0) times 10^exp, in fixed notation; at least one digit
  // after the point when keepPoint is set (Python's repr of floats).
  function fixed(d, exp, keepPoint) {
    var intPart, frac;
    if (exp < 0) { intPart = "0"; frac = new Array(-exp).join("0") + d; }
    else if (exp + 1 >= d.length) { intPart = d + new Array(exp + 2 - d.length).join("0"); frac = ""; }
    else { intPart = d.slice(0, exp + 1); frac = d.slice(exp + 1); }
    frac = frac.replace(/0+$/, "");
    if (!frac) { return keepPoint ? intPart + ".0" : intPart; }
    return intPart + "." + frac;
  }

  // Python's format(x, ".6g") (any precision p).
  function formatG(x, p) {
    p = p || 6;
    if (special(x)) { return special(x); }
    if (x === 0) { return sign(x) + "0"; }
    var ex = digitsOf(x), r = roundDigits(ex.digits, p), exp = ex.exp + r.carry;
    var d = r.digits.replace(/0+$/, "") || "0";
    if (exp < -4 || exp >= p) {
      return sign(x) + d[0] + (d.length > 1 ? "." + d.slice(1) : "") + expText(exp);
    }
    return sign(x) + fixed(d, exp, false);
  }

  // Python's repr(float): the shortest digits that round-trip, in Python's layout; bare:
  // without the ".0" of a whole number, as in the parts of a complex number (2j, (1-0j)).
  function floatRepr(x, bare) {
    if (special(x)) { return special(x); }
    if (x === 0) { return sign(x) + (bare ? "0" : "0.0"); }
    var m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(Math.abs(x).toExponential());
    var d = m[1] + (m[2] || ""), exp = Number(m[3]);
    if (exp < -4 || exp >= 16) {
      return sign(x) + d[0] + (d.length > 1 ? "." + d.slice(1) : "") + expText(exp);
    }
    return sign(x) + fixed(d, exp, !bare);
  }

  // Python's repr(complex): the imaginary part alone when the real part is +0.
  function complexRepr(re, im) {
    if (re === 0 && !Object.is(re, -0)) { return floatRepr(im, true) + "j"; }
    var imag = floatRepr(im, true);
    return "(" + floatRepr(re, true) + (imag[0] === "-" ? "" : "+") + imag + "j)";
  }

  // Python's repr(str): single quotes unless the text has ' and no ".
  var NAMED = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  function strRepr(s) {
    var q = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
    var out = "";
    Array.from(s).forEach(function (ch) {
      var c = ch.codePointAt(0);
      if (NAMED[ch]) { out += NAMED[ch]; }
      else if (ch === q) { out += "\\" + ch; }
      else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c === 0xad) { out += "\\x" + c.toString(16).padStart(2, "0"); }
      else if ((c >= 0x200b && c <= 0x200f) || c === 0x2028 || c === 0x2029 || c === 0xfeff) {
        out += "\\u" + c.toString(16).padStart(4, "0");
      } else { out += ch; }
    });
    return q + out + q;
  }

  // repr() of a parsed value (see exercises-parse.js for the tagged values).
  var REPR = {
    int: function (v) { return String(v.v); },
    float: function (v) { return floatRepr(v.v); },
    bool: function (v) { return v.v ? "True" : "False"; },
    complex: function (v) { return complexRepr(v.re, v.im); },
    none: function () { return "None"; },
    str: function (v) { return strRepr(v.v); },
    placeholder: function (v) { return v.name; },
    list: function (v) { return "[" + reprItems(v.items) + "]"; },
    tuple: function (v) { return "(" + reprItems(v.items) + (v.items.length === 1 ? ",)" : ")"); },
    dict: function (v) {
      return "{" + v.items.map(function (kv) { return repr(kv[0]) + ": " + repr(kv[1]); }).join(", ") + "}";
    }
  };
  function reprItems(items) { return items.map(function (x) { return repr(x); }).join(", "); }

  // repr(v), or its first `limit` characters (Python's "{!r:.60}").
  function repr(v, limit) {
    var text = REPR[v.t](v);
    return limit ? Array.from(text).slice(0, limit).join("") : text;
  }

  // str() of a shape tuple of ints: (4, 3), (5,), ().
  function shapeText(shape) {
    return "(" + shape.join(", ") + (shape.length === 1 ? ",)" : ")");
  }

  // Fill a template "{name}" from Python (literal braces doubled, as in str.format).
  function fill(template, values) {
    return template.replace(/\{\{|\}\}|\{(\w+)\}/g, function (m, key) {
      if (m === "{{") { return "{"; }
      if (m === "}}") { return "}"; }
      if (!(key in values)) { throw new Error("no value for {" + key + "}"); }
      return values[key];
    });
  }

  // Python's mlpcourse.exercises._result._inline_html: escape, `code` spans, line breaks.
  function inlineHtml(text) {
    var escaped = String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
    return escaped.replace(/`([^`]+)`/g, "<code>$1</code>").split("\n").join("<br>");
  }

  X.format = { formatG: formatG, floatRepr: floatRepr, strRepr: strRepr, repr: repr,
               shapeText: shapeText, fill: fill, inlineHtml: inlineHtml };
})();
