"""save/load: a round trip keeps everything; tampered and pickled files are refused."""
import errno
import json
import pickle
import tracemalloc
import zipfile

import numpy as np
import pytest

from mlpcourse import MLP
from mlpcourse import serialization
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
    with pytest.raises(FileNotFoundError, match="no saved network at .*missing.npz'$"):
        MLP.load(tmp_path / "missing.npz")


def test_custom_activation_cannot_be_saved(tmp_path):
    net = MLP([2, 1], activation=(np.sin, np.cos))
    with pytest.raises(ValueError, match="cannot save a network with a custom activation"):
        net.save(tmp_path / "x.npz")


# ----------------------------------------------------------------- a failed save loses nothing
class _FullDisk:
    """A binary file that accepts ``room`` bytes and then fails as a full disk does."""

    def __init__(self, real, room):
        self.real, self.room = real, room

    def write(self, data):
        if len(data) > self.room:
            self.real.write(bytes(data[:self.room]))
            self.room = 0
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return self.real.write(data)

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


@pytest.mark.parametrize("room", [0, 100, 1000])
def test_a_save_that_fills_the_disk_leaves_the_old_file_byte_for_byte(saved, monkeypatch,
                                                                        room):
    net, path = saved
    before = path.read_bytes()
    real_open = serialization._open_new
    monkeypatch.setattr(serialization, "_open_new",
                        lambda name: _FullDisk(real_open(name), room))
    bigger = MLP([3, 50, 2], seed=2)
    with pytest.raises(OSError, match="No space left"):
        bigger.save(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary left
    assert MLP.load(path).layer_sizes == net.layer_sizes


def test_a_save_that_fails_midway_leaves_the_old_file(saved, monkeypatch):
    _, path = saved
    before = path.read_bytes()
    real_write = np.lib.format.write_array
    calls = []

    def failing_write(fp, array, *args, **kwargs):   # the third array cannot be written
        calls.append(array.shape)
        if len(calls) == 3:
            raise MemoryError("simulated failure while writing a weight")
        return real_write(fp, array, *args, **kwargs)
    monkeypatch.setattr(np.lib.format, "write_array", failing_write)
    with pytest.raises(MemoryError, match="simulated"):
        MLP([3, 4, 2], seed=5).save(path)
    monkeypatch.undo()
    assert len(calls) == 3 and path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_save_replaces_an_existing_file(saved):
    _, path = saved
    other = MLP([3, 7, 2], seed=9)
    other.save(path)
    assert MLP.load(path).layer_sizes == (3, 7, 2)


# ----------------------------------------------------------------- save refuses what load refuses
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_save_refuses_nonfinite_weights_and_keeps_the_old_file(saved, bad):
    net, path = saved
    before = path.read_bytes()
    net.weights[1][2, 0] = bad
    with pytest.raises(ValueError, match="cannot save this network: array W1 holds NaN or "
                                         "infinite values"):
        net.save(path)
    assert path.read_bytes() == before


def test_save_refuses_arrays_of_another_dtype_or_shape(tmp_path):
    net = MLP([3, 5, 2], seed=1)
    net.biases[0] = net.biases[0].astype(np.float32)
    with pytest.raises(ValueError, match=r"cannot save this network: array b0 has shape "
                                         r"\(5,\) and dtype float32, expected \(5,\) and "
                                         r"float64"):
        net.save(tmp_path / "a.npz")
    net = MLP([3, 5, 2], seed=1)
    net.biases[1] = np.zeros(3)
    with pytest.raises(ValueError, match=r"array b1 has shape \(3,\) .*expected \(2,\)"):
        net.save(tmp_path / "a.npz")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("given, written", [("model", "model.npz"),
                                            ("model.npz", "model.npz"),
                                            ("model.v2", "model.v2.npz")])
def test_save_and_load_accept_the_same_paths(tmp_path, given, written):
    net = MLP([2, 3, 1], seed=4)
    for path in (str(tmp_path / given), tmp_path / given):
        assert net.save(path) == str(tmp_path / written)
        back = MLP.load(path)
        np.testing.assert_array_equal(back.weights[0], net.weights[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == [written]


def test_a_folder_is_refused_by_save_and_load(tmp_path):
    net = MLP([2, 1])
    for call in (net.save, MLP.load):
        with pytest.raises(IsADirectoryError, match="is a folder: give a file name inside it, "
                                                    "such as '.*model.npz'"):
            call(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_load_of_a_missing_file_names_the_file_it_looked_for(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"no saved network at '.*model.npz' "
                                                r"\(load\('.*model'\) reads '.*model.npz'"):
        MLP.load(tmp_path / "model")


def test_load_reads_a_saved_network_under_another_name(saved, tmp_path):
    net, path = saved
    renamed = tmp_path / "net.bin"
    path.rename(renamed)
    np.testing.assert_array_equal(MLP.load(renamed).weights[1], net.weights[1])


# ----------------------------------------------------------------- files of another kind
def _file_kinds(tmp_path):
    text = tmp_path / "notes.npz"
    text.write_text("layer_sizes: [2, 3, 1]\n")
    npy = tmp_path / "weights.npy"
    np.save(npy, np.ones((2, 3)))
    empty = tmp_path / "empty.npz"
    empty.write_bytes(b"")
    archive = tmp_path / "other.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "hello")
    return [(text, r"it is a text file, not an \.npz file \(it begins 'layer_sizes: "),
            (npy, r"it is a single numpy array saved with numpy.save \(.npy\)"),
            (empty, r"it is empty \(0 bytes\)"),
            (archive, r"it is a zip archive of other files \(readme.txt\)")]


def test_files_of_another_kind_say_what_they_are(tmp_path):
    for path, match in _file_kinds(tmp_path):
        with pytest.raises(ValueError, match=r"refusing to load .*: " + match):
            MLP.load(path)


def _crafted(path, config, headers):
    """An .npz whose arrays have the given header shapes but (almost) no data."""
    with zipfile.ZipFile(path, "w") as z:
        with z.open("config.npy", "w") as f:
            np.lib.format.write_array(f, np.array(json.dumps(config)))
        for key, shape in headers.items():
            with z.open(key + ".npy", "w") as f:
                np.lib.format.write_array_header_1_0(
                    f, {"descr": "<f8", "fortran_order": False, "shape": shape})
                f.write(b"\0" * 64)


def test_a_crafted_config_asking_for_terabytes_is_refused_before_allocating(tmp_path):
    path = tmp_path / "huge.npz"
    n = 1_000_000                          # a 1,000,000 x 1,000,000 layer: 8 TB of float64
    config = {"format": FORMAT, "layer_sizes": [n, n], "activation": "relu",
              "output_activation": "identity", "dtype": "float64"}
    _crafted(path, config, {"W0": (n, n), "b0": (n,)})
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match=r"refusing to load .*its configuration asks for "
                                             r"1,000,001,000,000 parameters \(8 TB\) but the "
                                             r"file is only [\d.]+ kB long"):
            MLP.load(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10_000_000


def test_a_header_that_disagrees_with_the_config_is_refused_before_reading(tmp_path):
    path = tmp_path / "lying.npz"
    config = {"format": FORMAT, "layer_sizes": [2, 1], "activation": "relu",
              "output_activation": "identity", "dtype": "float64"}
    _crafted(path, config, {"W0": (10**7, 10**7), "b0": (1,)})
    with pytest.raises(ValueError, match=r"array W0 has shape \(10000000, 10000000\) and "
                                         r"dtype float64, expected \(2, 1\)"):
        MLP.load(path)


def test_saving_into_a_missing_folder_names_the_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"cannot save to .*model.npz: the folder "
                                                r".*missing does not exist"):
        MLP([2, 1]).save(tmp_path / "missing" / "model")
