from collections.abc import Callable
from typing import Any

def tokenize(
    text: str,
    classes: Any,
    folds: Any,
    fold: Callable[[str], str],
    astral_class: Callable[[int], int],
) -> tuple[list[int], list[int], list[str], list[int], list[int], list[int]]: ...
