class SentenceEnds:
    def __init__(
        self, text: str, starts: list[int], ends: list[int], content: list[int], marks: str
    ) -> None: ...
    def __contains__(self, p: object) -> bool: ...

def sentence_ends(
    text: str, starts: list[int], ends: list[int], content: list[int], marks: str
) -> set[int]: ...

def common_ends(x: list[int], y: list[int]) -> tuple[int, int]: ...

def maximal_matches(
    x: list[int], y: list[int], k: int, max_repeat: int
) -> list[tuple[int, int, int]]: ...

def tile(
    matches: list[tuple[int, int, int]],
    x: list[int],
    y: list[int],
    min_len: int,
    occ_x: bytearray,
    occ_y: bytearray,
) -> list[tuple[int, int, int]]: ...
