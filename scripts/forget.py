"""Delete one conversation now, on a person's request (the rest expire after COMPACT_KEEP_DAYS).

    make forget ID=<id>                  # the widget's conversation id, as the person's browser shows it
    python scripts/forget.py --teams-conversation <id> --teams-user <aadObjectId>
    python scripts/forget.py --stored 'rest-client-id'   # a REST conversation, as the client named it

The id goes to the database as a bound parameter, never into SQL text. Reads the same tracker
store settings as the server: ``TRACKER_DB`` (SQLite, default .run/tracker.db) or, with
``--database-url``, PostgreSQL. The server's secret (``COMPACT_SECRET`` or its file) turns a
widget id or Teams ids into the stored id, as the server does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.conversation_ids import load_secret, teams_conversation, widget_conversation  # noqa: E402
from bot.expiry import delete_conversation  # noqa: E402
from bot.tracker_store import overwrite_deleted_content  # noqa: E402
from compact.settings import Settings, from_environment  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def stored_id(args: argparse.Namespace, secret: bytes) -> str:
    if args.stored:
        return args.stored
    if args.teams_conversation:
        return teams_conversation(secret, args.teams_conversation, args.teams_user)
    found = widget_conversation(args.id, secret)
    if found is None:
        raise SystemExit("that is not a conversation id this server issued (check it was copied whole)")
    return found


def engine_for(args: argparse.Namespace, config: Settings) -> sa.engine.Engine:
    if args.database_url:
        return sa.create_engine(args.database_url)
    db = config.tracker_db if config.tracker_db.is_absolute() else ROOT / config.tracker_db
    if not db.exists():
        raise SystemExit(f"no tracker store at {db} (set TRACKER_DB)")
    engine = sa.create_engine(f"sqlite:///{db}")
    overwrite_deleted_content(engine)
    return engine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Delete one conversation from the tracker store.")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("id", nargs="?", help="a widget conversation id (what the browser sent as 'sender')")
    which.add_argument("--stored", help="the id exactly as stored (a REST client's own id)")
    which.add_argument("--teams-conversation", help="the Teams conversation id (with --teams-user)")
    parser.add_argument("--teams-user", help="the Teams user's aadObjectId (or id)")
    parser.add_argument("--database-url", help="postgresql://user:password@host/db (default: the SQLite TRACKER_DB)")
    args = parser.parse_args(argv)
    if args.teams_conversation and not args.teams_user:
        parser.error("--teams-conversation needs --teams-user")
    config = from_environment()
    sender = stored_id(args, load_secret(config))
    events = delete_conversation(engine_for(args, config), sender)
    print(f"deleted {events} events of conversation {sender}" if events else f"no conversation {sender} is stored")
    return 0


if __name__ == "__main__":
    sys.exit(main())
