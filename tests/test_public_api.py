"""The public surface other code and evaluations rely on: names pinned here."""

from __future__ import annotations

import dataclasses
import inspect

import syndetect


def test_all_names_exist_and_nothing_else_is_exported_by_accident() -> None:
    for name in syndetect.__all__:
        assert hasattr(syndetect, name), name
    assert sorted(syndetect.__all__) == sorted(set(syndetect.__all__))
    public = {n for n in dir(syndetect) if not n.startswith("_") and n.istitle()}
    assert public <= set(syndetect.__all__) | {"Any"}


def test_compare_signature_is_two_texts_then_keyword_options() -> None:
    params = list(inspect.signature(syndetect.compare).parameters.values())
    assert [p.name for p in params[:2]] == ["a", "b"]
    assert params[2].kind is inspect.Parameter.VAR_KEYWORD


def test_comparison_fields() -> None:
    c = syndetect.compare("The river rose overnight in the old town.", "The river rose.")
    for name in ("shared", "divergences", "coverage_a", "coverage_b", "verdict"):
        assert hasattr(c, name)
    assert callable(c.to_dict) and c.to_dict()["schema"] == syndetect.COMPARISON_SCHEMA
    fields = {f.name for f in dataclasses.fields(syndetect.SharedSpan)}
    assert {"a_start", "a_end", "b_start", "b_end"} <= fields
    fields = {f.name for f in dataclasses.fields(syndetect.Divergence)}
    assert {"kind", "a_start", "a_end", "b_start", "b_end"} <= fields
    assert c.verdict in ("verbatim", "light_edit", "heavy_edit", "partial", "unrelated")


def test_index_methods() -> None:
    for name in ("add", "add_many", "query", "remove", "families", "save"):
        assert callable(getattr(syndetect.Index, name)), name
    assert isinstance(inspect.getattr_static(syndetect.Index, "load"), classmethod)
    add = inspect.signature(syndetect.Index.add).parameters
    assert list(add)[:3] == ["self", "doc_id", "text"]
    assert any(p.kind is inspect.Parameter.VAR_KEYWORD for p in add.values())
    init = inspect.signature(syndetect.Index.__init__).parameters
    assert {"redis_url", "name"} <= set(init)
    assert all(p.kind in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.VAR_KEYWORD)
               for n, p in init.items() if n != "self")
    for name in ("doc_id", "score", "coverage_query", "coverage_doc", "comparison"):
        assert name in {f.name for f in dataclasses.fields(syndetect.Match)}


def test_every_error_shares_the_base_class() -> None:
    errors = [getattr(syndetect, n) for n in syndetect.__all__ if n.endswith("Error")]
    assert len(errors) >= 10
    assert all(issubclass(e, syndetect.SyndetectError) for e in errors)
