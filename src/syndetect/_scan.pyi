from collections.abc import Callable, Sequence
from typing import Any

Buffer = Any  # (collections.abc.Buffer is Python 3.12+)

def scan(
    text: str,
    classes: Any,
    folds: Any,
    fold: Callable[[str], str],
    astral_class: Callable[[int], int],
    key_of: Callable[[int], int],
) -> tuple[bytes, bytes, bytes, bytes, bytes, bytes, bytes, bytes, bytes, bytes, bytes, bytes,
           bytes]: ...

def keys(vocab_chars: Buffer, vocab_ends: Buffer, ids: Buffer, t0: int = ...,
         t1: int = ...) -> list[str]: ...

def int_list(values: Buffer) -> list[int]: ...

def lexicon(words: dict[str, int]) -> object: ...

def clutter_lines(
    text: str, ids: Buffer, vocab_chars: Buffer, vocab_ends: Buffer, lines: Buffer,
    line_tok: Buffer, par_of_line: Buffer, lexicon: object,
) -> list[tuple[int, int, int]]: ...

def joint_ids(
    ids_a: Buffer, chars_a: Buffer, ends_a: Buffer, content_a: Buffer | None,
    ids_b: Buffer, chars_b: Buffer, ends_b: Buffer, content_b: Buffer | None,
) -> tuple[bool, bytes, bytes, bytes, bytes]: ...

def sentence_ends(text: str, starts: Buffer, ends: Buffer, content: Buffer | None,
                  marks: str) -> bytes: ...

def credit_lines(
    text: str,
    lines: Sequence[tuple[int, int]],
    tail_words: frozenset[str],
    head_words: frozenset[str],
    byline_starts: tuple[str, ...],
    source_starts: tuple[str, ...],
) -> list[int]: ...
