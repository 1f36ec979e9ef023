from collections.abc import Callable, Sequence
from typing import Any

def tokenize(
    text: str,
    classes: Any,
    folds: Any,
    fold: Callable[[str], str],
    astral_class: Callable[[int], int],
    key_of: Callable[[int], int],
) -> tuple[list[int], list[int], list[str], list[int], list[int], list[int]]: ...

def layout(
    text: str, starts: list[int], classes: Any
) -> tuple[
    list[tuple[int, int]], list[tuple[int, int]], list[int], list[tuple[int, int]], list[int]
]: ...

def credit_lines(
    text: str,
    lines: Sequence[tuple[int, int]],
    tail_words: frozenset[str],
    head_words: frozenset[str],
    byline_starts: tuple[str, ...],
    source_starts: tuple[str, ...],
) -> list[int]: ...
