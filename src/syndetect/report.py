"""The result of a comparison, as frozen value objects, and its JSON form.

All offsets are half-open character offsets into the two texts exactly as they were
given: ``a[s.a_start:s.a_end]`` is what a person reads in the first text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .text import Boilerplate, Paragraph

if TYPE_CHECKING:
    from .credits import Credit, CreditStatus
    from .facts import FactChange

__all__ = [
    "COMPARISON_SCHEMA",
    "DIVERGENCE_KINDS",
    "VERDICTS",
    "Comparison",
    "Divergence",
    "Passage",
    "SharedSpan",
    "Substitution",
]

#: Identifies the layout of :meth:`Comparison.to_dict`; bumped on incompatible change.
COMPARISON_SCHEMA = "syndetect.comparison/1"

VERDICTS = ("verbatim", "light_edit", "heavy_edit", "partial", "unrelated")
DIVERGENCE_KINDS = ("deleted", "inserted", "rewritten", "moved")


@dataclass(frozen=True, slots=True)
class SharedSpan:
    """A stretch present in both texts: equal word for word after normalisation.

    ``words`` is its length in words (tokens). ``quotation`` is true when most of it
    stands inside quotation marks in both texts: shared quotations are not evidence
    that one text copied the other. ``moved`` is true when it stands in a different
    order in the two texts (a ``moved`` divergence records it too). ``a_paragraph`` and
    ``b_paragraph`` number the paragraphs (from 0) where it starts.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int
    quotation: bool = False
    moved: bool = False
    a_paragraph: int = 0
    b_paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Substitution:
    """A word-level change inside a rewritten passage: ``a[a_start:a_end]`` became
    ``b[b_start:b_end]`` (either side may be empty)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True, slots=True)
class Divergence:
    """Where the texts differ.

    ``kind`` is ``"deleted"`` (text only in a; the b side is the empty point where it
    would have stood), ``"inserted"`` (text only in b; empty a side), ``"rewritten"``
    (both sides, resembling each other; ``substitutions`` lists the word-level
    changes) or ``"moved"`` (a shared passage standing elsewhere: the a side is where
    it stood in a, the b side where it stands in b).
    """

    kind: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words_a: int = 0
    words_b: int = 0
    a_paragraph: int = 0
    b_paragraph: int = 0
    substitutions: tuple[Substitution, ...] = ()


@dataclass(frozen=True, slots=True)
class Passage:
    """A reused passage: shared spans and the rewrites between them, merged.

    This is the unit a reader thinks in ("paragraphs 2-5 were taken, lightly
    edited") and what plagiarism-detection measures such as PAN's plagdet score.
    ``shared_words`` counts the words of a inside shared spans of the passage.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words_a: int
    words_b: int
    shared_words: int
    moved: bool = False


@dataclass(frozen=True)
class Comparison:
    """Everything :func:`syndetect.compare` found about two texts.

    ``coverage_a`` is the share of a's words (boilerplate excluded) inside shared
    spans ("how much of the wire was reused"); ``coverage_b`` the same for b ("how
    much of the copy is wire"). ``evidence_a`` and ``evidence_b`` are the same shares
    with shared quotations left out (and quoted words left out of the totals); the
    verdict is decided on them. ``verdict`` is one of :data:`VERDICTS`.
    ``paragraphs_a`` / ``paragraphs_b`` give each paragraph's offsets: the
    ``a_paragraph`` / ``b_paragraph`` numbers of spans and divergences index them.
    """

    a: str = field(repr=False)
    b: str = field(repr=False)
    shared: tuple[SharedSpan, ...]
    divergences: tuple[Divergence, ...]
    passages: tuple[Passage, ...]
    boilerplate_a: tuple[Boilerplate, ...]
    boilerplate_b: tuple[Boilerplate, ...]
    words_a: int
    words_b: int
    shared_words: int
    coverage_a: float
    coverage_b: float
    evidence_a: float
    evidence_b: float
    verdict: str
    options: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    paragraphs_a: tuple[Paragraph, ...] = field(default=(), repr=False)
    paragraphs_b: tuple[Paragraph, ...] = field(default=(), repr=False)

    # Wire intelligence, computed on first use (compare itself stays lean).

    @cached_property
    def credits_a(self) -> tuple[Credit, ...]:
        """Wire credits, datelines and bylines found in a (see :mod:`syndetect.credits`)."""
        from .credits import detect_credits

        return detect_credits(self.a)

    @cached_property
    def credits_b(self) -> tuple[Credit, ...]:
        """Wire credits, datelines and bylines found in b."""
        from .credits import detect_credits

        return detect_credits(self.b)

    @cached_property
    def credit_status(self) -> CreditStatus:
        """Whether b credits a's agency (``credits_wire``), someone else
        (``credits_other``) or nobody (``uncredited``): what rights teams look for."""
        from .credits import status_from_credits

        return status_from_credits(self.credits_a, self.credits_b)

    @cached_property
    def changed_facts(self) -> tuple[FactChange, ...]:
        """Changes of substance (numbers, names, places, quotations) and of style
        inside the passages b kept from a but reworded (see :mod:`syndetect.facts`)."""
        from .facts import changed_facts

        return changed_facts(self)

    @property
    def is_republication(self) -> bool:
        """True for verbatim, light and heavy edits: b carries a's story."""
        return self.verdict in ("verbatim", "light_edit", "heavy_edit")

    def counts(self) -> dict[str, int]:
        """How many divergences of each kind, plus shared spans and quotations."""
        out = {k: 0 for k in DIVERGENCE_KINDS}
        for d in self.divergences:
            out[d.kind] += 1
        out["shared"] = len(self.shared)
        out["quotations"] = sum(1 for s in self.shared if s.quotation)
        return out

    def to_dict(self, *, texts: bool = True) -> dict[str, Any]:
        """A JSON-ready dict (schema :data:`COMPARISON_SCHEMA`).

        With ``texts=True`` every span carries the text it covers on each side
        (``a_text``/``b_text``), so the JSON can be read without the originals.
        """
        a, b = self.a, self.b

        def span_text(d: dict[str, Any], obj: Any) -> dict[str, Any]:
            if texts:
                d["a_text"] = a[obj.a_start:obj.a_end]
                d["b_text"] = b[obj.b_start:obj.b_end]
            return d

        shared = [
            span_text(
                {
                    "a_start": s.a_start, "a_end": s.a_end,
                    "b_start": s.b_start, "b_end": s.b_end,
                    "words": s.words, "quotation": s.quotation, "moved": s.moved,
                    "a_paragraph": s.a_paragraph, "b_paragraph": s.b_paragraph,
                },
                s,
            )
            for s in self.shared
        ]
        divergences = []
        for d in self.divergences:
            item = span_text(
                {
                    "kind": d.kind,
                    "a_start": d.a_start, "a_end": d.a_end,
                    "b_start": d.b_start, "b_end": d.b_end,
                    "words_a": d.words_a, "words_b": d.words_b,
                    "a_paragraph": d.a_paragraph, "b_paragraph": d.b_paragraph,
                },
                d,
            )
            if d.substitutions:
                item["substitutions"] = [
                    span_text({"a_start": s.a_start, "a_end": s.a_end,
                               "b_start": s.b_start, "b_end": s.b_end}, s)
                    for s in d.substitutions
                ]
            divergences.append(item)

        def boiler(items: tuple[Boilerplate, ...], text: str) -> list[dict[str, Any]]:
            out = []
            for bp in items:
                entry: dict[str, Any] = {"start": bp.start, "end": bp.end, "reason": bp.reason}
                if texts:
                    entry["text"] = text[bp.start:bp.end]
                out.append(entry)
            return out

        return {
            "schema": COMPARISON_SCHEMA,
            "verdict": self.verdict,
            "coverage_a": round(self.coverage_a, 6),
            "coverage_b": round(self.coverage_b, 6),
            "evidence_a": round(self.evidence_a, 6),
            "evidence_b": round(self.evidence_b, 6),
            "words_a": self.words_a,
            "words_b": self.words_b,
            "shared_words": self.shared_words,
            "chars_a": len(a),
            "chars_b": len(b),
            "counts": self.counts(),
            "shared": shared,
            "divergences": divergences,
            "passages": [
                {
                    "a_start": p.a_start, "a_end": p.a_end,
                    "b_start": p.b_start, "b_end": p.b_end,
                    "words_a": p.words_a, "words_b": p.words_b,
                    "shared_words": p.shared_words, "moved": p.moved,
                }
                for p in self.passages
            ],
            "paragraphs_a": [[p.start, p.end] for p in self.paragraphs_a],
            "paragraphs_b": [[p.start, p.end] for p in self.paragraphs_b],
            "boilerplate_a": boiler(self.boilerplate_a, a),
            "boilerplate_b": boiler(self.boilerplate_b, b),
            "credits_a": [x.to_dict() for x in self.credits_a],
            "credits_b": [x.to_dict() for x in self.credits_b],
            "credit_status": self.credit_status.to_dict(),
            "changed_facts": [x.to_dict() for x in self.changed_facts],
            "options": dict(self.options),
        }
