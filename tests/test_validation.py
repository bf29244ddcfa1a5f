"""Bad input gets a clear error that says what was expected (issue 2's list)."""
import numpy as np
import pytest

from mlpcourse import MLP
from mlpcourse import _validation as v
from mlpcourse.activations import ACTIVATIONS
from mlpcourse.initializers import INITIALIZERS
from mlpcourse.losses import LOSSES
from mlpcourse.optimizers import OPTIMIZERS

X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[1.0], [0.0], [1.0]])


@pytest.fixture
def net():
    return MLP([2, 3, 1], seed=0)


# --------------------------------------------------------------------- X
def test_wrong_number_of_features(net):
    with pytest.raises(ValueError, match=r"X has 3 features \(columns\) but the network "
                                         r"expects 2"):
        net.forward(np.ones((4, 3)))
    with pytest.raises(ValueError, match=r"X must be 2-D of shape \(n_samples, 2\)"):
        net.forward(np.ones(2))
    with pytest.raises(ValueError, match="X has no samples"):
        net.forward(np.ones((0, 2)))


def test_one_feature_may_be_1d():
    net = MLP([1, 2, 1])
    assert net.forward(np.arange(5.0)).shape == (5, 1)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nonfinite_X_and_y(net, bad):
    Xb = X.copy()
    Xb[1, 0] = bad
    with pytest.raises(ValueError, match=r"X contains \d NaN and \d infinite values"):
        net.forward(Xb)
    with pytest.raises(ValueError, match="X contains"):
        net.fit(Xb, Y)
    yb = Y.copy()
    yb[0, 0] = bad
    with pytest.raises(ValueError, match="y contains"):
        net.fit(X, yb)
    with pytest.raises(ValueError, match="y_val contains"):
        net.fit(X, Y, validation_data=(X, yb))


def test_non_numeric_X(net):
    with pytest.raises(TypeError, match="X must hold numbers"):
        net.forward(np.array([["a", "b"]]))


# --------------------------------------------------------------------- y
def test_y_with_wrong_number_of_outputs(net):
    with pytest.raises(ValueError, match=r"y must have shape \(3, 1\) for a network with 1 "
                                         r"outputs, got shape \(3, 2\)"):
        net.fit(X, np.ones((3, 2)))
    with pytest.raises(ValueError, match=r"y has 2 rows but X has 3 samples"):
        net.gradients(X, np.ones((2, 1)))
    with pytest.raises(ValueError, match=r"y must have shape \(3, 2\)"):
        MLP([2, 2]).gradients(X, np.ones(3))


def test_1d_y_is_a_column_never_broadcast(net):
    """(n,) against (n, 1) would broadcast into an (n, n) loss; it must mean (n, 1)."""
    y1 = Y.ravel()
    p = net.forward(X)
    expected = float(np.mean((p - Y) ** 2))
    wrong = float(np.mean((p - y1) ** 2))       # what broadcasting would compute
    assert expected != pytest.approx(wrong)
    assert net.loss(X, y1) == pytest.approx(expected)
    loss, wg, bg = net.gradients(X, y1)
    loss2, wg2, bg2 = net.gradients(X, Y)
    assert loss == loss2 and all(np.array_equal(a, b) for a, b in zip(wg, wg2))
    h1 = net.copy().fit(X, y1, epochs=2)
    h2 = net.copy().fit(X, Y, epochs=2)
    assert h1.loss == h2.loss


def test_labels_out_of_range():
    net = MLP([2, 3], output_activation="softmax")
    loss = "categorical_crossentropy"
    with pytest.raises(ValueError, match=r"labels from 0 to 3 .* labels must be in 0\.\.2"):
        net.fit(X, [0, 1, 3], loss=loss)
    with pytest.raises(ValueError, match=r"labels must be in 0\.\.2"):
        net.gradients(X, [0, -1, 2], loss=loss)
    with pytest.raises(TypeError, match=r"integer class labels 0\.\.2"):
        net.fit(X, [0.5, 1, 2], loss=loss)
    with pytest.raises(ValueError, match="y has 2 labels but X has 3 samples"):
        net.fit(X, [0, 1], loss=loss)
    # one-hot rows are accepted as they are and give the same loss as labels
    assert net.loss(X, np.eye(3)[[0, 1, 2]], loss) == net.loss(X, [0, 1, 2], loss)


@pytest.mark.parametrize("targets, match", [
    (np.full((3, 3), 5.0), r"values from 5 to 5, but categorical_crossentropy needs "
                           r"probabilities in \[0, 1\]"),
    ([[1.0, 0.0, 0.0], [-1.0, 1.0, 1.0], [0.0, 0.0, 1.0]], r"values from -1 to 1"),
    ([[1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 1.0]],
     r"row 1 of y sums to 0, but categorical_crossentropy needs rows that sum to 1 "
     r"\(one-hot rows or class probabilities\)"),
    ([[0.5, 0.5, 0.5], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], r"row 0 of y sums to 1.5"),
])
def test_categorical_targets_must_be_one_hot_or_probability_rows(targets, match):
    net = MLP([2, 3], output_activation="softmax")
    for call in (lambda: net.fit(X, targets, loss="categorical_crossentropy"),
                 lambda: net.loss(X, targets, "categorical_crossentropy"),
                 lambda: net.gradients(X, targets, "categorical_crossentropy")):
        with pytest.raises(ValueError, match=match):
            call()


def test_soft_and_float32_probability_rows_are_accepted():
    net = MLP([2, 3], output_activation="softmax", dtype="float32")
    soft = np.array([[0.8, 0.1, 0.1], [0.2, 0.3, 0.5], [1 / 3, 1 / 3, 1 / 3]], np.float32)
    assert np.isfinite(net.loss(X.astype(np.float32), soft, "categorical_crossentropy"))


def test_a_softmax_over_one_unit_is_refused():
    """softmax of one number is exp(z) / exp(z) = 1 whatever z: the network would predict
    probability 1 for every sample and categorical cross-entropy would train to loss 0."""
    for make in (lambda: MLP([2, 4, 1], output_activation="softmax"),
                 lambda: MLP.from_weights([np.ones((2, 1))], [np.zeros(1)],
                                          output_activation="softmax")):
        with pytest.raises(ValueError, match=r"a softmax over one output unit always gives "
                                             r"1.*use output_activation='sigmoid'"):
            make()


def test_binary_targets_out_of_range():
    net = MLP([2, 1], output_activation="sigmoid")
    with pytest.raises(ValueError, match=r"binary_crossentropy needs targets in \[0, 1\]"):
        net.fit(X, [0, 1, 2], loss="binary_crossentropy")
    assert np.isfinite(net.loss(X, [0, 1, 1], loss="binary_crossentropy"))


# --------------------------------------------------------------------- dtypes
def test_mismatched_dtypes_are_refused():
    net32 = MLP([2, 1], dtype="float32")
    with pytest.raises(TypeError, match=r"X has dtype float64 but the network uses float32; "
                                        r"convert it with X.astype\('float32'\)"):
        net32.forward(X)
    with pytest.raises(TypeError, match="X has dtype float32 but the network uses float64"):
        MLP([2, 1]).fit(X.astype(np.float32), Y)
    with pytest.raises(TypeError, match="X_val has dtype float64"):
        net32.fit(X.astype(np.float32), Y, validation_data=(X, Y))
    # integer inputs are converted exactly
    assert MLP([2, 1]).forward(np.array([[1, 2]])).dtype == np.float64


@pytest.mark.parametrize("dtype", ["float16", "int32", "complex128", "float"])
def test_dtype_must_be_float32_or_float64(dtype):
    if dtype == "float":
        assert MLP([2, 1], dtype=dtype).dtype == np.float64
        return
    with pytest.raises(ValueError, match=r"dtype must be one of \('float32', 'float64'\)"):
        MLP([2, 1], dtype=dtype)


# --------------------------------------------------------------------- names
@pytest.mark.parametrize("kind, table, make", [
    ("activation", ACTIVATIONS, lambda: MLP([2, 1], activation="swish")),
    ("activation", ACTIVATIONS, lambda: MLP([2, 1], output_activation="swish")),
    ("initializer", INITIALIZERS, lambda: MLP([2, 1], init="swish")),
    ("loss", LOSSES, lambda: MLP([2, 1]).fit(X, Y, loss="swish")),
    ("optimizer", OPTIMIZERS, lambda: MLP([2, 1]).fit(X, Y, optimizer="swish")),
])
def test_unknown_names_list_the_valid_ones(kind, table, make):
    with pytest.raises(ValueError, match=f"unknown {kind} 'swish'; valid names are: ") as info:
        make()
    for name in table:
        assert name in str(info.value)


def test_name_of_wrong_type():
    with pytest.raises(TypeError, match="loss must be given by name"):
        MLP([2, 1]).fit(X, Y, loss=3)


def test_loss_needs_its_output_activation():
    with pytest.raises(ValueError, match="loss 'binary_crossentropy' expects "
                                         "output_activation='sigmoid'"):
        MLP([2, 1]).fit(X, Y, loss="binary_crossentropy")
    with pytest.raises(ValueError, match="expects output_activation='softmax'"):
        MLP([2, 2], output_activation="sigmoid").fit(X, [0, 1, 0],
                                                     loss="categorical_crossentropy")


def test_step_cannot_be_trained_and_says_why():
    net = MLP([2, 2, 1], activation="step")
    assert net.forward(X).shape == (3, 1)  # the forward pass works
    with pytest.raises(ValueError, match="no useful derivative.*differentiable activation"):
        net.fit(X, Y)
    with pytest.raises(ValueError, match="differentiable activation"):
        net.gradients(X, Y)


# --------------------------------------------------------------------- sizes and options
@pytest.mark.parametrize("sizes, match", [
    ([2, 0, 1], r"layer_sizes\[1\] must be >= 1, got 0"),
    ([2, -3, 1], r"layer_sizes\[1\] must be >= 1, got -3"),
    ([0, 1], r"layer_sizes\[0\] must be >= 1"),
    ([2], "needs at least an input and an output size"),
])
def test_non_positive_layer_sizes(sizes, match):
    with pytest.raises(ValueError, match=match):
        MLP(sizes)


def test_layer_sizes_of_wrong_type():
    with pytest.raises(TypeError, match=r"layer_sizes\[1\] must be an integer, got 2.5"):
        MLP([2, 2.5, 1])
    with pytest.raises(TypeError, match="layer_sizes must be a list of layer widths"):
        MLP(3)


@pytest.mark.parametrize("batch_size", [0, -1])
def test_batch_size_below_one(net, batch_size):
    with pytest.raises(ValueError, match=f"batch_size must be >= 1, got {batch_size}"):
        net.fit(X, Y, batch_size=batch_size)


def test_batch_size_not_an_integer(net):
    with pytest.raises(TypeError, match="batch_size must be an integer, got 2.0"):
        net.fit(X, Y, batch_size=2.0)


@pytest.mark.parametrize("lr", [0, 0.0, -0.01, float("inf"), float("nan")])
def test_learning_rate_not_positive(net, lr):
    with pytest.raises(ValueError, match="learning_rate must be a finite number > 0"):
        net.fit(X, Y, learning_rate=lr)


def test_other_options(net):
    with pytest.raises(ValueError, match="epochs must be >= 0, got -1"):
        net.fit(X, Y, epochs=-1)
    with pytest.raises(ValueError, match=r"on_nonfinite must be one of \('raise', 'stop'\)"):
        net.fit(X, Y, on_nonfinite="ignore")
    with pytest.raises(ValueError, match="l2 must be a finite number >= 0"):
        net.fit(X, Y, l2=-1.0)
    with pytest.raises(TypeError, match="seed must be an int, None or a numpy.random.Generator"):
        MLP([2, 1], seed="zero")


def test_make_rng_accepts_generators():
    rng = np.random.default_rng(0)
    assert v.make_rng(rng) is rng
    assert v.make_rng(5).random() == np.random.default_rng(5).random()


# --------------------------------------------------------------------- in the learner's terms
@pytest.mark.parametrize("validation_data, match", [
    (X, r"validation_data must be a pair \(X_val, y_val\), got an array of shape \(3, 2\)"),
    ((X, Y, Y), r"validation_data must be a pair \(X_val, y_val\), got a tuple of 3 items"),
    ({"X": X, "y": Y}, r"validation_data must be a pair \(X_val, y_val\), got a dict"),
    ((X,), r"got a tuple of 1 item"),
])
def test_validation_data_of_the_wrong_form(net, validation_data, match):
    with pytest.raises(TypeError, match=match):
        net.fit(X, Y, validation_data=validation_data)
    assert net.fit(X, Y, epochs=1, validation_data=[X, Y]).val_loss  # a list pair is fine


def test_a_float16_array_gets_a_message_that_does_not_suggest_float16():
    net32 = MLP([2, 1], dtype="float32")
    with pytest.raises(TypeError) as info:
        net32.forward(X.astype(np.float16))
    message = str(info.value)
    assert "X has dtype float16, which mlpcourse networks do not compute in" in message
    assert "convert it with X.astype('float32')" in message and "dtype='float16'" not in message


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_python_lists_take_the_networks_dtype(dtype):
    """A list of Python numbers has no precision of its own: it is read in the network's
    dtype, so the same list works in a float32 and a float64 network."""
    net = MLP([2, 1], dtype=dtype, seed=0)
    out = net.forward([[0.5, -1.0], [1.0, 2.0]])
    np.testing.assert_array_equal(out, net.forward(np.array([[0.5, -1.0], [1.0, 2.0]], dtype)))
    history = net.fit([[0.0, 1.0], [1.0, 0.0]], [1.0, 0.0], epochs=1,
                      validation_data=([[1.0, 1.0]], [1.0]))
    assert history.epochs == 1
    with pytest.raises(TypeError, match="X must hold numbers"):
        net.forward([["a", "b"]])


@pytest.mark.parametrize("name, kind, suggestion, make", [
    ("Relu", "activation", "relu", lambda n: MLP([2, 1], activation=n)),
    ("sigmod", "activation", "sigmoid", lambda n: MLP([2, 1], output_activation=n)),
    ("he_norm", "initializer", "he_normal", lambda n: MLP([2, 1], init=n)),
    ("cross_entropy", "loss", "binary_crossentropy", lambda n: MLP([2, 1]).loss(X, Y, n)),
    ("MSE", "loss", "mse", lambda n: MLP([2, 1]).fit(X, Y, loss=n)),
    ("adma", "optimizer", "adam", lambda n: MLP([2, 1]).fit(X, Y, optimizer=n)),
])
def test_unknown_names_suggest_the_closest_valid_name(name, kind, suggestion, make):
    with pytest.raises(ValueError, match=f"unknown {kind} '{name}'; did you mean "
                                         f"'{suggestion}'\\? valid names are: "):
        make(name)


def test_other_names_suggest_too():
    with pytest.raises(ValueError, match=r"on_nonfinite must be one of \('raise', 'stop'\), "
                                         r"got 'stopp'; did you mean 'stop'\?"):
        MLP([2, 1]).fit(X, Y, on_nonfinite="stopp")
    with pytest.raises(ValueError, match=r"dtype must be one of \('float32', 'float64'\), got "
                                         r"'flaot32'; did you mean 'float32'\?"):
        MLP([2, 1], dtype="flaot32")
