"""The lists of people the bot shows (/membres, /retirer) come in a set order on either
engine: PostgreSQL returns rows in no set order, and a row it has just updated tends to
come back last, where SQLite reads them in the order they were written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.clusters import save_cluster_for_chat
from storage.db import Database
from storage.members import cluster_roster, create_invitation, mark_delivered, people_named
from storage.organisations import organisation_named
from storage.views import Author

NOW = datetime(2016, 10, 18, 9, 0, tzinfo=UTC)
ASKED = ["Awa Diallo", "Moussa Keïta", "Gerson Brandao"]  # a minute apart, in this order


def invited(db: Database) -> int:
    """Three links for OCHA. The second was asked for first but written last (handlers run
    on worker threads: a command's time is when it arrived, its id when it was stored); then
    the first link reaches its coordinator, which updates its row."""
    with db.session() as session:
        cluster, _ = save_cluster_for_chat(
            session=session,
            chat_id=-100,
            name="Cluster Protection",
            short_name="CP",
            timezone="Africa/Bamako",
            now=NOW,
        )
        ocha = organisation_named(session=session, name="OCHA")
        assert ocha is not None
        assert ocha.id is not None
        for n in (0, 2, 1):
            create_invitation(
                session=session,
                cluster_id=cluster.id,
                organisation_id=ocha.id,
                display_name=ASKED[n],
                code=f"code-{n}",
                by=Author(None, "Oumou Sow", NOW + timedelta(minutes=n)),
            )
    with db.session() as session:
        mark_delivered(session=session, codes=["code-0"], now=NOW + timedelta(hours=1))
    return cluster.id


def test_the_roster_lists_unopened_links_in_the_order_they_were_asked_for(db: Database) -> None:
    cid = invited(db)
    with db.session() as session:
        roster = cluster_roster(session=session, cluster_id=cid)
    [ocha] = [o for o in roster.organisations if o.organisation.acronym == "OCHA"]
    assert ocha.pending_invitations == tuple(ASKED)


def test_the_people_a_name_matches_are_offered_in_the_order_they_were_asked_for(
    db: Database,
) -> None:
    cid = invited(db)
    with db.session() as session:
        found = people_named(session=session, cluster_id=cid, text="a")  # in all three names
    assert [p.name for p in found] == ASKED
