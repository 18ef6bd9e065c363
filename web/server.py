"""Serving the app with waitress: worker processes, waitress's own answers
carrying the security headers.

Waitress answers some requests itself, without calling the app: a request
line or headers over its limits (431), a malformed request (400).  Those
answers would lack the headers the app puts on its own (``SECURITY_HEADERS``);
here waitress's error task adds them.

Python runs one thread at a time per process (the GIL), so one waitress
process uses one core however many threads it has, and a costly search
slows every other.  ``serve`` with ``workers`` > 1 binds the socket once
and forks that many waitress processes sharing it (the kernel hands each
connection to one); the parent only watches them and starts a new one when
one dies, whatever killed it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
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


def make_server(app: Any, host: str, port: int, threads: int,
                sockets: list[socket.socket] | None = None) -> BaseWSGIServer | MultiSocketServer:
    """A waitress server for ``app``, listening but not yet serving (``run()``
    serves), on ``host``:``port`` or on already bound ``sockets``.
    ``create_server`` takes no channel class, so each listener it made is
    given ours before any connection is accepted; a host naming several
    addresses ("localhost") has a listener per address."""
    where: dict[str, Any] = {"sockets": sockets} if sockets else {"host": host, "port": port}
    server = create_server(app, threads=threads, **where)
    listeners = server.map.values() if isinstance(server, MultiSocketServer) else [server]
    for listener in listeners:
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = HeadedChannel
    return server


def serve(make_app: Callable[[], Any], host: str, port: int, threads: int, workers: int = 1,
          watcher: Callable[[], None] | None = None) -> None:
    """Serve the app ``make_app`` builds on ``host``:``port`` until
    interrupted: in this process with ``threads`` threads, or in
    ``workers`` processes of ``threads`` threads each (each builds its own
    app after the fork: no open index is shared between processes).
    ``watcher`` (``serve --watch``) runs in a process of its own, forked
    first, while nothing else runs: it reindexes; the workers notice."""
    logging.basicConfig(format="%(asctime)s %(name)s: %(message)s")  # idempotent when set up
    if watcher is not None:
        _fork(lambda: _watcher(watcher))
    if workers <= 1:
        server = make_server(make_app(), host, port, threads)
        server.print_listen("Serving on http://{}:{}")
        server.run()
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.create_server((host, port), family=family, backlog=1024)
    print(f"Serving on http://{host}:{listener.getsockname()[1]} with {workers} worker processes",
          file=sys.stderr, flush=True)
    _supervise(lambda: _worker(make_app, listener, threads), workers)


def _worker(make_app: Callable[[], Any], listener: socket.socket, threads: int) -> None:
    """A worker process: its own app on the shared socket, until killed."""
    from searcher.storage import die_with_parent

    die_with_parent(os.getppid())
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    make_server(make_app(), "", 0, threads, sockets=[listener]).run()


def _watcher(run: Callable[[], None]) -> None:
    """The watching process: ends with the server."""
    from searcher.storage import die_with_parent

    die_with_parent(os.getppid())
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    run()


def _supervise(run_worker: Callable[[], None], workers: int) -> None:
    """Fork ``workers`` processes running ``run_worker``; start a new one
    whenever one dies (a crash, the OOM killer); stop them all on SIGTERM
    or Ctrl-C."""
    children: set[int] = set()
    stopping = False

    def stop(signum: int, frame: Any) -> None:
        nonlocal stopping
        stopping = True
        for pid in children:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while not stopping:
        while len(children) < workers and not stopping:
            children.add(_fork(run_worker))
        try:
            pid, status = os.wait()
        except ChildProcessError:
            continue
        except InterruptedError:  # pragma: no cover - PEP 475 retries os.wait
            continue
        if pid not in children:  # the watcher (serve --watch): it logged why
            print(f"watcher {pid} ended ({_how(status)})", file=sys.stderr, flush=True)
            continue
        children.discard(pid)
        if not stopping:
            print(f"worker {pid} ended ({_how(status)}); starting another", file=sys.stderr, flush=True)
            time.sleep(0.2)  # a worker that cannot start must not spin
    for pid in list(children):
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)


def _fork(run_worker: Callable[[], None]) -> int:
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            run_worker()
        except BaseException:  # the parent reports the death and starts another
            logging.exception("worker failed")
            code = 1
        finally:
            os._exit(code)
    return pid


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
