"""Serving the app with waitress, its own answers carrying the security headers.

Waitress answers some requests itself, without calling the app: a request
line or headers over its limits (431), a malformed request (400).  Those
answers would lack the headers the app puts on its own (``SECURITY_HEADERS``);
here waitress's error task adds them.
"""

from __future__ import annotations

import logging
from typing import Any

from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, MultiSocketServer, create_server
from waitress.task import ErrorTask

from . import SECURITY_HEADERS

__all__ = ["make_server", "serve"]


class HeadedErrorTask(ErrorTask):
    """Waitress's own error answer, with the app's security headers."""

    def execute(self) -> None:
        self.response_headers.extend(SECURITY_HEADERS.items())
        super().execute()


class HeadedChannel(HTTPChannel):
    """A connection whose error answers are ``HeadedErrorTask``s."""

    error_task_class = HeadedErrorTask


def make_server(app: Any, host: str, port: int, threads: int) -> BaseWSGIServer | MultiSocketServer:
    """A waitress server for ``app``, listening but not yet serving (``run()``
    serves).  ``create_server`` takes no channel class, so each listener it
    made is given ours before any connection is accepted; a host naming
    several addresses ("localhost") has a listener per address."""
    server = create_server(app, host=host, port=port, threads=threads)
    listeners = server.map.values() if isinstance(server, MultiSocketServer) else [server]
    for listener in listeners:
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = HeadedChannel
    return server


def serve(app: Any, host: str, port: int, threads: int) -> None:
    """Serve ``app`` on ``host``:``port`` with ``threads`` worker threads
    until interrupted, as ``waitress.serve`` does."""
    logging.basicConfig()  # waitress logs its errors; idempotent when logging is set up
    server = make_server(app, host, port, threads)
    server.print_listen("Serving on http://{}:{}")
    server.run()
