"""Fixture of the playground tests: a playground that is paused after the test."""
import pytest

from mlpcourse.playground import Playground


@pytest.fixture
def pg():
    playground = Playground()
    yield playground
    playground.pause()
