"""Rasa's SQL tracker store, made to fail one turn instead of the server or the conversation.

Two behaviours of Rasa 3.6 this replaces:

- ``SQLTrackerStore.session_scope`` takes any ``ValueError`` in a database session for a missing
  PostgreSQL schema and calls ``sys.exit``. Binding a sender id that is not well-formed Unicode
  raises one in SQLite's driver, so one request stopped the whole server.
- Rasa's agent wraps every tracker store in a ``FailSafeTrackerStore``, which on any other error
  (a locked file, a full disk, PostgreSQL restarting) carries on with an empty in-memory
  conversation: the user is answered as if new, mid-triage, that turn is never stored, and its
  error line quotes the SQL parameters, which hold the user's words.

Here any database error in a session raises :class:`ConversationStoreUnavailable`, which the
channels turn into a 503 with ``Retry-After`` and an apology (bot/rest_channel.py,
bot/teams_channel.py); nothing of the turn is stored, so the user's resent message is handled
once. The process keeps serving and answers again as soon as the database does: PostgreSQL
connections are checked before use (``pool_pre_ping``), so the first turn after a restart does
not fail on a connection the restart closed.

Deleted content is overwritten in an SQLite file (:func:`overwrite_deleted_content`). A long
session is restarted at the end of a turn, so a turn's cost stays flat (bot/bounded_sessions.py).

Selected in bot/endpoints.yml and bot/endpoints.scale-out.yml with
``type: bot.tracker_store.CompactSQLTrackerStore``; it takes the same settings as ``type: SQL``.
"""

from __future__ import annotations

import contextlib
import fcntl
import inspect
import logging
from typing import Any, Iterator

import sqlalchemy as sa
from rasa.core import tracker_store
from rasa.core.tracker_store import SQLTrackerStore, ensure_schema_exists
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import Session, sessionmaker

from bot.bounded_sessions import restart_events
from bot.platform.speedups import STORED
from compact.settings import settings

logger = logging.getLogger(__name__)


class ConversationStoreUnavailable(BaseException):
    """The tracker store or lock store failed during a turn; the turn is abandoned.

    A ``BaseException`` so that Rasa's ``FailSafeTrackerStore`` (which catches ``Exception`` and
    falls back to an empty conversation) and Rasa's ``except Exception`` around lock handling let
    it through to the channel, which answers 503.
    """


def describe(error: BaseException) -> str:
    """What went wrong, for the log, without data: SQLAlchemy's message quotes the statement's
    parameters (the user's words). Connection and disk errors ("database is locked", "server
    closed the connection") name no data, so their first line is kept."""
    original = getattr(error, "orig", None) or error
    name = type(error).__name__ if original is error else f"{type(error).__name__}/{type(original).__name__}"
    if type(original).__name__ == "OperationalError":
        lines = str(original).strip().splitlines()
        return f"{name}: {lines[0]}" if lines else name
    code = getattr(original, "pgcode", None)
    return f"{name} {code}" if code else name


@contextlib.contextmanager
def unavailable_on_error() -> Iterator[None]:
    """Any database error inside as :class:`ConversationStoreUnavailable`."""
    try:
        yield
    except (sa.exc.SQLAlchemyError, ValueError, OSError) as error:  # UnicodeError is a ValueError
        raise ConversationStoreUnavailable(describe(error)) from error


def overwrite_deleted_content(engine: sa.engine.Engine) -> None:
    """SQLite leaves deleted rows readable in the file until their pages are reused; with
    ``secure_delete`` it overwrites them, so an expired or deleted conversation is gone from the
    file itself (PostgreSQL's autovacuum reclaims dead rows: docs/security.md)."""

    @sa.event.listens_for(engine, "connect")
    def on_connect(connection: Any, _: Any) -> None:
        connection.execute("PRAGMA secure_delete = ON")

    engine.dispose()  # connections pooled before the listener (Rasa creates the tables) are made again


@contextlib.contextmanager
def creating_tables_alone(*args: Any, **kwargs: Any) -> Iterator[None]:
    """For a store made with ``SQLTrackerStore``'s arguments: while it is made, no other process
    of the instance makes one on the same SQLite file. Rasa creates its tables when a store is
    made; the Rasa workers start together, and the one that lost the race to create them logged
    "Could not create tables … already exists" as an ERROR on a fresh start. The lock is an
    ``flock`` of the database file, which SQLite's own (``fcntl``) locks do not see."""
    given = inspect.signature(SQLTrackerStore.__init__).bind(None, *args, **kwargs)
    given.apply_defaults()
    dialect, db = given.arguments["dialect"], given.arguments["db"]
    if dialect != "sqlite" or not db or db == ":memory:":
        yield  # (PostgreSQL: Rasa's own handling of instances that start together)
        return
    try:
        file = open(db, "ab")
    except OSError:  # (Rasa reports a file it cannot open, as before)
        yield
        return
    with file:
        fcntl.flock(file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)


def just_created(tracker: DialogueStateTracker) -> bool:
    """Whether ``tracker`` is the empty one Rasa's ``create_tracker`` saves when a conversation
    has no stored events, before the turn adds any (it is not loaded from the store: a loaded one
    knows how many of its events are stored). Saving it stores nothing, but cost a count of the
    sender's events and a commit: a seventh of the Rasa workers' time when every message starts a
    conversation (``make profile --saturation``). The turn's own save then stores all its events,
    without counting them again."""
    return STORED not in tracker.__dict__ and tracker.events.maxlen is None and not tracker.events


class CompactSQLTrackerStore(SQLTrackerStore):
    """``type: SQL`` with database errors turned into :class:`ConversationStoreUnavailable`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with creating_tables_alone(*args, **kwargs):
            super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            overwrite_deleted_content(self.engine)
        else:
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(url, pool_pre_ping=True, **tracker_store.create_engine_kwargs(url))
            self.sessionmaker = sessionmaker(bind=self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save, except of a conversation just created; then, if the session has grown
        long, a new one carrying its state."""
        if just_created(tracker):
            tracker.__dict__[STORED] = 0  # so the turn's save stores all its events without counting
            return
        await super().save(tracker)
        restart = restart_events(tracker, settings().session_events)
        if restart:
            for event in restart:
                tracker.update(event)
            await super().save(tracker)
            logger.debug("session restarted to bound its length")

    @contextlib.contextmanager
    def connection_scope(self) -> Iterator[sa.engine.Connection]:
        """The platform's transaction without an ORM session (bot/platform/speedups.py: a turn's load
        and save), failing as a session does. (A missing PostgreSQL schema, which ``session_scope``
        checks first, fails the statement instead.)"""
        with unavailable_on_error(), self.engine.begin() as connection:
            yield connection

    @contextlib.contextmanager
    def session_scope(self) -> Iterator[Session]:
        session = self.sessionmaker()
        try:
            with unavailable_on_error():
                ensure_schema_exists(session)
                yield session
        finally:
            try:
                session.close()
            except sa.exc.SQLAlchemyError as error:  # a dead connection; the pool replaces it
                logger.debug("closing a tracker store session failed: %s", type(error).__name__)
