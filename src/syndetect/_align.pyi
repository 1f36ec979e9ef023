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
