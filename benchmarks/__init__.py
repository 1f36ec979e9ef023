"""syndetect's benchmark suite.

Run every benchmark and regenerate ``docs/benchmarks.md``::

    python -m benchmarks [--data PATH] [--quick] [--only NAME ...] [--out docs/benchmarks.md]

A benchmark is a module in this package exposing ``run(data_dir, quick) -> dict``:
a dict of figures with a ``"markdown"`` section, or ``{"skipped": reason}`` when its
data is absent. Modules whose names start with ``_``, ``common`` or ``synth_`` are
helpers, not benchmarks.
"""
