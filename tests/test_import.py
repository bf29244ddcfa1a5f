"""``import mlpcourse`` loads numpy and nothing heavier (its time is reported by the bench)."""
import json
import subprocess
import sys

HEAVY = ("matplotlib", "sklearn", "scipy", "ipywidgets", "tqdm", "IPython", "pandas")


def test_import_loads_no_heavy_modules():
    code = ("import sys, json, mlpcourse; "
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    loaded = set(json.loads(out))
    assert "numpy" in loaded
    assert not loaded & set(HEAVY), f"import mlpcourse loaded {sorted(loaded & set(HEAVY))}"


def test_submodules_load_lazily():
    import mlpcourse
    assert mlpcourse.losses.LOSSES and mlpcourse.gradcheck.gradcheck
    assert {"MLP", "History", "DivergenceError"} <= set(mlpcourse.__all__)
