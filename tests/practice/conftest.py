"""Fixtures of the practice tests."""
import pytest

from bonsclics.practice import catalogue


@pytest.fixture(params=sorted(catalogue.all_paths()))
def each_path(request):
    """Every practice path, one test each."""
    return catalogue.path(request.param)
