"""Throwaway Redis servers, PostgreSQL databases and TCP proxies for ops tests.

Every service here is started by the test on a free port of 127.0.0.1 and
stopped by it, so a test can take Redis or PostgreSQL away from a running
worker without touching the servers that other test runs share.
"""

import contextlib
import logging
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import redis

from tests.browser.server import find_free_port

logger = logging.getLogger(__name__)

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
REDIS_START_TIMEOUT_SECONDS = 20
PROXY_BUFFER_BYTES = 65536


class RedisServer:
    """A redis-server of the test's own, without persistence, on a free port.

    ``stop()`` and ``start()`` can be called in turn: the port stays the
    same, so the workers' REDIS_URL stays valid across a restart.
    """

    def __init__(self, log_path: Path) -> None:
        self.port = find_free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            REDIS_SERVER,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ]
        with self.log_path.open("a") as log_file:
            self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
                command, stdout=log_file, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + REDIS_START_TIMEOUT_SECONDS
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1)
        while time.monotonic() < deadline:
            with contextlib.suppress(redis.ConnectionError, redis.TimeoutError):
                if client.ping():
                    client.close()
                    logger.info("redis-server %s ready", self.port)
                    return
            time.sleep(0.1)
        raise RuntimeError(
            f"redis-server on port {self.port} did not answer PING within "
            f"{REDIS_START_TIMEOUT_SECONDS} s; see {self.log_path}"
        )

    def stop(self) -> None:
        """Kill the server at once, as a crash would, and wait for its exit."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.kill()
        self.process.wait(timeout=10)
        logger.info("redis-server %s stopped", self.port)


@contextlib.contextmanager
def running_redis(log_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(log_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


class TcpProxy:
    """Forward connections from a free local port to a target address.

    ``stop()`` closes the listening socket and every forwarded connection,
    which a client sees as the server going away; ``start()`` listens again
    on the same port.
    """

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = find_free_port()
        self.listener: socket.socket | None = None
        self.connections: set[socket.socket] = set()
        self.lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self.lock:
            connections, self.connections = self.connections, set()
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.connections.update({client, upstream})
            for source, destination in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self._pipe, args=(source, destination), daemon=True
                ).start()

    def _pipe(self, source: socket.socket, destination: socket.socket) -> None:
        try:
            while data := source.recv(PROXY_BUFFER_BYTES):
                destination.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, destination):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)


@contextlib.contextmanager
def running_proxy(target_host: str, target_port: int) -> Iterator[TcpProxy]:
    proxy = TcpProxy(target_host, target_port)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
