"""The C seeding and tiling (syndetect._align) against the reference in syndetect.align."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Hashable
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syndetect import align as A

C = importlib.import_module("syndetect.compare")  # (syndetect.compare is the function)

needs_c = pytest.mark.skipif(
    A._align is None, reason="syndetect._align was not compiled (no C compiler at install)")

_I64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)


@st.composite
def _sequences(draw: st.DrawFn) -> tuple[list[Hashable], list[Hashable]]:
    """Two token sequences over a small vocabulary (so that matches abound), y often
    sharing a stretch of x; ids small, anywhere in the int64 range, or strings (seeded
    by their hash, as compare passes token keys)."""
    vocab = draw(st.lists(_I64, min_size=1, max_size=8, unique=True) | st.just([0, 1, 2])
                 | st.lists(st.text(max_size=3), min_size=1, max_size=8, unique=True)
                 | st.just(["in", "\u6e69", "of", "\u666f", "x"]))  # str hash collisions
    token = st.sampled_from(vocab)
    x = draw(st.lists(token, max_size=60))
    y = draw(st.lists(token, max_size=60))
    if x and draw(st.booleans()):
        i = draw(st.integers(0, len(x) - 1))
        j = draw(st.integers(i, len(x)))
        y = y[: len(y) // 2] + x[i:j] + y[len(y) // 2:]
    return x, y


def _python(x: list[Hashable], y: list[Hashable], k: int, max_repeat: int,
            min_len: int, occ_x: bytearray, occ_y: bytearray
            ) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    saved = A._MAX_SEED_REPEAT
    A._MAX_SEED_REPEAT = max_repeat
    try:
        matches = A._maximal_matches(A._ids(x), A._ids(y), k)
    finally:
        A._MAX_SEED_REPEAT = saved
    return matches, A._tile(matches, x, y, min_len, occ_x, occ_y)


@needs_c
@settings(max_examples=400, deadline=None)
@given(_sequences(), st.integers(1, 5), st.sampled_from([1, 2, 3, 32]), st.integers(1, 5),
       st.data())
def test_c_seeds_and_tiles_match_python(
    xy: tuple[list[Hashable], list[Hashable]], k: int, max_repeat: int, min_len: int,
    data: st.DataObject,
) -> None:
    x, y = xy
    taken = st.lists(st.booleans(), min_size=len(x), max_size=len(x))
    occ_x = bytearray(data.draw(taken))
    occ_y = bytearray(data.draw(st.lists(st.booleans(), min_size=len(y), max_size=len(y))))
    c_occ_x, c_occ_y = bytearray(occ_x), bytearray(occ_y)
    matches, tiles = _python(x, y, k, max_repeat, min_len, occ_x, occ_y)
    assert A._align.maximal_matches(x, y, k, max_repeat) == matches
    assert A._align.tile(matches, x, y, min_len, c_occ_x, c_occ_y) == tiles
    assert (c_occ_x, c_occ_y) == (occ_x, occ_y)


@needs_c
def test_c_hash_collision_behaves_like_python() -> None:
    # (a, b) and (a + 1, b - P) hash alike as 2-grams: a seed that the tiling must drop.
    p = 0x9E3779B97F4A7C15
    a, b = 5, 7
    b2 = (b - p + 2**63) % 2**64 - 2**63
    x = [a, b, 1, 2, 3]
    y = [a + 1, b2, 1, 2, 3]
    matches, tiles = _python(x, y, 2, 32, 2, bytearray(5), bytearray(5))
    assert (0, 0, 2) in matches  # the colliding 2-gram is a seed
    occ_x, occ_y = bytearray(5), bytearray(5)
    assert A._align.maximal_matches(x, y, 2, 32) == matches
    assert A._align.tile(matches, x, y, 2, occ_x, occ_y) == tiles == [(2, 2, 3)]
    assert occ_x == occ_y == bytearray(b"\0\0\1\1\1")


@needs_c
def test_c_rejects_bad_input() -> None:
    with pytest.raises(OverflowError):
        A._align.maximal_matches([2**64], [1], 1, 32)
    with pytest.raises(TypeError):
        A._align.maximal_matches([["unhashable"]], [1], 1, 32)
    with pytest.raises(ValueError):
        A._align.tile([(0, 0, 3)], [1, 2], [1, 2], 1, bytearray(2), bytearray(2))
    with pytest.raises(ValueError):
        A._align.maximal_matches([1], [1], 0, 32)


# Runs compare() in a fresh interpreter where neither syndetect._align nor
# syndetect._scan can be imported: JSON [[a, b, options], ...] on stdin, a JSON list of
# to_dict() results on stdout.
_PURE_PYTHON = """
import json, sys
sys.modules["syndetect._align"] = None
sys.modules["syndetect._scan"] = None
import importlib
import syndetect
assert importlib.import_module("syndetect.align")._align is None
for name in ("syndetect.text", "syndetect.compare"):
    assert importlib.import_module(name)._scan is None, name
cases = json.load(sys.stdin)
json.dump([syndetect.compare(a, b, **o).to_dict() for a, b, o in cases], sys.stdout)
"""


def _compare_both_ways(cases: list[tuple[str, str, dict[str, object]]]
                       ) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """compare().to_dict() for each case here (in C where compiled) and in pure Python,
    both through JSON (tuples as lists)."""
    import json
    import subprocess
    import sys

    import syndetect

    here = json.loads(json.dumps([syndetect.compare(a, b, **o).to_dict() for a, b, o in cases]))
    done = subprocess.run([sys.executable, "-c", _PURE_PYTHON], input=json.dumps(cases),
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return here, json.loads(done.stdout)


def _edited(text: str, seed: int) -> str:
    """text with words dropped, replaced and inserted, and sentences moved."""
    import random

    r = random.Random(seed)
    sents = text.replace("\n", " \n ").split(". ")
    for _ in range(2):
        i, j = r.randrange(len(sents)), r.randrange(len(sents))
        sents.insert(j, sents.pop(i))
    words = ". ".join(sents).split(" ")
    for _ in range(r.randint(3, 15)):
        i = r.randrange(len(words))
        op = r.random()
        if op < 0.3:
            del words[i]
        elif op < 0.6:
            words[i] = r.choice(["the", "in", "\u6e69", "of", "\u666f", "news", "said"])
        else:
            words.insert(i, r.choice(["also", "to", "\u6f74", "reported", "Reuters"]))
    return " ".join(words)


def test_python_fallback_gives_the_same_alignment() -> None:
    """Without syndetect._align and _scan (really not importable, in a subprocess), compare()
    gives what it gives here, on real and edited texts, fuzzy or not."""
    from sample_texts import OUTLET_AR, OUTLET_EN, WIRE_AR, WIRE_EN, WIRE_RU, WIRE_ZH

    cases: list[tuple[str, str, dict[str, object]]] = [
        (WIRE_EN, OUTLET_EN, {}), (WIRE_EN, OUTLET_EN, {"fuzzy": True}),
        (WIRE_AR, OUTLET_AR, {}), (WIRE_AR, OUTLET_AR, {"fuzzy": True}),
    ]
    options: list[dict[str, object]] = [
        {}, {"fuzzy": True}, {"min_match": 2}, {"min_match": 3, "min_move": 3},
        {"fuzzy": True, "min_match": 3, "passage_gap": 150, "boilerplate": False}]
    for seed, text in enumerate([WIRE_EN, OUTLET_EN, WIRE_AR, WIRE_RU, WIRE_ZH] * 2):
        cases.append((text, _edited(text, seed), options[seed % len(options)]))
    here, pure = _compare_both_ways(cases)
    assert len(pure) == len(cases)
    for got, want, case in zip(pure, here, cases):
        assert got == want, case[2]


def _copied_passage(left: str, right: str) -> tuple[str, str]:
    """Two texts sharing a 201-word passage whose middle word is left in one and right
    in the other (and nothing else)."""
    import random

    r = random.Random(5)
    words = [f"w{i}x{r.randint(0, 999)}" for i in range(200)]
    p, q = " ".join(words[:100]), " ".join(words[100:])
    return (f"Start here. {p} {left} {q}. The end.",
            f"Different opening. {p} {right} {q}. Another close.")


# Word pairs whose hashes collide: under _align's str_hash (crafted: 16 ASCII
# characters, found by inverting its last block), and under str_hash before it mixed in
# the character width; "in" and U+6E69 (one 2-byte unit, the same bytes) under
# CPython's own str hash, which the pure Python seeding uses.
_C_COLLISION = ("shipbuildingyard", "zny3s3wsuqvp10ou")
_OLD_C_COLLISION = ("shipbuildingyard", "pu1jrgpw3nbew29s")
_WIDTH_COLLISIONS = [("in", "\u6e69"), ("of", "\u666f"), ("to", "\u6f74"), ("is", "\u7369")]


@needs_c
def test_c_str_hash_collisions() -> None:
    # The crafted pair really collides in C (a seed), 'in' / U+6E69 no longer do.
    assert A._align.maximal_matches([_C_COLLISION[0]], [_C_COLLISION[1]], 1, 32) == [(0, 0, 1)]
    for a, b in _WIDTH_COLLISIONS + [_OLD_C_COLLISION]:
        assert A._align.maximal_matches([a], [b], 1, 32) == []
    # A match joined over a colliding token is split there, not dropped.
    x = ["a", "b", "c", _C_COLLISION[0], "d", "e", "f"]
    y = ["a", "b", "c", _C_COLLISION[1], "d", "e", "f"]
    matches = A._align.maximal_matches(x, y, 2, 32)
    assert matches == [(0, 0, 7)]
    occ_x, occ_y = bytearray(7), bytearray(7)
    assert A._align.tile(matches, x, y, 2, occ_x, occ_y) == [(0, 0, 3), (4, 4, 3)]
    assert occ_x == occ_y == bytearray(b"\1\1\1\0\1\1\1")
    assert A._align.tile(matches, x, y, 4, bytearray(7), bytearray(7)) == []


@needs_c
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", *_C_COLLISION]), max_size=40),
       st.lists(st.sampled_from(["a", "b", *_C_COLLISION]), max_size=40), st.integers(1, 4))
def test_c_only_collision_gives_the_same_tiles(x: list[Hashable], y: list[Hashable],
                                               k: int) -> None:
    # C seeds across the crafted pair, Python does not: after the split at unequal
    # tokens the tiles agree (no seed is skipped as too repetitive here).
    c_tiles = A._align.tile(A._align.maximal_matches(x, y, k, 10**9), x, y, k,
                            bytearray(len(x)), bytearray(len(y)))
    _, py_tiles = _python(x, y, k, 10**9, k, bytearray(len(x)), bytearray(len(y)))
    assert c_tiles == py_tiles


def test_python_str_hash_collision_splits_the_match() -> None:
    import numpy as np

    for a, b in _WIDTH_COLLISIONS:
        assert A._ids([a]) != A._ids([b])  # the width is mixed in
    a, b = _WIDTH_COLLISIONS[0]
    if hash(a) != hash(b):  # pragma: no cover - a Python whose str hash sees the width
        pytest.skip("no str hash collision here")
    x = ["a", "b", "c", a, "d", "e", "f"]
    y = ["a", "b", "c", b, "d", "e", "f"]
    ids_x, ids_y = (np.array([hash(v) for v in s], dtype=np.int64) for s in (x, y))
    matches = A._maximal_matches(ids_x, ids_y, 2)  # seeded by plain hash(): one match
    assert matches == [(0, 0, 7)]
    occ_x, occ_y = bytearray(7), bytearray(7)
    assert A._tile(matches, x, y, 2, occ_x, occ_y) == [(0, 0, 3), (4, 4, 3)]
    assert occ_x == occ_y == bytearray(b"\1\1\1\0\1\1\1")


def test_hash_collisions_do_not_hide_a_copied_passage() -> None:
    """A copied 200-word passage with one colliding word pair in its middle is found
    shared, both with and without the C accelerator (the tiles once dropped it)."""
    pairs = [_C_COLLISION, _OLD_C_COLLISION] + _WIDTH_COLLISIONS
    cases: list[tuple[str, str, dict[str, object]]] = [
        (*_copied_passage(left, right), o) for left, right in pairs for o in ({}, {"fuzzy": True})]
    here, pure = _compare_both_ways(cases)
    for got, want in zip(pure, here):
        assert got == want
        assert want["shared_words"] == 200 and want["verdict"] == "light_edit"
        spans = cast("list[dict[str, int]]", want["shared"])
        assert [s["words"] for s in spans] == [100, 100]


@needs_c
@settings(max_examples=300, deadline=None)
@given(_sequences(), st.integers(0, 5))
def test_c_common_ends_match_python(xy: tuple[list[Hashable], list[Hashable]], lead: int) -> None:
    x, y = xy
    end = y[len(y) - lead:]
    x, y = y[:lead] + x + end, y[:lead] + y + end  # shared ends, often
    head = A._common_prefix(x, y)
    tail = A._common_prefix(x[:head - 1:-1] if head else x[::-1],
                            y[:head - 1:-1] if head else y[::-1])
    assert A._align.common_ends(x, y) == (head, min(tail, len(x) - head, len(y) - head))


@needs_c
def test_c_maker_builds_what_the_dataclass_builds() -> None:
    from syndetect import report as R

    values = {
        A.Run: (1, 2, 3, True),
        A.Gap: ("rewritten", 1, 2, 3, 4, ((1, 2, 3, 4),)),
        R.SharedSpan: (1, 2, 3, 4, 5, False, True, 6, 7),
        R.Divergence: ("moved", 1, 2, 3, 4, 5, 6, 7, 8, (R.Substitution(1, 2, 3, 4),)),
        R.Substitution: (1, 2, 3, 4),
        R.Passage: (1, 2, 3, 4, 5, 6, 7, False),
    }
    for cls, args in values.items():
        make = A.fast_maker(cls)
        assert isinstance(make, A._align.Maker)
        made = make(*args)
        assert type(made) is cls and made == cls(*args) and hash(made) == hash(cls(*args))
        assert repr(made) == repr(cls(*args))
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, dataclasses.fields(made)[0].name, 0)
        with pytest.raises(TypeError):
            make(*args[:-1])
    with pytest.raises(TypeError):
        A._align.Maker(C.CompareOptions, ("min_match",))  # no slots: not supported
    assert A.fast_maker(C.CompareOptions) is C.CompareOptions


@needs_c
@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(1, 6)),
                max_size=25))
def test_c_heaviest_chain_matches_python(tiles: list[tuple[int, int, int]]) -> None:
    tiles.sort()  # sorted by x, ties in y and weight as they come
    assert A._align.heaviest_chain(tiles) == A._heaviest_chain_py(tiles)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1, 4), max_size=40), st.integers(0, 5))
def test_holes_match_numpy(steps: list[int], first: int) -> None:
    import numpy as np

    c = [first + sum(steps[:i]) for i in range(len(steps))]  # increasing, holes where > 1
    assert C._holes(c) == np.flatnonzero(np.diff(np.asarray(c, dtype=np.int64)) != 1).tolist()


def _segments_at(positions: list[int], breaks_after: set[int]) -> list[list[int]]:
    """align._segments, position by position (the reference)."""
    segs: list[list[int]] = []
    for p in positions:
        if segs and segs[-1][-1] == p - 1 and (p - 1) not in breaks_after:
            segs[-1].append(p)
        else:
            segs.append([p])
    return segs


@settings(max_examples=300, deadline=None)
@given(st.sets(st.integers(0, 60)), st.sets(st.integers(-1, 60)))
def test_segments_match_the_reference(positions: set[int], breaks: set[int]) -> None:
    ps = sorted(positions)
    assert A._segments(ps, breaks) == _segments_at(ps, breaks)
    assert A._segments(ps, frozenset()) == _segments_at(ps, frozenset())


@dataclasses.dataclass(frozen=True, slots=True)
class _Checked:
    a: int
    b: int = 0

    def __post_init__(self) -> None:
        if self.a < 0:
            raise ValueError("negative")


@dataclasses.dataclass(frozen=True, slots=True)
class _Point:
    a: object
    b: object = 0


@dataclasses.dataclass(frozen=True, slots=True)
class _Point3(_Point):
    c: object = "x"


@dataclasses.dataclass(frozen=True, slots=True)
class _Big:
    f0: object
    f1: object
    f2: object
    f3: object
    f4: object
    f5: object
    f6: object
    f7: object
    f8: object
    f9: object
    f10: object
    f11: object


@needs_c
def test_c_maker_refuses_what_it_cannot_build() -> None:
    class InDict(dict[str, int]):  # a C-level base other than object
        __slots__ = ("a",)

    class OwnNew:
        __slots__ = ("a",)

        def __new__(cls) -> OwnNew:
            return super().__new__(cls)

    refused: list[tuple[type, tuple[str, ...]]] = [
        (_Checked, ("a", "b")),  # __post_init__ would be skipped
        (InDict, ("a",)),
        (OwnNew, ("a",)),
        (_Point3, ("a",)),  # not every slot filled: repr would raise
        (_Point3, ("a", "b", "c", "a")),  # a slot twice
        (_Point3, ("a", "a", "b")),
        (_Point, ("a", "nope")),
        (C.CompareOptions, ("min_match",)),  # no slots
    ]
    for cls, fields in refused:
        with pytest.raises((TypeError, AttributeError)):
            A._align.Maker(cls, fields)
    for cls in (_Checked, InDict, OwnNew, C.CompareOptions):
        assert A.fast_maker(cls) is cls
    made = A._align.Maker(_Point3, ("a", "b", "c"))(1, 2, "z")  # inherited slots
    assert made == _Point3(1, 2, "z") and repr(made) == repr(_Point3(1, 2, "z"))


def test_fast_maker_falls_back_to_the_class() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class KwOnly:
        a: int
        b: int = dataclasses.field(default=0, kw_only=True)

    @dataclasses.dataclass(frozen=True, slots=True)
    class NoInit:
        a: int
        b: int = dataclasses.field(default=0, init=False)

    class Sub(_Point):
        __slots__ = ()

    class Plain:
        __slots__ = ("a",)

    for cls in (NoSlots, KwOnly, NoInit, Sub, Plain, _Checked, int, dict):
        assert A.fast_maker(cls) is cls
    assert A.fast_maker(_Point)(1, 2) == _Point(1, 2)


@needs_c
def test_c_maker_failed_reinit_changes_nothing() -> None:
    make = A._align.Maker(_Point, ("a", "b"))
    for cls, fields in [(_Big, ("f11", "nope")), (_Big, ("f0",)), (_Checked, ("a", "b"))]:
        with pytest.raises((TypeError, AttributeError)):
            make.__init__(cls, fields)  # type: ignore[misc]
    objs = [make(bytearray(100), i) for i in range(2000)]
    assert all(type(o) is _Point and o.b == i for i, o in enumerate(objs))
    make.__init__(_Point3, ("a", "b", "c"))  # type: ignore[misc]
    assert make(1, 2, 3) == _Point3(1, 2, 3)


@needs_c
def test_c_objects_in_cycles_are_collected() -> None:
    import gc
    import weakref

    def make_class() -> weakref.ref[type]:
        @dataclasses.dataclass(frozen=True, slots=True)
        class T:
            a: int

        T.make = A._align.Maker(T, ("a",))  # type: ignore[attr-defined]
        return weakref.ref(T)

    cls = make_class()
    gc.collect()
    assert cls() is None

    class Content(list[object]):
        pass

    content = Content([0, 1])
    se = A._align.SentenceEnds("a. b", [0, 3], [1, 4], content, ".")  # type: ignore[arg-type]
    content.append(se)
    ref = weakref.ref(content)
    del content, se
    gc.collect()
    assert ref() is None


@needs_c
def test_c_token_objects_changing_the_lists() -> None:
    """Tokens whose __eq__ or __hash__ change the lists raise, never crash."""

    class Shrink:
        def __hash__(self) -> int:
            x.clear()
            return 1

        def __eq__(self, other: object) -> bool:
            x.clear()
            return True

    class Resize:
        def __hash__(self) -> int:
            return 1

        def __eq__(self, other: object) -> bool:
            occ_x.__init__(b"")  # type: ignore[misc]
            return True

    x: list[Hashable] = [Shrink() for _ in range(100)]
    y: list[Hashable] = [Shrink() for _ in range(100)]
    with pytest.raises(RuntimeError):
        A._align.common_ends(x, y)
    x = [Shrink() for _ in range(100)]
    with pytest.raises(RuntimeError):
        A._align.maximal_matches(x, y, 1, 10**9)
    x = [Shrink() for _ in range(100)]
    occ_x, occ_y = bytearray(100), bytearray(100)
    with pytest.raises(RuntimeError):
        A._align.tile([(0, 0, 100)], x, y, 1, occ_x, occ_y)
    x, y = [Resize() for _ in range(100)], [Resize() for _ in range(100)]
    with pytest.raises(BufferError):
        A._align.tile([(0, 0, 100)], x, y, 1, occ_x, occ_y)
    big = 2**62
    with pytest.raises(ValueError):
        A._align.tile([(big, big, big)], [1], [1], 1, bytearray(1), bytearray(1))
    with pytest.raises(ValueError):
        A._align.tile([(1, 0, big)], [1], [1], 1, bytearray(1), bytearray(1))
