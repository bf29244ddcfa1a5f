"""save/load: a round trip keeps everything; tampered and pickled files are refused."""
import json
import pickle

import numpy as np
import pytest

from mlpcourse import MLP
from mlpcourse.serialization import FORMAT


@pytest.fixture
def saved(tmp_path):
    net = MLP([3, 5, 2], activation="tanh", output_activation="softmax", seed=1)
    path = tmp_path / "net.npz"
    net.save(path)
    return net, path


def _contents(path):
    with np.load(path, allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


def _rewrite(path, arrays, config=None):
    if config is not None:
        arrays["config"] = np.array(json.dumps(config))
    np.savez(path, **arrays)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_round_trip(tmp_path, dtype):
    net = MLP([3, 5, 4, 2], activation="elu", output_activation="sigmoid", seed=3,
              dtype=dtype)
    net.fit(np.ones((4, 3), dtype), np.zeros((4, 2), dtype), loss="binary_crossentropy",
            epochs=2)
    net.save(tmp_path / "a.npz")
    back = MLP.load(tmp_path / "a.npz")
    assert back.layer_sizes == net.layer_sizes and back.dtype == net.dtype
    assert back.activation.name == "elu" and back.output_activation.name == "sigmoid"
    for a, b in zip(net.weights + net.biases, back.weights + back.biases):
        assert a.dtype == b.dtype and a.tobytes() == b.tobytes()
    X = np.random.default_rng(0).normal(size=(6, 3)).astype(dtype)
    np.testing.assert_array_equal(net.forward(X), back.forward(X))
    back.fit(X, np.zeros((6, 2), dtype), loss="binary_crossentropy", epochs=1)  # trainable


def test_file_holds_only_arrays_and_a_json_config(saved):
    net, path = saved
    data = _contents(path)
    assert sorted(data) == ["W0", "W1", "b0", "b1", "config"]
    config = json.loads(str(data["config"]))
    assert config == {"format": FORMAT, "layer_sizes": [3, 5, 2], "activation": "tanh",
                      "output_activation": "softmax", "dtype": "float64"}


def test_wrong_shape_is_refused(saved):
    _, path = saved
    data = _contents(path)
    data["W1"] = np.zeros((5, 3))
    _rewrite(path, data)
    with pytest.raises(ValueError, match=r"refusing to load .*array W1 has shape \(5, 3\) "
                                         r"and dtype float64, expected \(5, 2\)"):
        MLP.load(path)


def test_wrong_dtype_is_refused(saved):
    _, path = saved
    data = _contents(path)
    data["b0"] = data["b0"].astype(np.float32)
    _rewrite(path, data)
    with pytest.raises(ValueError, match="array b0 .* dtype float32, expected .* float64"):
        MLP.load(path)


def test_extra_or_missing_arrays_are_refused(saved):
    _, path = saved
    data = _contents(path)
    _rewrite(path, dict(data, W2=np.zeros((2, 2))))
    with pytest.raises(ValueError, match=r"it holds arrays \['W0', 'W1', 'W2', 'b0', 'b1'\]"):
        MLP.load(path)
    del data["b1"]
    _rewrite(path, data)
    with pytest.raises(ValueError, match="expected \\['W0', 'W1', 'b0', 'b1'\\]"):
        MLP.load(path)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nonfinite_values_are_refused(saved, bad):
    _, path = saved
    data = _contents(path)
    data["W0"][0, 0] = bad
    _rewrite(path, data)
    with pytest.raises(ValueError, match="array W0 holds NaN or infinite values"):
        MLP.load(path)


@pytest.mark.parametrize("change, match", [
    ({"format": "other-1"}, "its format is not 'mlpcourse-mlp-1'"),
    ({"layer_sizes": [3, 0, 2]}, "its layer sizes are invalid"),
    ({"layer_sizes": "3-5-2"}, "its layer sizes are invalid"),
    ({"activation": "bogus"}, "its configuration is invalid .*unknown activation 'bogus'"),
    ({"dtype": "int8"}, "its configuration is invalid .*dtype must be one of"),
    ({"activation": "softmax"}, "its configuration is invalid .*output activation only"),
])
def test_bad_config_is_refused(saved, change, match):
    _, path = saved
    data = _contents(path)
    config = json.loads(str(data["config"]))
    config.update(change)
    _rewrite(path, data, config)
    with pytest.raises(ValueError, match="refusing to load .*" + match):
        MLP.load(path)


def test_missing_or_unreadable_config_is_refused(saved):
    _, path = saved
    data = _contents(path)
    data["config"] = np.array("{not json")
    _rewrite(path, data)
    with pytest.raises(ValueError, match="its configuration is missing or unreadable"):
        MLP.load(path)
    del data["config"]
    _rewrite(path, data)
    with pytest.raises(ValueError, match="its configuration is missing or unreadable"):
        MLP.load(path)


def test_pickled_files_are_refused(tmp_path, saved):
    net, path = saved
    data = _contents(path)
    payload = {"weights": net.weights}
    data["W0"] = np.array([payload], dtype=object)   # an object array inside the .npz
    np.savez(path, **data)
    with pytest.raises(ValueError, match="refusing to load .*pickled Python objects"):
        MLP.load(path)
    plain = tmp_path / "net.pkl"                  # a plain pickle
    plain.write_bytes(pickle.dumps(payload))
    with pytest.raises(ValueError, match="refusing to load .*pickled Python objects"):
        MLP.load(plain)


def test_not_a_npz_file_is_refused(tmp_path):
    path = tmp_path / "junk.npz"
    path.write_bytes(b"PK\x03\x04 definitely not a zip")
    with pytest.raises(ValueError, match="refusing to load .*not a readable .npz file"):
        MLP.load(path)
    with pytest.raises(ValueError, match="refusing to load"):
        MLP.load(tmp_path / "missing.npz")


def test_custom_activation_cannot_be_saved(tmp_path):
    net = MLP([2, 1], activation=(np.sin, np.cos))
    with pytest.raises(ValueError, match="cannot save a network with a custom activation"):
        net.save(tmp_path / "x.npz")
