// Python's arithmetic on the numbers typed in the page (ints, floats, complex numbers), for
// exercises-parse.js: the value `check(...)` gets in a notebook for `2 ** 0.5`, `1 + 2j`,
// `(-4) ** 0.5`. Python's rules and CPython's algorithms (3.11: complexobject.c and
// floatobject.c), step by step on IEEE doubles, so results agree to the last bit:
//   - int op int stays an int (/ gives a float); an int of 2**53 or more is refused;
//   - an int or float mixed with a complex number is converted to complex first;
//   - complex / is CPython's _Py_c_quot; complex ** an integer up to 100 is its product
//     ladder (c_powi), any other complex power its polar form (_Py_c_pow), where Math's
//     exp, log, sin and cos may differ from the C library's in the last digit;
//   - a negative number to a fractional power is complex, as in Python.
// What Python refuses (1/0, 0 ** -1, an overflowing power) throws Fail: the parser then
// reads the text typed as a str. Numbers are tagged values: {t: "int" | "float" | "bool",
// v} and {t: "complex", re, im}.
(function () {
  "use strict";
  var X = (window.mlpcourseExercises = window.mlpcourseExercises || {});
  var MAX_INT = Math.pow(2, 53);

  function Fail(why) { this.why = why; }

  function isNum(v) { return v.t === "int" || v.t === "float" || v.t === "bool" || v.t === "complex"; }
  function complex(re, im) { return { t: "complex", re: re, im: im }; }
  function toComplex(v) { return v.t === "complex" ? v : complex(Number(v.v), 0); }

  // ------------------------------------------------------------------ complex numbers
  function quot(a, b) {  // _Py_c_quot
    var abr = Math.abs(b.re), abi = Math.abs(b.im), ratio, denom;
    if (abr >= abi) {
      if (abr === 0) { throw new Fail("complex division by zero"); }
      ratio = b.im / b.re;
      denom = b.re + b.im * ratio;
      return complex((a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom);
    }
    if (abi >= abr) {
      ratio = b.re / b.im;
      denom = b.re * ratio + b.im;
      return complex((a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom);
    }
    return complex(NaN, NaN);  // a NaN in b
  }

  function prod(a, b) { return complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re); }

  function powu(x, n) {  // c_powu: x ** n, n >= 0, by squaring
    var r = complex(1, 0), p = x;
    for (var mask = 1; mask > 0 && n >= mask; mask <<= 1) {
      if (n & mask) { r = prod(r, p); }
      p = prod(p, p);
    }
    return r;
  }

  function polarPow(a, b) {  // _Py_c_pow
    if (b.re === 0 && b.im === 0) { return complex(1, 0); }
    if (a.re === 0 && a.im === 0) {
      if (b.im !== 0 || b.re < 0) { throw new Fail("0.0 to a negative or complex power"); }
      return complex(0, 0);
    }
    var vabs = Math.hypot(a.re, a.im), len = Math.pow(vabs, b.re), at = Math.atan2(a.im, a.re);
    var phase = at * b.re;
    if (b.im !== 0) { len /= Math.exp(at * b.im); phase += b.im * Math.log(vabs); }
    return complex(len * Math.cos(phase), len * Math.sin(phase));
  }

  function complexPow(a, b) {  // complex_pow
    var n = b.re, p;
    if (b.im === 0 && n === Math.floor(n) && Math.abs(n) <= 100) {
      p = n > 0 ? powu(a, n) : quot(complex(1, 0), powu(a, -n));
    } else {
      p = polarPow(a, b);
    }
    if (Math.abs(p.re) === Infinity || Math.abs(p.im) === Infinity) { throw new Fail("complex exponentiation"); }
    return p;
  }

  var COMPLEX = {
    "+": function (a, b) { return complex(a.re + b.re, a.im + b.im); },
    "-": function (a, b) { return complex(a.re - b.re, a.im - b.im); },
    "*": prod, "/": quot, "**": complexPow
  };

  // --------------------------------------------------------------------- real numbers
  function isOddInteger(y) { return Number.isInteger(y) && Math.abs(y % 2) === 1; }

  function floatPow(x, y) {  // float_pow: its special cases, then the platform's pow
    if (y === 0) { return 1; }
    if (Number.isNaN(x)) { return x; }
    if (Number.isNaN(y)) { return x === 1 ? 1 : y; }
    if (!isFinite(y)) {
      var ax = Math.abs(x);
      return ax === 1 ? 1 : (y > 0) === (ax > 1) ? Infinity : 0;
    }
    if (!isFinite(x)) { return Math.pow(x, y); }  // +-inf: as C99 (and Python) say
    if (x === 0) {
      if (y < 0) { throw new Fail("0.0 cannot be raised to a negative power"); }
      return isOddInteger(y) ? x : 0;
    }
    if (x < 0 && y !== Math.floor(y)) { return null; }  // complex: the caller takes over
    var r = Math.pow(x, y);
    if (!isFinite(r)) { throw new Fail("overflow"); }
    return r;
  }

  // a op b, as Python computes it.
  function arith(op, a, b) {
    if (!isNum(a) || !isNum(b)) { throw new Fail("arithmetic on a non-number"); }
    if (a.t === "complex" || b.t === "complex") { return COMPLEX[op](toComplex(a), toComplex(b)); }
    var x = Number(a.v), y = Number(b.v), ints = a.t !== "float" && b.t !== "float", r;
    if (op === "/" && y === 0) { throw new Fail("division by zero"); }
    if (op === "+") { r = x + y; } else if (op === "-") { r = x - y; } else if (op === "*") { r = x * y; }
    else if (op === "/") { return { t: "float", v: x / y }; }
    else {
      if (ints && y >= 0) {
        r = Math.pow(x, y);
      } else {
        r = floatPow(x, y);
        if (r === null) { return complexPow(toComplex(a), toComplex(b)); }
        return { t: "float", v: r };
      }
    }
    if (ints) {
      if (Math.abs(r) >= MAX_INT) { throw new Fail("integer too large"); }  // beyond exact doubles
      return { t: "int", v: r === 0 ? 0 : r };  // no -0 among Python's ints
    }
    return { t: "float", v: r };
  }

  // -v or +v, as Python computes it (an int or bool becomes an int).
  function sign(op, v) {
    if (!isNum(v)) { throw new Fail("sign of a non-number"); }
    if (v.t === "complex") { return op === "-" ? complex(-v.re, -v.im) : complex(v.re, v.im); }
    var x = op === "-" ? -Number(v.v) : Number(v.v);
    if (v.t !== "float" && x === 0) { x = 0; }  // no -0 among Python's ints
    return { t: v.t === "float" ? "float" : "int", v: x };
  }

  X.arith = { Fail: Fail, arith: arith, sign: sign, isNum: isNum, complex: complex, MAX_INT: MAX_INT };
})();
