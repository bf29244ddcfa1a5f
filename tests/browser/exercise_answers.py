"""The answers the browser tests type into the exercise panels, and what Python makes of them.

``python_value(text)`` reads the text typed in a panel as the value ``check(...)`` gets in
a notebook: the rules of ``book/_assets/exercises-parse.js``, written over Python's own
parser and arithmetic (numbers, complex numbers, arithmetic, lists, tuples, dicts, quoted
strings, None/True/False, nan/inf, the placeholder; any other text is a ``str``). One
exception, ``polar_power(text)``: a complex power that Python takes in polar form may differ
in its last digits in the page. The ``*_inputs`` functions generate answers
from a question object: its reference answer, every planted mistake, and wrong answers of
every kind the framework names. ``python_verdict`` is what ``check()`` says to them.
"""
from __future__ import annotations

import ast
import re

import numpy as np

from mlpcourse.exercises import ____
from mlpcourse.exercises._export import quiet_session


# ------------------------------------------------- the text typed, read as Python reads it
class _NotAValue(Exception):
    pass


INT = re.compile(r"(?:[1-9](?:_?\d)*|0(?:_?0)*)")
FLOAT = re.compile(r"(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?")
IMAG = re.compile(rf"(?:{FLOAT.pattern}|\d(?:_?\d)*)[jJ]")
STRING = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")
SPECIAL = re.compile(r"([+-]?)(nan|inf|infinity)", re.I)
NAMES = {"nan": float("nan"), "inf": float("inf"), "____": ____}
OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
       ast.Div: lambda a, b: a / b, ast.Pow: lambda a, b: a ** b}


def _number(value, source):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, complex) and IMAG.fullmatch(source):
        return value
    if isinstance(value, int) and INT.fullmatch(source) and abs(value) < 2 ** 53:
        return value
    if isinstance(value, float) and FLOAT.fullmatch(source) and not INT.fullmatch(source):
        return value
    raise _NotAValue(source)


def _float_of(value):
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if SPECIAL.fullmatch(text) or FLOAT.fullmatch(text.lstrip("+-")):
            return float(text)
    raise _NotAValue(value)


def _arith(op, a, b):
    if a is ____ or b is ____:
        return ____
    if not all(isinstance(x, (int, float, complex)) for x in (a, b)):
        raise _NotAValue(op)
    ints = isinstance(a, int) and isinstance(b, int)  # bool is an int
    if op is ast.Pow and ints and b >= 0 and abs(float(a) ** b) > 2 ** 53:
        raise _NotAValue("integer too large")
    value = OPS[op](a, b)
    if isinstance(value, int) and abs(value) >= 2 ** 53:
        raise _NotAValue("integer too large")
    return value


def _eval(node, text):
    source = ast.get_source_segment(text, node) or ""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            if not STRING.fullmatch(source):
                raise _NotAValue(source)
            return node.value
        if node.value is Ellipsis:
            return ...
        if isinstance(node.value, bytes):
            raise _NotAValue(source)
        return _number(node.value, source)
    if isinstance(node, ast.Name) and node.id in NAMES:
        return NAMES[node.id]
    if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id in ("np", "numpy", "math") and node.attr in ("nan", "inf")):
        return NAMES[node.attr]
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "float"
            and len(node.args) == 1 and not node.keywords):
        return _float_of(_eval(node.args[0], text))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _eval(node.operand, text)
        if value is ____:
            return ____
        if not isinstance(value, (int, float, complex)):
            raise _NotAValue(source)
        return -value if isinstance(node.op, ast.USub) else +value
    if isinstance(node, ast.BinOp) and type(node.op) in OPS:
        return _arith(type(node.op), _eval(node.left, text), _eval(node.right, text))
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [_eval(e, text) for e in node.elts]
        return items if isinstance(node, ast.List) else tuple(items)
    if isinstance(node, ast.Dict) and None not in node.keys:
        return {_eval(k, text): _eval(v, text) for k, v in zip(node.keys, node.values)}
    raise _NotAValue(source)


def _is_polar(base, exponent):
    """True if Python computes ``base ** exponent`` in polar form (CPython's ``_Py_c_pow``)."""
    if not isinstance(base, complex) and not isinstance(exponent, complex):
        if not isinstance(base, (int, float)) or base >= 0 or float(exponent).is_integer():
            return False  # a real power
    e = complex(exponent)
    return not (e.imag == 0 and e.real.is_integer() and abs(e.real) <= 100)


def polar_power(text):
    """True if the text holds a complex power that Python takes in polar form: the page
    computes it with JavaScript's Math functions, whose last digits may differ from the C
    library's (exercises-arith.js), so its repr() may differ in the last digits."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            try:
                if _is_polar(_eval(node.left, text.strip()), _eval(node.right, text.strip())):
                    return True
            except (_NotAValue, ZeroDivisionError, OverflowError, TypeError, ValueError):
                continue
    return False


def python_value(text):
    """The value ``check(...)`` gets for the text typed in the page (see exercises-parse.js)."""
    text = text.strip()
    try:
        return _eval(ast.parse(text, mode="eval").body, text)
    except (SyntaxError, _NotAValue, ZeroDivisionError, OverflowError, TypeError, ValueError):
        return text


def from_tagged(v):
    """A value tagged by exercises-parse.js, as the Python value it stands for."""
    kind = v["t"]
    simple = {"int": int, "float": float, "bool": bool, "str": str}
    if kind in simple:
        return simple[kind](v["v"])
    if kind == "complex":
        return complex(v["re"], v["im"])
    if kind == "none":
        return None
    if kind == "placeholder":
        return ____ if v["name"] == "____" else ...
    items = [from_tagged(x) for x in v["items"]] if kind != "dict" else None
    if kind == "dict":
        return {from_tagged(k): from_tagged(x) for k, x in v["items"]}
    return items if kind == "list" else tuple(items)


# ------------------------------------------------------------- answers to try, by kind
def literal(x):
    return repr(np.asarray(x).tolist())


#: Answers check() refuses before comparing (text, None, booleans, complex numbers, NaN,
#: infinities, what numpy does not read as numbers), placeholders and unreadable text.
REFUSED = [
    "nan", "inf", "-inf", "float('nan')", "np.inf", "1e400", "-1e400", "'forty two'",
    "hello world", "None", "True", "False", "'True'", "'None'", "none", "true",
    "1+2j", "3j", "-2j", "0j", "2j - 2j", "1 - 0j", "(1+1j) ** 2", "(-4) ** 0.5", "1 / 2j",
    "(2+0j) ** 1000", "1j / 0", "[1j, 'a']", "(1j,)", "[[1, 2j], [3, 4]]",
    "[]", "()", "{'a': 1}", "{'a': 1j}", "[1, 'a', 3]", "[[1, 2], [3]]", "[1, None]", "[None]",
    "[True, False]", "[[True], [False]]", "[True, 2]", "[True, 2.5]", "[nan, inf]", "[inf, -inf]",
    str(list(range(30)) + ["a"]), "____", "...", "", "[1, ____]", "(784 + 1) * ____", "1/0",
    "0x10", "2 ** 0.5", "7 // 2",
]


def _near_misses(q, A):
    """Answers just inside and just outside ``near=(rtol, message)``, on both sides."""
    if q.near is None:
        return []
    rtol = q.near[0]
    return [literal(A * (1 + f * rtol)) for f in (0.5, -0.5, 0.99, -0.99, 1.01, -1.01, 2.0)]


def _scalar_inputs(q, a):
    """A number in other guises; for a count, numbers near a whole one (snapped or not)."""
    found = [literal(a + 0.5), literal(np.round(a * 1.37)), f"{a:,.0f}", f"'{a:g}'",
             f"[{literal(a)}]", f"{literal(a)} + 0", f"({literal(a)}) * 2 / 2", f"{a:.0f}.0",
             literal(complex(a)), f"{literal(a)} + 1j", "0", "0.0", "-0.0", "[0]",
             repr(a * 1.000123456789), repr(a * 0.9999)]
    if q.integer:
        found += [repr(a + d) for d in (1e-7, -1e-7, 0.4, -0.4, 0.5, 1.5, 2.5)]
        found += [repr(a * (1 + r)) for r in (5e-10, -5e-10, 2e-9, -2e-9, 1e-6)]
    return found


def _array_inputs(A):
    """An array with some entries off, with a NaN or an infinity, as booleans, complex."""
    found = []
    for k in (1, 2):
        moved = A.copy()
        moved.flat[:k] += 3.5
        found.append(literal(moved))
    for bad in (np.nan, np.inf):
        spoiled = A.copy()
        spoiled.flat[-1] = bad
        found.append(literal(spoiled))
    complex_zero = A.astype(complex)
    complex_one = complex_zero.copy()
    complex_one.flat[0] += 1j
    return found + [literal(A.astype(bool)), literal(complex_zero), literal(complex_one),
                    literal(np.where(A == 0, 0.0, 0.0 * A))]


def value_inputs(q):
    A = np.asarray(q._answer, dtype=float)
    wrong = []
    for m in q.mistakes:
        try:
            wrong.append(literal(q._wrong_value(m)))
        except Exception:
            continue
    scaled = [literal(c * A) for c in (-1, 2, 0.5, -2, -0.5, 7.25, 1.37, 1.0000001, 0)]
    shapes = [literal(A.reshape((1,) + A.shape)), literal(A[..., None]),
              literal(np.full(A.shape + (2,), 7)), literal([A, A]), literal(A.T),
              literal(A.ravel()), literal(np.zeros(A.shape + (1,)))]
    own = _scalar_inputs(q, float(A)) if A.ndim == 0 else _array_inputs(A)
    answers = [literal(q._answer)] + wrong + scaled + shapes + _near_misses(q, A) + own + REFUSED
    return list(dict.fromkeys(answers))


def shapes_inputs(q):
    names, n = list(q._expected), q.n_samples or 1
    right = {k: str(tuple(v)) for k, v in q._expected.items()}
    cases = [right, {}, {names[0]: right[names[0]]}, dict(list(right.items())[:2])]
    for name, want in q._expected.items():
        first = want[0] if want else 1
        variants = [str(want[::-1]), str(want[:1]), str(want + (1,)), str((first + 7, first)),
                    str((n + 3, want[-1] if want else 1)), str(want + (9,)), "abc", "(4.0, 3)",
                    str(first), str(list(want)), "(4, ____)", "...", "True", "{'a': 1}",
                    "False", f"(True, {first})", f"({first}, False)", "None", "2j", "(4, 3j)",
                    "(4+0j, 3)", "-1e400", "nan", "(1+2j) ** 2"]
        for text in variants:
            cases += [{name: text}, {**right, name: text}]
    return cases


def choice_inputs(q):
    keys = list(q.options)
    if q.multiple:
        return [[k for i, k in enumerate(keys) if mask >> i & 1] for mask in range(2 ** len(keys))]
    return [[]] + [[k] for k in keys]


THINK_INPUTS = ["", "ab", "  ab  ", "abc", "\n\t x \n", "____", "The gradient is zero."]
INPUTS = {"value": value_inputs, "shapes": shapes_inputs, "choice": choice_inputs,
          "think": lambda q: THINK_INPUTS}


def python_verdict(q, kind, given):
    """What ``check()`` says for what was entered in the page."""
    read = lambda text: python_value(text) if text.strip() else ____  # noqa: E731
    if kind == "value":
        answer = read(given)
    elif kind == "shapes":
        answer = {name: read(given.get(name, "")) for name in q._expected}
    elif kind == "choice":
        answer = ____ if not given else (given if q.multiple else given[0])
    else:
        answer = given
    with quiet_session():
        result = q.check(answer)
    return {"status": result.status, "message": result.message, "details": result.details}
