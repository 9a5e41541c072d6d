"""Every setting the assistant reads, in one typed object, read once at start-up.

One rule for a bad value: start-up stops with a message naming the variable and what it
expects (:class:`SettingsError`). ``docs/configuration.md`` has one table of these settings; a
test checks it against :class:`Settings`.

Two kinds of values:

- the service's own settings (:class:`Settings`' fields), each from one environment variable;
- what the draft Compact leaves "to be added" (the critical friend, contacts…): ``deployment``,
  from a YAML file named by ``COMPACT_SETTINGS`` and from ``COMPACT_<KEY>`` variables, which win;
  :func:`resolve` says what the draft says until one is set.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Optional, Union

import yaml
from pydantic import BaseModel, Extra, Field, IPvAnyNetwork, ValidationError, validator

from compact.wording import say

if TYPE_CHECKING:
    from compact.knowledge import Knowledge

BOT_FRAMEWORK = "https://api.botframework.com"
MIN_SECRET_CHARS = 32
MIN_API_KEY_CHARS = 24


def _env(name: str, default: Any, description: str, **checks: Any) -> Any:
    return Field(default, env=name, description=description, **checks)


class Settings(BaseModel):
    """The service's settings; each field's ``env`` is the variable it is read from."""

    @property
    def shared_file(self) -> Path:
        """The file an instance's Rasa workers share (bot/shared_file.py)."""
        return self.lock_db or shared_file_beside(self.tracker_db)

    @property
    def workers(self) -> int:
        """Rasa server processes in one instance: ``rasa_workers``, or one per core this process may use."""
        return self.rasa_workers or len(os.sched_getaffinity(0))

    # Where things are
    rasa_host: str = _env(
        "RASA_HOST", "127.0.0.1", "the interface Rasa listens on; beyond loopback the REST channel needs its key"
    )
    rasa_port: int = _env("RASA_PORT", 5005, "Rasa's port", ge=1, le=65535)
    action_port: int = _env("ACTION_PORT", 5055, "the action server's port (it listens on loopback)", ge=1, le=65535)
    tracker_db: Path = _env("TRACKER_DB", Path(".run/tracker.db"), "the SQLite tracker store's file")
    lock_db: Optional[Path] = _env(
        "LOCK_DB",
        None,
        "the file an instance's Rasa workers share: conversation locks and rate limits (default: `tracker.locks` beside "
        "TRACKER_DB)",
    )
    rasa_workers: Optional[int] = _env(
        "COMPACT_RASA_WORKERS",
        None,
        "Rasa server processes in one instance, sharing its port (default: one per core it may use; capacity.md)",
        ge=1,
    )
    endpoints: str = _env(
        "COMPACT_ENDPOINTS",
        "bot/endpoints.yml",
        "the Rasa endpoints file; bot/endpoints.scale-out.yml for PostgreSQL + Redis (deployment.md)",
    )
    knowledge: Optional[Path] = _env(
        "COMPACT_KNOWLEDGE", None, "an alternative knowledge file (default knowledge/commitments.yaml)"
    )
    settings_file: Optional[Path] = _env("COMPACT_SETTINGS", None, "a YAML file of what the draft leaves open (above)")
    allow_unreviewed: bool = _env(
        "COMPACT_ALLOW_UNREVIEWED",
        False,
        "1: load knowledge entries an import marked `review:` before a person has checked them, to try the assistant "
        "(README, Updating the knowledge)",
    )
    index_dir: Optional[Path] = _env(
        "COMPACT_INDEX_DIR", None, "where the matcher's saved index is kept, for a fast start (default models/; capacity.md)"
    )
    # Conversations
    action_timeout: float = _env(
        "COMPACT_ACTION_TIMEOUT", 10.0, "seconds to wait for the action server in a turn before apologising", gt=0
    )
    keep_days: float = _env("COMPACT_KEEP_DAYS", 30.0, "delete conversations inactive this many days (security.md)", gt=0)
    expiry_check_seconds: float = _env("COMPACT_EXPIRY_CHECK_SECONDS", 3600.0, "how often to look for them", gt=0)
    session_events: int = _env(
        "COMPACT_SESSION_EVENTS",
        100,
        "a conversation's session restarts (state carried over) after this many events, so a turn's cost stays flat",
        ge=20,
    )
    # Security (security.md)
    secret: Optional[str] = _env(
        "COMPACT_SECRET",
        None,
        "at least 32 random characters: signs the widget's conversation ids and keys "
        "the Teams ones; the same on every instance (default: a file made once)",
        min_length=MIN_SECRET_CHARS,
    )
    secret_file: Optional[Path] = _env("COMPACT_SECRET_FILE", None, "where that file is (default `secret` beside TRACKER_DB)")
    rest_api_key: Optional[str] = _env(
        "COMPACT_REST_API_KEY",
        None,
        "the REST channel's key (Authorization: Bearer …); required when "
        "Rasa listens beyond loopback and for requests relayed by a proxy",
        min_length=MIN_API_KEY_CHARS,
    )
    insights_token: Optional[str] = _env(
        "COMPACT_INSIGHTS_TOKEN",
        None,
        "at least 24 random characters: serves the owners' insights report at GET /insights/ to requests "
        "with Authorization: Bearer <token> (owners.md); unset, the report is not served",
        min_length=MIN_API_KEY_CHARS,
    )
    trusted_proxies: tuple[IPvAnyNetwork, ...] = _env(
        "COMPACT_TRUSTED_PROXIES",
        (),
        "addresses or networks of your reverse proxy or "
        "load balancer (space- or comma-separated); the per-address limits then read "
        "the client from X-Forwarded-For",
    )
    widget_origins: str = _env(
        "COMPACT_WIDGET_ORIGINS", "", "council sites that embed the widget, added to allowed_origins (widget.md)"
    )
    # Abuse limits (security.md)
    rate_burst: int = _env("COMPACT_RATE_BURST", 20, "messages per conversation: burst", ge=1)
    rate_per_minute: float = _env("COMPACT_RATE_PER_MINUTE", 90.0, "messages per conversation: a minute, after the burst", gt=0)
    address_burst: int = _env("COMPACT_ADDRESS_BURST", 120, "widget messages per client address: burst", ge=1)
    address_per_minute: float = _env("COMPACT_ADDRESS_PER_MINUTE", 600.0, "widget messages per client address: a minute", gt=0)
    new_conversations_burst: int = _env(
        "COMPACT_NEW_CONVERSATIONS_BURST", 30, "new widget conversations per address: burst", ge=1
    )
    new_conversations_per_hour: float = _env(
        "COMPACT_NEW_CONVERSATIONS_PER_HOUR", 120.0, "new widget conversations per address: an hour", gt=0
    )
    # Microsoft Teams (teams.md); without an app id and password the Teams endpoint answers 503
    teams_app_id: str = _env("TEAMS_APP_ID", "", "the bot's Microsoft app id")
    teams_app_password: str = _env("TEAMS_APP_PASSWORD", "", "its client secret")
    teams_tenant_id: str = _env("TEAMS_TENANT_ID", "botframework.com", "the tenant for single-tenant bots")
    teams_token_url: str = _env(
        "TEAMS_TOKEN_URL", "", "the token service (default: the tenant's login.microsoftonline.com endpoint)"
    )
    teams_scope: str = _env("TEAMS_SCOPE", f"{BOT_FRAMEWORK}/.default", "the token's scope")
    teams_issuer: str = _env("TEAMS_ISSUER", BOT_FRAMEWORK, "the issuer incoming tokens must name")
    teams_allowed_channels: str = _env("TEAMS_ALLOWED_CHANNELS", "msteams", "Bot Framework channels accepted")
    teams_openid_metadata_url: str = _env(
        "TEAMS_OPENID_METADATA_URL",
        "https://login.botframework.com/v1/.well-known/openidconfiguration",
        "where the signing keys are published",
    )
    # What the draft leaves open: COMPACT_SETTINGS file and COMPACT_<KEY> variables (not a single variable)
    deployment: dict[str, str] = Field(default_factory=dict, description="critical_friend, contacts, …")

    class Config:
        extra = Extra.forbid
        allow_mutation = False

    @validator("secret", "rest_api_key", "insights_token", pre=True)
    def blank_is_unset(cls, value: Any) -> Any:  # noqa: N805 (pydantic passes the class)
        return value.strip() or None if isinstance(value, str) else value

    @validator("trusted_proxies", pre=True)
    def listed(cls, value: Union[str, Any]) -> Any:  # noqa: N805
        return value.replace(",", " ").split() if isinstance(value, str) else value

    @property
    def teams_on(self) -> bool:
        return bool(self.teams_app_id and self.teams_app_password)

    @property
    def keep_seconds(self) -> float:
        return self.keep_days * 86400


class SettingsError(ValueError):
    """A setting has a bad value: the message names the variable and what it expects."""


def shared_file_beside(tracker_db: Path) -> Path:
    """Where ``LOCK_DB`` is when it is not set: ``tracker.locks`` beside ``tracker.db``."""
    return tracker_db.with_suffix(".locks")


def variables() -> dict[str, str]:
    """Environment variable → field name, for every setting read from one variable."""
    return {f.field_info.extra["env"]: name for name, f in Settings.__fields__.items() if "env" in f.field_info.extra}


def from_environment(env: Mapping[str, str] | None = None) -> Settings:
    """Read every setting; raise :class:`SettingsError` naming each bad one."""
    env = os.environ if env is None else env
    fields = variables()
    values: dict[str, Any] = {field: env[var] for var, field in fields.items() if env.get(var, "").strip()}
    try:
        values["deployment"] = _deployment(env, set(fields))
        return Settings(**values)
    except ValidationError as error:
        by_field = {field: var for var, field in fields.items()}
        lines = []
        for problem in error.errors():
            var = by_field.get(str(problem["loc"][0]), str(problem["loc"][0]))
            lines.append(f"{var}={env.get(var, '')!r}: {_expects(problem)}")
        raise SettingsError("bad settings: " + "; ".join(lines)) from None


def _expects(problem: Mapping[str, Any]) -> str:
    kind, context = problem["type"], problem.get("ctx", {})
    if kind == "value_error.number.not_gt":
        return f"expected a number greater than {context['limit_value']}"
    if kind == "value_error.number.not_ge":
        return f"expected a whole number of at least {context['limit_value']}"
    if kind == "value_error.any_str.min_length":
        return f"expected at least {context['limit_value']} characters"
    if kind in ("type_error.float", "type_error.integer"):
        return "expected a number" if kind == "type_error.float" else "expected a whole number"
    if kind == "value_error.ipvanynetwork":
        return "expected IP addresses or networks like 10.0.0.0/8, separated by spaces or commas"
    return problem["msg"]


def _deployment(env: Mapping[str, str], service_variables: set[str]) -> dict[str, str]:
    """What the draft leaves open: the COMPACT_SETTINGS file, then COMPACT_<KEY> variables."""
    values: dict[str, str] = {}
    path = env.get("COMPACT_SETTINGS", "").strip()
    if path:
        try:
            raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise SettingsError(f"COMPACT_SETTINGS={path!r}: cannot read it as YAML ({error})") from None
        if not isinstance(raw, dict):
            raise SettingsError(f"COMPACT_SETTINGS={path!r}: expected a mapping of setting names to text")
        values.update({str(k): str(v).strip() for k, v in raw.items() if v})
    for key, value in env.items():
        if key.startswith("COMPACT_") and key not in service_variables and value.strip():
            values[key[len("COMPACT_") :].lower()] = value.strip()
    return values


@functools.cache
def settings() -> Settings:
    """This process's settings, read once."""
    return from_environment()


def resolve(knowledge: "Knowledge", key: str, deployment: Mapping[str, str]) -> str:
    """The configured value for a pending item, or what the draft says about it."""
    item = knowledge.pending[key]
    if deployment.get(key):
        return say("pending.configured", label=item.label, value=deployment[key])
    return item.draft_says
