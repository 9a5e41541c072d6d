"""The Rasa server with the platform layer: ``python -m bot.platform.server run <rasa run's options>``.

The same command line as ``rasa run`` (Rasa's own CLI runs it), after :func:`bot.platform.install`,
with the server-wide jobs registered on the server Rasa builds, whatever channels
``credentials.yml`` lists: request limits before it accepts connections, ``gc.freeze``, one thread
for each numerical library and conversation expiry once the model is loaded.
"""

from __future__ import annotations

import functools
import sys
from typing import Any, Callable

from bot import without_tensorflow

# Before anything imports Rasa (bot.platform's own package does): leaves TensorFlow out when the
# model never uses it (about 350 MB and seconds of start-up).
without_tensorflow.apply(sys.argv)

import rasa.core.run  # noqa: E402
from rasa.__main__ import main as rasa_main  # noqa: E402
from sanic import Sanic  # noqa: E402

from bot import expiry  # noqa: E402
from compact.native_threads import one_thread_each  # noqa: E402
from bot.platform import install, server_limits, speedups, workers  # noqa: E402


def with_jobs(configure_app: Callable[..., Sanic]) -> Callable[..., Sanic]:
    """Rasa's ``configure_app``, adding our jobs to the app it returns."""

    @functools.wraps(configure_app)
    def configured(*args: Any, **kwargs: Any) -> Sanic:
        app = configure_app(*args, **kwargs)
        add_jobs(app)
        return app

    return configured


def add_jobs(app: Sanic) -> None:
    app.register_listener(workers.watch_workers, "main_process_start")
    app.register_listener(workers.die_with_main_process, "before_server_start")
    app.register_listener(workers.stop_without_main_process, "after_server_start")
    app.register_listener(server_limits.apply, "before_server_start")
    app.signal("http.lifecycle.request")(server_limits.check_framing)
    app.register_listener(speedups.freeze_startup_objects, "after_server_start")
    app.register_listener(one_native_thread, "after_server_start")
    app.register_listener(expiry.start, "after_server_start")


def one_native_thread(*_: Any) -> None:
    """A Sanic ``after_server_start`` listener: the model's numerical libraries are loaded by then."""
    one_thread_each()


def main() -> None:
    install()
    rasa.core.run.configure_app = with_jobs(rasa.core.run.configure_app)  # type: ignore[assignment]
    sys.exit(rasa_main())


if __name__ == "__main__":
    main()
