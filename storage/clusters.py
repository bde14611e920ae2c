"""Clusters: one Telegram group each."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from storage.models import Cluster, Member, Membership
from storage.views import ClusterView


def cluster_view(cluster: Cluster) -> ClusterView:
    assert cluster.id is not None
    return ClusterView(
        id=cluster.id,
        name=cluster.name,
        short_name=cluster.short_name,
        chat_id=cluster.chat_id,
        timezone=cluster.timezone,
    )


def get_cluster_by_chat(*, session: Session, chat_id: int) -> ClusterView | None:
    cluster = session.exec(select(Cluster).where(Cluster.chat_id == chat_id)).first()
    return cluster_view(cluster) if cluster else None


def get_cluster(*, session: Session, cluster_id: int) -> ClusterView | None:
    cluster = session.get(Cluster, cluster_id)
    return cluster_view(cluster) if cluster else None


def save_cluster_for_chat(
    *,
    session: Session,
    chat_id: int,
    name: str,
    short_name: str | None,
    timezone: str,
    now: datetime,
) -> tuple[ClusterView, bool]:
    """Create the group's cluster, or rename it. Returns the cluster and whether it is new."""
    cluster = session.exec(select(Cluster).where(Cluster.chat_id == chat_id)).first()
    created = cluster is None
    if cluster is None:
        cluster = Cluster(
            chat_id=chat_id, name=name, short_name=short_name, timezone=timezone, created_at=now
        )
    else:
        cluster.name = name
        cluster.short_name = short_name
    session.add(cluster)
    session.flush()
    return cluster_view(cluster), created


def move_cluster_chat(*, session: Session, old_chat_id: int, new_chat_id: int) -> bool:
    """Follow a group that became a supergroup (Telegram gives it a new chat id)."""
    cluster = session.exec(select(Cluster).where(Cluster.chat_id == old_chat_id)).first()
    if cluster is None:
        return False
    cluster.chat_id = new_chat_id
    session.add(cluster)
    session.flush()
    return True


def clusters_of_user(*, session: Session, telegram_user_id: int) -> list[ClusterView]:
    """The clusters a Telegram account belongs to, in any role."""
    rows = session.exec(
        select(Cluster)
        .join(Membership, col(Membership.cluster_id) == Cluster.id)
        .join(Member, col(Member.id) == Membership.member_id)
        .where(Member.telegram_user_id == telegram_user_id)
        .order_by(col(Cluster.name), col(Cluster.id))
    ).all()
    return [cluster_view(c) for c in rows]


def all_clusters(*, session: Session) -> list[ClusterView]:
    return [cluster_view(c) for c in session.exec(select(Cluster).order_by(col(Cluster.id)))]
