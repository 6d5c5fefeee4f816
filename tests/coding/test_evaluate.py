"""Gold scoring: the macro-F1 label set and the two date rates."""

from __future__ import annotations

from typing import Any

from steppewatch.coding.evaluate import score_outputs


def gold(category: str | None, date: str | None = None, basis: str | None = None) -> dict[str, Any]:
    events = [] if category is None else [{"category": category, "subtype": None, "country": None, "actors": [],
                                           "date": date, "date_precision": "day" if date else None,
                                           "date_basis": basis, "fatalities": None, "evidence": [0, 1]}]
    return {"set": "t", "doc_id": "x", "events": events}


def out(category: str | None, date: str | None = None) -> dict[str, Any]:
    return {"events": [] if category is None else [{"category": category, "date": {"value": date}, "actors": []}]}


def test_macro_f1_counts_every_category_in_gold_or_predictions() -> None:
    s = score_outputs([gold("militancy"), gold(None)], [out("militancy"), out("military")]).summary()
    # militancy F1 1.0, military (predicted, never in gold) F1 0.0; "none" is not a category
    assert s["category_macro_f1"] == 0.5
    assert s["category_accuracy"] == 0.5


def test_date_rate_on_text_dates_leaves_external_dates_out() -> None:
    g = [gold("militancy", "2018-06-10", "external"), gold("militancy", "2015-02-11", "text")]
    s = score_outputs(g, [out("militancy", "2018-06-11"), out("militancy", "2015-02-11")]).summary()
    assert (s["date_exact"], s["date_n"]) == (0.5, 2)
    assert (s["date_exact_text"], s["date_text_n"]) == (1.0, 1)


def test_publication_date_comes_from_the_source_record_as_ingestion_reads_it() -> None:
    from steppewatch.coding.evaluate import ged_headline, published_at

    cite = "\"Reuters News,2018-11-06,Taliban attack Afghan post, killing 20 troops\";\"AFP,2018-11-07,x\""
    head, day = ged_headline(cite)
    assert (head, day) == ("Taliban attack Afghan post, killing 20 troops", "2018-11-06")
    assert published_at({"headline_date": day, "date_start": "2018-11-05"}) == "2018-11-06T12:00:00+00:00"
    # a GED CSV row: the first readable date of source_date, as the UCDP reader takes it
    assert published_at({"source_date": " ;2015-09-18;2015-09-17"}) == "2015-09-18T12:00:00+00:00"
    assert published_at({"date": "2012-05-01 21:27:36"}) == "2012-05-01T21:27:36+00:00"
    assert published_at({"published_at": "2020-10-15T08:00:00Z"}) == "2020-10-15T08:00:00Z"
    assert published_at({"text": "no date here"}) is None
    assert published_at({"date": "May 2012"}) is None
