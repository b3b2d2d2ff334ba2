"""Fixtures of the browser tests (the servers, the browser, the context and the page are in
tests/conftest.py, shared with tests/test_cloud_install.py): the bundled data as the app loads it,
and the hostile data set (tests/hostile.py), written once per session so every module that uses
it shares one app server."""

from __future__ import annotations

import pytest

from dashboard.core.data import load_dataset

import hostile


@pytest.fixture(scope="module")
def ds():
    return load_dataset()  # the bundled data, as the app server loads it


@pytest.fixture(scope="session")
def hostile_data(tmp_path_factory):
    return hostile.write_hostile_dataset(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def hostile_ds(hostile_data):
    return load_dataset(hostile_data.events, hostile_data.places, hostile_data.actors)

