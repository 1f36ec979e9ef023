"""Shared helpers of the benchmark suite: data loading, timing, stamping, tables.

Nothing here imports corpus text into the repository: every loader takes a path
(by default ``../shared/data`` next to the repository) and benchmarks skip cleanly
when the path is absent.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import hashlib
import importlib
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = [
    "REPO_ROOT",
    "Timing",
    "default_data_dir",
    "difflib_passages",
    "fmt",
    "iter_jsonl",
    "machine",
    "md_table",
    "stable_key",
    "stamp",
    "time_calls",
    "timing",
]

REPO_ROOT = Path(__file__).resolve().parent.parent

#: Packages whose versions are stamped on every results page.
STAMPED_PACKAGES = ("syndetect", "numpy", "datasketch", "rapidfuzz", "xxhash")


def default_data_dir() -> Path:
    """``../shared/data`` relative to the repository root."""
    return (REPO_ROOT / ".." / "shared" / "data").resolve()


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Objects of a JSON-lines file, gzip-compressed when its name ends in ``.gz``."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:  # type: ignore[operator]
        for line in f:
            if line.strip():
                yield json.loads(line)


def stable_key(*parts: object) -> str:
    """A deterministic sort key (independent of ``PYTHONHASHSEED``) for sampling."""
    return hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).hexdigest()


# --------------------------------------------------------------------------- #
# Timing
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class Timing:
    """Median with min and max of repeated measurements, in seconds."""

    median: float
    low: float
    high: float
    n: int

    def ms(self) -> str:
        """``"1.23 ms (1.10–1.50)"``, or seconds from 1 s up."""
        if self.median >= 1:
            return f"{_num(self.median)} s ({_num(self.low)}–{_num(self.high)})"
        return (f"{_num(self.median * 1e3)} ms "
                f"({_num(self.low * 1e3)}–{_num(self.high * 1e3)})")

    def as_dict(self) -> dict[str, float]:
        return {"median_s": self.median, "min_s": self.low, "max_s": self.high, "n": self.n}


def _num(x: float) -> str:
    """Three significant digits without exponent notation."""
    return f"{x:.0f}" if x >= 100 else f"{x:.1f}" if x >= 10 else f"{x:.3g}"


def timing(samples: Sequence[float]) -> Timing:
    """Summarise samples (seconds) as median, min and max."""
    if not samples:
        raise ValueError("timing() needs at least one sample")
    return Timing(statistics.median(samples), min(samples), max(samples), len(samples))


def time_calls(fn: Callable[[], object], repeats: int) -> list[float]:
    """Wall-clock seconds of ``repeats`` calls of ``fn``."""
    out = []
    clock = time.perf_counter
    for _ in range(repeats):
        t0 = clock()
        fn()
        out.append(clock() - t0)
    return out


# --------------------------------------------------------------------------- #
# Stamping
# --------------------------------------------------------------------------- #


def _git(*args: str) -> str:
    try:
        r = subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True,
                           timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return r.stdout.strip() if r.returncode == 0 else ""


def _memory_bytes() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):
        return None


def machine() -> dict[str, Any]:
    """Cores, memory and processor of this machine."""
    mem = _memory_bytes()
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(mem / 2**30, 1) if mem else None,
        "processor": platform.processor() or platform.machine(),
        "system": f"{platform.system()} {platform.release()}",
    }


def accelerators() -> dict[str, bool]:
    """Which optional C extensions of syndetect are built (each has a Python/numpy
    fallback with identical results, slower)."""
    built = {}
    for name in ("_scan", "_fingerprint", "_align"):
        try:
            importlib.import_module(f"syndetect.{name}")
            built[name] = True
        except ImportError:
            built[name] = False
    return built


def stamp() -> dict[str, Any]:
    """Commit, date, Python and package versions, machine, C extensions: what a
    result depends on."""
    commit = _git("rev-parse", "--short=12", "HEAD")
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    versions = {}
    for name in STAMPED_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "commit": (commit + ("+dirty" if dirty else "")) if commit else None,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "python": f"{platform.python_implementation()} {sys.version.split()[0]}",
        "packages": versions,
        "machine": machine(),
        "accelerators": accelerators(),
    }


# --------------------------------------------------------------------------- #
# Markdown
# --------------------------------------------------------------------------- #


def fmt(x: object, digits: int = 3) -> str:
    """A table cell: floats rounded, None as an en dash."""
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def md_table(header: Sequence[str], rows: Iterable[Sequence[object]], digits: int = 3) -> str:
    """A GitHub markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(fmt(c, digits) for c in row) + " |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- #
# Baselines
# --------------------------------------------------------------------------- #

_TOKEN = re.compile(r"\S+")


def difflib_passages(a: str, b: str, min_words: int = 12, gap: int = 20
                     ) -> list[tuple[int, int, int, int]]:
    """difflib's matching blocks (>= 4 words) on whitespace tokens, merged across gaps
    of up to ``gap`` words like compare's passages, kept from ``min_words`` words."""
    ta = [(m.start(), m.end()) for m in _TOKEN.finditer(a)]
    tb = [(m.start(), m.end()) for m in _TOKEN.finditer(b)]
    sm = difflib.SequenceMatcher(None, [a[s:e] for s, e in ta], [b[s:e] for s, e in tb])
    groups: list[list[int]] = []
    for i, j, n in sm.get_matching_blocks():
        if n < 4:
            continue
        if groups and 0 <= i - groups[-1][1] <= gap and 0 <= j - groups[-1][3] <= gap:
            g = groups[-1]
            g[1], g[3], g[4] = i + n, j + n, g[4] + n
        else:
            groups.append([i, i + n, j, j + n, n])
    return [(ta[x0][0], ta[x1 - 1][1], tb[y0][0], tb[y1 - 1][1])
            for x0, x1, y0, y1, n in groups if n >= min_words]


def standalone(run: Callable[[Path | None, bool], dict[str, Any]], doc: str | None) -> int:
    """Command line of one benchmark module: ``--data PATH`` and ``--quick``; prints the
    markdown section, then the figures as JSON."""
    ap = argparse.ArgumentParser(description=(doc or "").splitlines()[0] if doc else None)
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    out = run(args.data, args.quick)
    print(out.pop("markdown", ""))
    print(json.dumps(out, indent=2, ensure_ascii=False, default=float))
    return 0


def skipped(title: str, why: str) -> dict[str, Any]:
    """The result of a benchmark that could not run: the reason, and its section."""
    return {"skipped": why, "markdown": f"{title}\n\nSkipped: {why}."}


def missing_data(data_dir: Path | None, corpus: str | Path, title: str) -> dict[str, Any] | None:
    """A skipped result when ``data_dir / corpus`` is not there, else None."""
    if data_dir is None:
        return skipped(title, "no data folder")
    if not (data_dir / corpus).exists():
        return skipped(title, f"{data_dir / corpus} not found")
    return None
