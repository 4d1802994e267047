"""Every total of the known store, on SQLite and PostgreSQL: the superseded rule, confirmed vs pending."""

from __future__ import annotations

import pytest

from anci_mailintake.errors import ConfigError
from anci_mailintake.report import Tally, build, totals
from anci_mailintake.store.db import session_scope

from conftest import AGLIE, AGUGLIARO, ALBETTONE, ALONTE, MILANO, MONCALIERI, NOVE, PADOVA, TORINO

VI_CONFIRMED = Tally(interested=2, not_interested=1, places_new=7, places_expansion=8)
VI_PENDING = Tally(interested=1, places_new=4)
PD_CONFIRMED = Tally(interested=1, places_expansion=5)
TO_CONFIRMED = Tally(interested=1, places_new=12)
TO_PENDING = Tally(interested=1, unknown=1, places_expansion=20)


def _sum(*tallies: Tally) -> Tally:
    return Tally(*(sum(getattr(t, f) for t in tallies) for f in Tally.__dataclass_fields__))


def test_totals_per_province_region_and_italy(engine, known):
    with session_scope(engine) as s:
        provinces = {t.province: t for t in totals(s, "province")}
        regions = {t.region: t for t in totals(s, "region")}
        italy = totals(s, "all")[0]
    assert len(provinces) == 107 and len(regions) == 20
    assert (provinces["VI"].confirmed, provinces["VI"].pending) == (VI_CONFIRMED, VI_PENDING)
    assert (provinces["PD"].confirmed, provinces["PD"].pending) == (PD_CONFIRMED, Tally())
    assert (provinces["TO"].confirmed, provinces["TO"].pending) == (TO_CONFIRMED, TO_PENDING)
    assert (provinces["MI"].confirmed, provinces["MI"].pending) == (Tally(), Tally())
    assert provinces["VI"].comuni == 113 and provinces["VI"].answered == 4 and provinces["VI"].not_answered == 109
    assert provinces["VI"].label == "Vicenza (VI)"
    assert (regions["Veneto"].confirmed, regions["Veneto"].pending) == (_sum(VI_CONFIRMED, PD_CONFIRMED), VI_PENDING)
    assert regions["Veneto"].comuni == 560 and regions["Veneto"].answered == 5
    assert (regions["Piemonte"].confirmed, regions["Piemonte"].pending) == (TO_CONFIRMED, TO_PENDING)
    assert regions["Lombardia"].answered == 0
    assert italy.confirmed == _sum(VI_CONFIRMED, PD_CONFIRMED, TO_CONFIRMED)
    assert italy.pending == _sum(VI_PENDING, TO_PENDING)
    assert italy.answered == 8 and italy.comuni == 7896 and italy.not_answered == 7888
    assert italy.confirmed.places == 7 + 8 + 5 + 12 and italy.pending.places == 4 + 20
    assert sum(t.comuni for t in provinces.values()) == italy.comuni


def test_each_comune_counts_once_with_its_latest_counting_reply(engine, known):
    pk = known.pk
    with session_scope(engine) as s:
        rep = build(s)
    counted = {a.istat: a for a in rep.answered}
    assert {i: a.message_pk for i, a in counted.items()} == {
        NOVE: pk["B"], AGUGLIARO: pk["C"], ALBETTONE: pk["D"], ALONTE: pk["K"], PADOVA: pk["G"],
        TORINO: pk["I"], MONCALIERI: pk["H"], AGLIE: pk["X"]}
    assert MILANO not in counted
    # a message naming two Comuni counts its places once, under the first one it still counts for
    assert (counted[MONCALIERI].places, counted[MONCALIERI].message_places, counted[MONCALIERI].message_comuni) \
        == (12, 12, 2)
    assert (counted[TORINO].places, counted[TORINO].confirmed, counted[TORINO].date) == (20, False, counted[TORINO].date)
    assert counted[TORINO].date is not None and counted[TORINO].date.year > 2020  # no Date header: when stored
    assert (counted[PADOVA].mode, counted[PADOVA].places, counted[PADOVA].corrected, counted[PADOVA].confirmed) \
        == ("expansion", 5, True, True)
    assert (counted[ALBETTONE].intent, counted[ALBETTONE].confirmed, counted[ALBETTONE].superseded) \
        == ("not_interested", True, 1)
    assert (counted[AGLIE].intent, counted[AGLIE].confirmed) == (None, False)
    assert counted[NOVE].superseded == 1 and counted[AGUGLIARO].superseded == 0


def test_superseded_replies_say_why(engine, known):
    pk = known.pk
    with session_scope(engine) as s:
        rep = build(s)
    got = {(x.istat, x.message_pk): (x.excluded, x.kept_pk) for x in rep.superseded}
    assert got == {
        (NOVE, pk["A"]): (False, pk["B"]),
        (ALBETTONE, pk["E"]): (True, pk["D"]),
        (ALONTE, pk["J"]): (False, pk["K"]),
        (PADOVA, pk["F"]): (False, pk["G"]),
        (TORINO, pk["H"]): (False, pk["I"]),
        (MILANO, pk["L"]): (True, None),
    }
    reasons = {x.message_pk: x.reason for x in rep.superseded}
    assert reasons[pk["E"]] == "marked by staff not to count"
    assert reasons[pk["A"]] == f"superseded by the later message {pk['B']}"


def test_who_did_not_answer_by_region_and_province(engine, known):
    with session_scope(engine) as s:
        everyone = build(s).missing
        vicenza = build(s, province="vi").missing
        veneto = build(s, region="VENETO").missing
        lombardia = build(s, region="Lombardia", province="Milano")
    assert len(everyone) == 7888
    missing = {m.istat for m in everyone}
    assert MILANO in missing and not missing & {NOVE, AGUGLIARO, ALBETTONE, ALONTE, PADOVA, TORINO, MONCALIERI, AGLIE}
    assert len(vicenza) == 109 and {m.province for m in vicenza} == {"VI"}
    assert len(veneto) == 555 and {m.region for m in veneto} == {"Veneto"}
    assert MILANO in {m.istat for m in lombardia.missing} and lombardia.province == "MI"
    assert lombardia.total.comuni == 133 and lombardia.total.answered == 0
    assert [x.istat for x in lombardia.superseded] == [MILANO]


def test_a_scoped_report_holds_only_its_territory(engine, known):
    with session_scope(engine) as s:
        rep = build(s, province="VI")
    assert (rep.region, rep.province, rep.scope) == ("Veneto", "VI", "Vicenza (VI)")
    assert [p.province for p in rep.provinces] == ["VI"] and [r.region for r in rep.regions] == ["Veneto"]
    assert (rep.total.confirmed, rep.total.pending) == (VI_CONFIRMED, VI_PENDING)
    assert {a.province for a in rep.answered} == {"VI"} and len(rep.answered) == 4
    assert {x.istat for x in rep.superseded} == {NOVE, ALBETTONE, ALONTE}


@pytest.mark.parametrize("kwargs, words", [
    ({"region": "Atlantide"}, "not a region"),
    ({"province": "ZZ"}, "not a province"),
    ({"region": "Veneto", "province": "TO"}, "lies in Piemonte"),
])
def test_an_unknown_territory_is_a_config_error_that_lists_the_known_ones(engine, kwargs, words):
    with session_scope(engine) as s, pytest.raises(ConfigError, match=words):
        build(s, **kwargs)


def test_a_bilingual_region_answers_to_either_name(engine):
    with session_scope(engine) as s:
        assert build(s, region="trentino-alto adige", lists=False).region == "Trentino-Alto Adige/Südtirol"
        assert build(s, region="Vallée d'Aoste", lists=False).total.comuni == 74
