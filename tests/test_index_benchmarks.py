"""The index benchmarks skip cleanly without data (the runner passes None then)."""

from __future__ import annotations

import pytest

from benchmarks import index_fingerprint, index_redis, index_scale, index_spa


@pytest.mark.parametrize("module", [index_fingerprint, index_scale, index_redis, index_spa])
def test_index_benchmark_skips_without_data(module, tmp_path):
    for data_dir in (None, tmp_path):
        res = module.run(data_dir, quick=True)
        assert isinstance(res["skipped"], str) and res["skipped"]
        assert res["markdown"].startswith("## Index:") and "Skipped" in res["markdown"]
