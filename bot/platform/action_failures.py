"""A turn whose custom action fails is abandoned, so the channel can apologise.

Rasa 3.6 logs a failed custom action ("Bot will continue, but the actions events are lost") and
carries on predicting, so a user whose action server is down, slow or broken gets whatever the
policies guess next, and that half-finished turn is stored. Here a remote action that cannot
connect, times out (``COMPACT_ACTION_TIMEOUT`` seconds, default 10, where Rasa waits 5 minutes)
or gets an error status marks the turn failed; when Rasa's ``_run_action`` returns, the turn
stops with :class:`ActionServerUnavailable`. Rasa saves the tracker only at the end of a turn,
so nothing of it is stored, and the channels answer with an apology (bot/rest_channel.py,
bot/teams_channel.py). A turn that needs no custom action still runs while the server is down.

This replaces a health check before every message, which cost ~15% of saturation throughput
and could not see a server that died, hung or broke during the turn.
"""

from __future__ import annotations

import asyncio
from contextvars import ContextVar
from typing import Any, Optional

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.processor import MessageProcessor

from compact.settings import settings

_failure: ContextVar[Optional[BaseException]] = ContextVar("compact_action_failure", default=None)


class ActionServerUnavailable(Exception):
    """The action server could not run an action this turn needed."""


def action_timeout() -> float:
    return settings().action_timeout


def install() -> None:
    """Wrap Rasa's remote action and action runner (once per process)."""
    if getattr(RemoteAction.run, "marks_failures", False):
        return
    rasa_run, rasa_run_action = RemoteAction.run, MessageProcessor._run_action
    timeout = action_timeout()

    async def run(self: RemoteAction, *args: Any, **kwargs: Any) -> Any:
        try:
            return await asyncio.wait_for(rasa_run(self, *args, **kwargs), timeout)
        except ActionExecutionRejection:  # the action declined (a form's validation): not a failure
            raise
        except Exception as e:  # connection refused, timeout, error status, invalid response
            _failure.set(e)
            raise

    async def _run_action(self: MessageProcessor, *args: Any, **kwargs: Any) -> bool:
        token = _failure.set(None)
        try:
            predict_another = await rasa_run_action(self, *args, **kwargs)
            failure = _failure.get()
        finally:
            _failure.reset(token)
        if failure is not None:
            # the type only: an invalid response's message would quote it, and it may hold the user's words
            raise ActionServerUnavailable(type(failure).__name__) from failure
        return predict_another

    run.marks_failures = True  # type: ignore[attr-defined]
    RemoteAction.run = run  # type: ignore[method-assign]
    MessageProcessor._run_action = _run_action  # type: ignore[method-assign]
