"""Tables of the store. The schema itself is made by the migrations in migrations/versions.

A message is its raw bytes, named by their SHA-256. Each processing run adds an extraction
and marks it current; staff corrections are rows of their own that no processing touches.
The effective value of a message is its latest correction, else its current extraction.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Comune(Base):
    """ISTAT's list of municipalities, the reference for reports and the review form."""

    __tablename__ = "comuni"
    istat: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_other: Mapped[str | None] = mapped_column(String(200))
    province: Mapped[str] = mapped_column(String(2), index=True)  # car-plate code
    province_name: Mapped[str] = mapped_column(String(100))
    region: Mapped[str] = mapped_column(String(100), index=True)


class Message(Base):
    __tablename__ = "messages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(Text)  # the first place it was found
    size: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)  # pending | ok | error
    error: Mapped[str | None] = mapped_column(Text)
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    message_id: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(Text)
    date_utc: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    from_: Mapped[str | None] = mapped_column("from_header", Text)
    from_address: Mapped[str | None] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(Text)
    pec_type: Mapped[str | None] = mapped_column(String(60))
    certified_sender: Mapped[str | None] = mapped_column(String(320))
    pec_identifier: Mapped[str | None] = mapped_column(Text)
    signers: Mapped[list | None] = mapped_column(JSON)
    warnings: Mapped[list | None] = mapped_column(JSON)

    raw: Mapped[RawBytes] = relationship(back_populates="message", cascade="all, delete-orphan", lazy="raise")
    documents: Mapped[list[DocumentRow]] = relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="DocumentRow.seq")
    extractions: Mapped[list[ExtractionRow]] = relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="ExtractionRow.id")
    corrections: Mapped[list[Correction]] = relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="Correction.id")


Index("ix_messages_message_id", Message.message_id)


class RawBytes(Base):
    """The message exactly as received, kept so anything can be reprocessed without the mailbox."""

    __tablename__ = "raw_messages"
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    message: Mapped[Message] = relationship(back_populates="raw")


class MessageSource(Base):
    """Every place a message was found: one file path or IMAP folder/UIDVALIDITY/UID."""

    __tablename__ = "message_sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    __table_args__ = (UniqueConstraint("message_pk", "source", name="uq_message_sources_message_pk_source"),)


class DocumentRow(Base):
    """A text read from a message: body, quoted history, attachment, PEC notice …"""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(30))
    origin: Mapped[str] = mapped_column(Text, default="")
    name: Mapped[str | None] = mapped_column(Text)
    part: Mapped[str] = mapped_column(String(100), default="")
    mime: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(30))
    size: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    message: Mapped[Message] = relationship(back_populates="documents")


class ExtractionRow(Base):
    """One run of the extractor over one message; exactly one per message is current."""

    __tablename__ = "extractions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), index=True)
    version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    kind: Mapped[str] = mapped_column(String(20))
    intent: Mapped[str | None] = mapped_column(String(20))
    mode: Mapped[str | None] = mapped_column(String(20))
    places: Mapped[int | None] = mapped_column(Integer)
    places_total: Mapped[int | None] = mapped_column(Integer)
    places_current: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    review_reasons: Mapped[list] = mapped_column(JSON, default=list)
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    message: Mapped[Message] = relationship(back_populates="extractions")
    comuni: Mapped[list[ExtractionComune]] = relationship(
        cascade="all, delete-orphan", order_by="ExtractionComune.position")
    __table_args__ = (
        Index("uq_extractions_current", "message_pk", unique=True,
              sqlite_where=text("is_current"), postgresql_where=text("is_current")),
    )


class ExtractionComune(Base):
    __tablename__ = "extraction_comuni"
    extraction_id: Mapped[int] = mapped_column(ForeignKey("extractions.id", ondelete="CASCADE"), primary_key=True)
    istat: Mapped[str] = mapped_column(ForeignKey("comuni.istat"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class User(Base):
    """A member of staff who may use the review app."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Correction(Base):
    """A member of staff's confirmation or correction: the full set of values they stand behind."""

    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    username: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    action: Mapped[str] = mapped_column(String(10))  # confirm | correct
    kind: Mapped[str] = mapped_column(String(20))
    intent: Mapped[str | None] = mapped_column(String(20))
    mode: Mapped[str | None] = mapped_column(String(20))
    places: Mapped[int | None] = mapped_column(Integer)
    places_total: Mapped[int | None] = mapped_column(Integer)
    places_current: Mapped[int | None] = mapped_column(Integer)
    counts: Mapped[bool] = mapped_column(Boolean, default=True)  # false: staff marked it a duplicate / not to count
    note: Mapped[str] = mapped_column(Text, default="")
    message: Mapped[Message] = relationship(back_populates="corrections")
    comuni: Mapped[list[CorrectionComune]] = relationship(
        cascade="all, delete-orphan", order_by="CorrectionComune.position")


class CorrectionComune(Base):
    __tablename__ = "correction_comuni"
    correction_id: Mapped[int] = mapped_column(ForeignKey("corrections.id", ondelete="CASCADE"), primary_key=True)
    istat: Mapped[str] = mapped_column(ForeignKey("comuni.istat"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ImapFolderState(Base):
    """How far the poller got in one folder: nothing past last_uid is trusted unless stored."""

    __tablename__ = "imap_folders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(String(400))  # user@host:port
    folder: Mapped[str] = mapped_column(String(400))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    __table_args__ = (UniqueConstraint("account", "folder", name="uq_imap_folders_account_folder"),)


class ImapAction(Base):
    """An after-commit action on the server (flag or move), retried until done."""

    __tablename__ = "imap_actions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(String(400))
    folder: Mapped[str] = mapped_column(String(400))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[int] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(400))  # "flag:$Keyword" | "move:Folder"
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class PollRun(Base):
    __tablename__ = "poll_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str] = mapped_column(String(20), default="running")  # running | ok | error
    folders: Mapped[str] = mapped_column(Text, default="")
    fetched: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    detail: Mapped[str | None] = mapped_column(Text)
