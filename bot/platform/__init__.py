"""The platform layer: the only code that changes Rasa's own behaviour, applied once when the Rasa
server starts (bot/platform/server.py, which `scripts/servers.py` runs instead of `rasa run`).

:func:`install` refuses to run on any Rasa but :data:`RASA_VERSION`: every patch below replaces
private code of that version, and another version needs each one checked again
(``tests/test_platform.py`` compares each with Rasa's own behaviour).

Each patch: what it replaces, why, what it saves (measured with py-spy under load), and its test
(in ``tests/test_platform.py`` unless named):

- ``RemoteAction._validate_action_result`` (speedups.py): Rasa re-checks its fixed response
  schema against the meta-schema on every call; 57% of the server's CPU per message. The schema
  is now compiled once, and each event is checked against its own kind rather than all 23 (7%
  more), each part compiled to Python by fastjsonschema (a response of the dev questions: 148
  against 10 µs; 4% of the Rasa workers' time at saturation); an invalid response still gets
  Rasa's own check and error. ``test_action_responses_are_validated_as_rasa_does``,
  ``test_action_responses_get_rasas_verdict_whatever_their_shape`` (4,000 generated responses).
- ``Event.resolve_by_type`` (speedups.py): a walk of every ``Event`` subclass per loaded event;
  8% of CPU. ``test_event_classes_are_found_as_rasa_finds_them``.
- ``EndpointConfig.session`` (speedups.py): a new HTTP session and connection per call to the
  action server; 9% of CPU. The kept session writes the request's JSON with ujson (7% of CPU went
  on writing it; ujson takes 40% of that time).
  ``test_the_kept_session_answers_as_rasas_does_and_keeps_its_connection``.
- ``tracker_store.create_engine_kwargs`` and a connect listener (speedups.py): SQLite opened a
  connection per query session and waited for the disk on every commit; part of the p95 drop
  from 92-164 ms to 66-86 ms (README). ``tests/test_tracker_store.py``, ``tests/test_persistence.py``.
- ``SQLTrackerStore._retrieve``, ``save`` and a new ``connection_scope`` (speedups.py): a count
  query before every save and an ORM object per loaded row; 17% of CPU for one-question
  conversations. The load's query is built once per store (0.99 against 0.42 ms a load).
  Saving inserts Rasa's rows in one statement instead of an ORM object and flush per event (23%
  of CPU when every message starts a conversation). A turn's load and save use a pooled
  connection without an ORM session (a save about 90 µs, a load about 40 µs less).
  ``tests/test_rasa_speedups.py``, ``tests/test_tracker_store.py``.
- ``rasa.core.processor.copy`` (speedups.py, ``DebugEntryCopies``): the processor deep-copies the
  turn's events and parse for six ``structlogger.debug`` entries before each call, logged or not;
  2.5% of the Rasa workers' time at saturation (py-spy), 34 µs for four typical events. The copy is
  made only when a debug entry can be logged. ``test_every_copy_the_processor_makes_is_for_a_debug_entry``,
  ``test_a_debug_entry_is_copied_only_when_it_can_be_logged``.
- ``DaskGraphRunner.run`` (speedups.py): dask's scheduler bookkeeping for a 20-node graph; 8% of
  CPU. ``tests/test_rasa_speedups.py``.
- ``RemoteAction.run`` and ``MessageProcessor._run_action`` (action_failures.py): a failed custom
  action was logged and the half turn stored; now the turn is abandoned and the user gets an
  apology (behaviour, not speed). ``tests/test_e2e_faults.py``.
- TensorFlow's modules (bot/without_tensorflow.py, applied by server.py before Rasa is imported):
  placeholders when the model's every component is one Rasa ships that never uses TensorFlow;
  350 MB of the server's memory and seconds of its start-up. ``tests/test_without_tensorflow.py``.
- ``rasa.core.run.configure_app`` (server.py): adds the server-wide jobs below to the server Rasa
  builds. ``test_the_server_jobs_run_without_any_of_our_channels``.

Server-wide jobs (server.py): request size and framing limits (server_limits.py) before the
server accepts connections; after start-up, ``gc.freeze`` of the loaded model (speedups.py), one
thread for each numerical library (compact/native_threads.py) and conversation expiry (bot/expiry.py).
"""

from __future__ import annotations

# Rasa is imported inside the functions, not here: `python -m bot.platform.server` imports this
# package first, and server.py must decide about TensorFlow before Rasa is imported.

RASA_VERSION = "3.6.21"


class WrongRasaVersion(RuntimeError):
    """The installed Rasa is not the version the platform layer was written and tested against."""


def check_version(found: str | None = None) -> None:
    if found is None:
        import rasa

        found = rasa.__version__
    if found != RASA_VERSION:
        raise WrongRasaVersion(
            f"this assistant changes internals of Rasa {RASA_VERSION} (bot/platform/__init__.py lists them) and found "
            f"Rasa {found}: install the pinned version (make install), or check each patch against the new version "
            "with tests/test_platform.py before changing RASA_VERSION"
        )


def install() -> None:
    """Apply every patch once (idempotent), after checking the Rasa version."""
    from bot.platform import action_failures, speedups

    check_version()
    speedups.install()
    action_failures.install()
