"""Migrations define the schema: upgrade works on both stores and the models do not drift from it."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from anci_mailintake import istat
from anci_mailintake.store.db import current_revision, head_revision, open_store
from anci_mailintake.store.models import Base, Comune


def test_store_is_at_head_with_the_istat_list(engine):
    assert current_revision(engine) == head_revision(engine)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Comune)) == len(istat.comuni())
        assert conn.execute(select(Comune.name, Comune.province).where(Comune.istat == "100005")).one() == (
            "Prato", "PO")


def test_models_and_migrations_agree(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_a_fresh_sqlite_file_is_created_at_head(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'new' / 'store.sqlite'}")
    assert current_revision(engine) == head_revision(engine)
