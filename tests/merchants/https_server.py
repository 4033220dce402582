"""A local HTTPS server for the artwork fetcher's tests: a throwaway certificate (made with
the openssl command) for ``images.example.test``, ``localhost`` and 127.0.0.1, and routes
that answer with a status, headers and a body."""

from __future__ import annotations

import contextlib
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

NAME = "images.example.test"


@dataclass
class Route:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass
class HttpsServer:
    port: int
    routes: dict[str, Route]
    client_context: ssl.SSLContext
    seen: list[tuple[str, str, str]] = field(default_factory=list)  # (path, Host, SNI)

    def url(self, path: str, host: str = NAME) -> str:
        return f"https://{host}:{self.port}{path}"


def _certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-nodes", "-days", "2",
            "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={NAME}",
            "-addext", f"subjectAltName=DNS:{NAME},DNS:localhost,IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture(scope="module")
def https_server(tmp_path_factory) -> Iterator[HttpsServer]:
    cert, key = _certificate(tmp_path_factory.mktemp("tls"))
    routes: dict[str, Route] = {}
    seen: list[tuple[str, str, str]] = []
    sni: dict[int, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append((self.path, self.headers.get("Host", ""), sni.get(id(self.request), "")))
            route = routes.get(self.path, Route(404))
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            # The fetcher may stop reading past its limit.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError, ssl.SSLError):
                self.wfile.write(route.body)

        def log_message(self, *args: object) -> None:
            pass

    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)

    def remember_sni(sock: ssl.SSLSocket, name: str | None, _ctx: ssl.SSLContext) -> None:
        sni[id(sock)] = name or ""

    server_context.sni_callback = remember_sni
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    client_context = ssl.create_default_context(cafile=str(cert))
    try:
        yield HttpsServer(server.server_address[1], routes, client_context, seen)
    finally:
        server.shutdown()
        server.server_close()
