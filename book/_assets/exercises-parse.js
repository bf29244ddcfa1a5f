// Read an answer typed in the page as the Python value it would be in `check(...)`.
//
// The field takes one Python value: a number (42, 0.5, 1e-3, 1_000), arithmetic on numbers
// (+ - * / ** and parentheses), a list or tuple ([1, 2], (4, 3), 4, 3), a dict, a string in
// quotes, None, True, False, nan and inf (also np.nan, np.inf, float("nan")), and the
// placeholder ____ (or ...), which means "not answered yet". Anything else (unquoted words,
// complex numbers such as 1+2j, unknown names) is read as the text typed, a Python str.
// Values are tagged: {t: "int" | "float" | "bool" | "none" | "str" | "placeholder" |
// "list" | "tuple" | "dict", ...}. tests/browser/test_static_exercises.py holds the same
// rules written over Python's own parser, and checks that both read the same values.
(function () {
  "use strict";
  var X = (window.mlpcourseExercises = window.mlpcourseExercises || {});
  var MAX_INT = Math.pow(2, 53);

  function Fail(why) { this.why = why; }

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
        if (/^[\w.]/.test(text.slice(pos))) { throw new Fail("not a plain number"); }  // 1j, 0x10
        tokens.push({ k: "num", s: m[1] });
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

  // Arithmetic with Python's types: int op int stays int (but / gives a float).
  var isNum = function (v) { return v.t === "int" || v.t === "float" || v.t === "bool"; };
  var isBlank = function (v) { return v.t === "placeholder" && v.name === "____"; };

  function arith(op, a, b) {
    if (isBlank(a) || isBlank(b)) { return CONSTANTS.____; }  // ____ + 1 is ____, as in Python
    if (!isNum(a) || !isNum(b)) { throw new Fail("arithmetic on a non-number"); }
    var x = Number(a.v), y = Number(b.v), ints = a.t !== "float" && b.t !== "float", r;
    if ((op === "/" && y === 0) || (op === "**" && x === 0 && y < 0)) { throw new Fail("division by zero"); }
    if (op === "+") { r = x + y; } else if (op === "-") { r = x - y; } else if (op === "*") { r = x * y; }
    else if (op === "/") { return { t: "float", v: x / y }; }
    else {
      if (x < 0 && !Number.isInteger(y)) { throw new Fail("complex result"); }
      r = Math.pow(x, y);
      if (!isFinite(r) && isFinite(x) && isFinite(y)) { throw new Fail("overflow"); }
      if (ints && y < 0) { return { t: "float", v: r }; }
    }
    if (ints) {
      if (Math.abs(r) >= MAX_INT) { throw new Fail("integer too large"); }  // beyond exact doubles
      return { t: "int", v: r === 0 ? 0 : r };  // no -0 among Python's ints
    }
    return { t: "float", v: r };
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
      if (isBlank(v)) { return v; }
      if (!isNum(v)) { throw new Fail("sign of a non-number"); }
      var x = op === "-" ? -Number(v.v) : Number(v.v);
      if (v.t !== "float" && x === 0) { x = 0; }  // no -0 among Python's ints
      return { t: v.t === "float" ? "float" : "int", v: x };
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

  var TYPE_NAMES = { int: "int", float: "float", bool: "bool", none: "NoneType", str: "str",
                     list: "list", tuple: "tuple", dict: "dict" };
  function typeName(v) {
    if (v.t === "placeholder") { return v.name === "____" ? "_Blank" : "ellipsis"; }
    return TYPE_NAMES[v.t];
  }

  // mlpcourse.exercises._compare.as_numeric: numpy's asarray(value).astype(float), or null
  // for text, None, dicts, ragged lists and lists holding anything but numbers.
  function asNumeric(v) {
    if (isNum(v)) { return { shape: [], data: [Number(v.v)] }; }
    if (v.t !== "list" && v.t !== "tuple") { return null; }
    var parts = v.items.map(asNumeric);
    if (parts.some(function (p) { return p === null; })) { return null; }
    var inner = parts.length ? parts[0].shape : [];
    var same = parts.every(function (p) { return p.shape.join(",") === inner.join(","); });
    if (!same) { return null; }
    return { shape: [parts.length].concat(inner),
             data: [].concat.apply([], parts.map(function (p) { return p.data; })) };
  }

  X.parse = { parse: parse, isPlaceholder: isPlaceholder, containsPlaceholder: containsPlaceholder,
              typeName: typeName, asNumeric: asNumeric, isNum: isNum };
})();
