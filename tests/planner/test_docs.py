"""The planner's docstring examples run as written."""

from __future__ import annotations

import doctest

import pytest

from recommender.planner import sequence
from recommender.planner import solver


class TestDocstrings:
    @pytest.mark.parametrize("module", [sequence, solver])
    def test_examples_run(self, module: object) -> None:
        result = doctest.testmod(module)  # type: ignore[arg-type]
        assert result.attempted > 0 and result.failed == 0
