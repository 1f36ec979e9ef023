from collections.abc import Hashable
from typing import Any

class SentenceEnds:
    def __init__(
        self, text: str, starts: list[int], ends: list[int], content: list[int], marks: str
    ) -> None: ...
    def __contains__(self, p: object) -> bool: ...

def sentence_ends(
    text: str, starts: list[int], ends: list[int], content: list[int], marks: str
) -> set[int]: ...

def common_ends(x: list[Hashable], y: list[Hashable]) -> tuple[int, int]: ...

def maximal_matches(
    x: list[Hashable], y: list[Hashable], k: int, max_repeat: int
) -> list[tuple[int, int, int]]: ...

def tile(
    matches: list[tuple[int, int, int]],
    x: list[Hashable],
    y: list[Hashable],
    min_len: int,
    occ_x: bytearray,
    occ_y: bytearray,
) -> list[tuple[int, int, int]]: ...

class Maker:
    def __init__(self, cls: type, fields: tuple[str, ...]) -> None: ...
    def __call__(self, *values: object) -> Any: ...

def heaviest_chain(tiles: list[tuple[int, int, int]]) -> list[bool]: ...
