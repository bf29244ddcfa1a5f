// Read an answer typed in the page as the Python value it would be in `check(...)`.
//
// The field takes one Python value: a number (42, 0.5, 1e-3, 1_000, 2j), arithmetic on
// numbers (+ - * / ** and parentheses, computed as Python does: exercises-arith.js), a list
// or tuple ([1, 2], (4, 3), 4, 3), a dict, a string in quotes, None, True, False, nan and
// inf (also np.nan, np.inf, float("nan")), and the placeholder ____ (or ...), which means
// "not answered yet". Anything else (unquoted words, unknown names, 1/0) is read as the text
// typed, a Python str. Values are tagged: {t: "int" | "float" | "bool" | "complex" | "none" |
// "str" | "placeholder" | "list" | "tuple" | "dict", ...}. tests/browser/exercise_answers.py
// holds the same rules written over Python's own parser, and
// tests/browser/test_static_exercises.py checks that both read the same values.
(function () {
  "use strict";
  var X = (window.mlpcourseExercises = window.mlpcourseExercises || {});
  var A = X.arith, Fail = A.Fail, MAX_INT = A.MAX_INT;

  var TOKEN = /\s*(?:(\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d[\d_]*)?|\.\d[\d_]*(?:[eE][+-]?\d[\d_]*)?)|('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")|([A-Za-z_]\w*)|(\.\.\.|\*\*|[-+*\/()[\]{},:.]))/y;
  var INT = /^(?:[1-9](?:_?\d)*|0(?:_?0)*)$/;
  var FLOAT = /^(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?$/;
  var ESCAPES = { n: "\n", t: "\t", r: "\r", "0": "\0", "\\": "\\", "'": "'", '"': '"' };

  function tokenize(text) {
    var tokens = [], pos = 0, m;
    text = text.trim();
    while (pos < text.length) {
      TOKEN.lastIndex = pos;
      m = TOKEN.exec(text);
      if (!m) { throw new Fail("cannot read " + JSON.stringify(text.slice(pos))); }
      pos = TOKEN.lastIndex;
      if (m[1] !== undefined) {
        var imaginary = /^[jJ]/.test(text.slice(pos));
        if (imaginary) { pos += 1; }
        if (/^[\w.]/.test(text.slice(pos))) { throw new Fail("not a plain number"); }  // 0x10, 1jx
        tokens.push({ k: imaginary ? "imag" : "num", s: m[1] });
      } else if (m[2] !== undefined) { tokens.push({ k: "str", s: m[2] }); }
      else if (m[3] !== undefined) { tokens.push({ k: "name", s: m[3] }); }
      else { tokens.push({ k: "op", s: m[4] }); }
    }
    return tokens;
  }

  function number(s) {
    var clean = s.replace(/_/g, "");
    if (/^[\d_]+$/.test(s)) {
      if (!INT.test(s)) { throw new Fail("leading zeros"); }
      if (BigInt(clean) >= BigInt(MAX_INT)) { throw new Fail("integer too large"); }
      return { t: "int", v: Number(clean) };
    }
    if (!FLOAT.test(s)) { throw new Fail("not a number"); }
    return { t: "float", v: Number(clean) };
  }

  function imaginary(s) {  // 2j, 1.5e3j, 007j: a float or digits, then j
    if (!FLOAT.test(s) && !/^\d(?:_?\d)*$/.test(s)) { throw new Fail("not a number"); }
    return A.complex(0, Number(s.replace(/_/g, "")));
  }

  function unquote(s) {
    return s.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, function (m, e) {
      if (e.length > 1) { return String.fromCharCode(parseInt(e.slice(1), 16)); }
      return e in ESCAPES ? ESCAPES[e] : "\\" + e;
    });
  }

  // float("nan"), float("-inf"), float("2.5"), float(3): what Python's float() accepts here.
  function toFloat(v) {
    if (v.t === "int" || v.t === "float" || v.t === "bool") { return { t: "float", v: Number(v.v) }; }
    if (v.t === "str") {
      var s = v.v.trim(), m = /^([+-]?)(nan|inf|infinity)$/i.exec(s);
      if (m) {
        var x = m[2].toLowerCase() === "nan" ? NaN : Infinity;
        return { t: "float", v: m[1] === "-" ? -x : x };
      }
      if (FLOAT.test(s.replace(/^[+-]/, ""))) { return { t: "float", v: Number(s.replace(/_/g, "")) }; }
    }
    throw new Fail("float() of this");
  }

  var CONSTANTS = { None: { t: "none" }, True: { t: "bool", v: true }, False: { t: "bool", v: false },
                    nan: { t: "float", v: NaN }, inf: { t: "float", v: Infinity },
                    ____: { t: "placeholder", name: "____" } };
  var MODULES = { np: true, numpy: true, math: true };

  var isBlank = function (v) { return v.t === "placeholder" && v.name === "____"; };

  function arith(op, a, b) {
    if (isBlank(a) || isBlank(b)) { return CONSTANTS.____; }  // ____ + 1 is ____, as in Python
    return A.arith(op, a, b);
  }

  function Parser(tokens) { this.tokens = tokens; this.i = 0; }
  Parser.prototype.peek = function (s) { var t = this.tokens[this.i]; return t && t.k === "op" && t.s === s; };
  Parser.prototype.take = function (s) {
    if (!this.peek(s)) { throw new Fail("expected " + s); }
    this.i += 1;
  };
  Parser.prototype.items = function (close) {  // a, b, c[,] up to close; returns [items, hadComma]
    var items = [], comma = false;
    while (!this.peek(close)) {
      items.push(this.expr());
      if (!this.peek(",")) { break; }
      this.take(","); comma = true;
    }
    this.take(close);
    return [items, comma];
  };
  Parser.prototype.top = function () {  // a bare tuple: 4, 3
    var first = this.expr();
    if (!this.peek(",")) { return first; }
    var items = [first];
    while (this.peek(",")) {
      this.take(",");
      if (this.i >= this.tokens.length) { break; }
      items.push(this.expr());
    }
    return { t: "tuple", items: items };
  };
  Parser.prototype.expr = function () {
    var v = this.term();
    while (this.peek("+") || this.peek("-")) { var op = this.tokens[this.i++].s; v = arith(op, v, this.term()); }
    return v;
  };
  Parser.prototype.term = function () {
    var v = this.unary();
    while (this.peek("*") || this.peek("/")) { var op = this.tokens[this.i++].s; v = arith(op, v, this.unary()); }
    return v;
  };
  Parser.prototype.unary = function () {
    if (this.peek("-") || this.peek("+")) {
      var op = this.tokens[this.i++].s, v = this.unary();
      return isBlank(v) ? v : A.sign(op, v);
    }
    return this.power();
  };
  Parser.prototype.power = function () {
    var base = this.atom();
    if (this.peek("**")) { this.take("**"); return arith("**", base, this.unary()); }
    return base;
  };
  Parser.prototype.atom = function () {
    var t = this.tokens[this.i++];
    if (!t) { throw new Fail("unexpected end"); }
    if (t.k === "num") { return number(t.s); }
    if (t.k === "imag") { return imaginary(t.s); }
    if (t.k === "str") { return { t: "str", v: unquote(t.s) }; }
    if (t.k === "name") { return this.name(t.s); }
    if (t.s === "...") { return { t: "placeholder", name: "Ellipsis" }; }
    if (t.s === "(") {
      var r = this.items(")");
      return r[0].length === 1 && !r[1] ? r[0][0] : { t: "tuple", items: r[0] };
    }
    if (t.s === "[") { return { t: "list", items: this.items("]")[0] }; }
    if (t.s === "{") { return this.dict(); }
    throw new Fail("unexpected " + t.s);
  };
  Parser.prototype.name = function (s) {
    if (MODULES[s] && this.peek(".")) {
      this.take(".");
      var attr = this.tokens[this.i++];
      if (attr && attr.k === "name" && (attr.s === "nan" || attr.s === "inf")) { return CONSTANTS[attr.s]; }
      throw new Fail("unknown attribute");
    }
    if (s === "float" && this.peek("(")) {
      this.take("(");
      var v = this.expr();
      this.take(")");
      return toFloat(v);
    }
    if (Object.prototype.hasOwnProperty.call(CONSTANTS, s)) { return CONSTANTS[s]; }
    throw new Fail("unknown name " + s);
  };
  function hashable(v) {
    if (v.t === "list" || v.t === "dict") { return false; }
    return v.t !== "tuple" || v.items.every(hashable);
  }
  Parser.prototype.dict = function () {  // a repeated key keeps its place and takes the last value
    var items = [], where = Object.create(null);
    while (!this.peek("}")) {
      var key = this.expr();
      if (!hashable(key)) { throw new Fail("unhashable key"); }
      this.take(":");
      var id = X.format.repr(key), value = this.expr();
      if (id in where) { items[where[id]][1] = value; } else { where[id] = items.length; items.push([key, value]); }
      if (!this.peek(",")) { break; }
      this.take(",");
    }
    this.take("}");
    return { t: "dict", items: items };
  };

  // The Python value of the text typed; text that is no such value is a str.
  function parse(text) {
    try {
      var tokens = tokenize(text), p = new Parser(tokens);
      if (!tokens.length) { throw new Fail("empty"); }
      var v = p.top();
      if (p.i !== tokens.length) { throw new Fail("text after the value"); }
      return v;
    } catch (e) {
      if (e instanceof Fail) { return { t: "str", v: text.trim() }; }
      throw e;
    }
  }

  // mlpcourse.exercises._placeholder: is_placeholder and contains_placeholder (depth 6).
  function isPlaceholder(v) { return v.t === "placeholder"; }
  function containsPlaceholder(v, depth) {
    depth = depth || 0;
    if (isPlaceholder(v)) { return true; }
    if (depth > 6) { return false; }
    if (v.t === "dict") { return v.items.some(function (kv) { return containsPlaceholder(kv[1], depth + 1); }); }
    if (v.t === "list" || v.t === "tuple") { return v.items.some(function (x) { return containsPlaceholder(x, depth + 1); }); }
    return false;
  }

  var TYPE_NAMES = { int: "int", float: "float", bool: "bool", complex: "complex", none: "NoneType",
                     str: "str", list: "list", tuple: "tuple", dict: "dict" };
  function typeName(v) {
    if (v.t === "placeholder") { return v.name === "____" ? "_Blank" : "ellipsis"; }
    return TYPE_NAMES[v.t];
  }

  // The shape numpy gives nested lists and tuples (null if ragged); the scalars into leaves.
  function shapeOf(v, leaves) {
    if (v.t !== "list" && v.t !== "tuple") { leaves.push(v); return []; }
    var shapes = v.items.map(function (x) { return shapeOf(x, leaves); });
    if (shapes.indexOf(null) >= 0) { return null; }
    var inner = shapes.length ? shapes[0].join(",") : "";
    var same = shapes.every(function (s) { return s.join(",") === inner; });
    return same ? [shapes.length].concat(shapes.length ? shapes[0] : []) : null;
  }

  // What numpy.asarray makes of the value (mlpcourse.exercises._compare): dtype "number"
  // (ints, floats, bools mixed with numbers), "bool" (only bools), "complex" (a complex
  // number among numbers: the real parts in data, imaginary parts in imag), or "other"
  // (text, None, dicts, ragged lists: as_numeric refuses them). Scalars have shape [].
  function asArray(v) {
    var leaves = [], shape = shapeOf(v, leaves);
    if (!shape || !leaves.every(A.isNum)) { return { dtype: "other" }; }
    var isComplex = leaves.some(function (x) { return x.t === "complex"; });
    var allBool = leaves.length > 0 && leaves.every(function (x) { return x.t === "bool"; });
    return {
      dtype: isComplex ? "complex" : allBool ? "bool" : "number", shape: shape,
      data: leaves.map(function (x) { return x.t === "complex" ? x.re : Number(x.v); }),
      imag: leaves.map(function (x) { return x.t === "complex" ? x.im : 0; })
    };
  }

  X.parse = { parse: parse, isPlaceholder: isPlaceholder, containsPlaceholder: containsPlaceholder,
              typeName: typeName, asArray: asArray };
})();
