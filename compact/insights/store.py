"""Where the conversations are: the tracker store's database, as the Rasa server finds it.

The endpoints file the server uses (``COMPACT_ENDPOINTS``: bot/endpoints.yml, SQLite in
``TRACKER_DB``; or bot/endpoints.scale-out.yml, PostgreSQL from ``DB_HOST``, ``DB_NAME``,
``DB_USER``, ``DB_PASSWORD``) names it; its ``${VARIABLES}`` are read from the environment, as
Rasa reads them, and the URL is built by Rasa's SQL tracker store itself.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Mapping

import sqlalchemy as sa
import yaml

VARIABLE = re.compile(r"\$\{([^}]+)\}")


class StoreError(ValueError):
    """The tracker store cannot be found from the configuration: the message says what is missing."""


def _substituted(value: Any, env: Mapping[str, str]) -> str | None:
    if value is None:
        return None
    text = str(value)
    missing = [name for name in VARIABLE.findall(text) if name not in env]
    if missing:
        raise StoreError(f"the endpoints file needs {', '.join(missing)} set in the environment")
    return VARIABLE.sub(lambda m: env[m.group(1)], text)


def database_url(endpoints: Path, tracker_db: Path, env: Mapping[str, str] | None = None) -> str | sa.engine.URL:
    """The tracker store's SQLAlchemy URL, from the endpoints file (``tracker_db``: the SQLite file, as configured)."""
    env = os.environ if env is None else env
    try:
        config = yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise StoreError(f"cannot read the endpoints file {endpoints}: {error}") from None
    store = config.get("tracker_store") if isinstance(config, dict) else None
    if not isinstance(store, dict):
        raise StoreError(f"{endpoints} configures no tracker store: the report reads Rasa's SQL tracker store")
    dialect = _substituted(store.get("dialect", "sqlite"), env) or "sqlite"
    if dialect == "sqlite":
        return f"sqlite:///{tracker_db}"
    from rasa.core.tracker_store import SQLTrackerStore  # Rasa's own rules (a host may carry its port, or be a URL)

    port = _substituted(store.get("port"), env)
    return SQLTrackerStore.get_db_url(
        dialect,
        host=_substituted(store.get("url"), env),
        port=int(port) if port else None,
        db=_substituted(store.get("db"), env) or "rasa.db",
        username=_substituted(store.get("username"), env),
        password=_substituted(store.get("password"), env),
    )


def engine_for(url: str | sa.engine.URL, env: Mapping[str, str] | None = None) -> sa.engine.Engine:
    """An engine for the report: a file path alone is taken for an SQLite file. PostgreSQL uses
    the schema Rasa is told to (``POSTGRESQL_SCHEMA``), as the server does."""
    env = os.environ if env is None else env
    if isinstance(url, str) and "://" not in url:
        if not Path(url).exists():
            raise StoreError(f"no such database file: {url}")
        url = f"sqlite:///{url}"
    options: dict[str, Any] = {}
    schema = env.get("POSTGRESQL_SCHEMA", "").strip()
    if schema and sa.engine.make_url(url).get_backend_name() == "postgresql":
        options["connect_args"] = {"options": f"-csearch_path={schema}"}
    return sa.create_engine(url, pool_pre_ping=True, **options)
