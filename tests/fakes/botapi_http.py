"""The fake Bot API served over HTTP on 127.0.0.1, for end-to-end tests with PTB's HTTPXRequest.

Usage::

    api = FakeBotApi()
    with BotApiServer(api) as server:
        bot = telegram.Bot(token, base_url=server.base_url, base_file_url=server.base_file_url)
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import json
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from tests.fakes.botapi import FakeBotApi, UploadedFile, error_body, resolve_attachments

# Form fields that Telegram reads as plain strings. PTB sends string values raw and every other
# value JSON-encoded, so a field is JSON-decoded unless it is listed here ("42" as text stays
# "42", "42" as chat_id becomes 42).
STRING_FIELDS = frozenset(
    {
        "text",
        "caption",
        "data",
        "callback_query_id",
        "inline_message_id",
        "parse_mode",
        "language_code",
        "description",
        "short_description",
        "name",
        "title",
        "url",
        "secret_token",
        "ip_address",
        "query",
        "emoji",
        "custom_title",
        "business_connection_id",
        "message_effect_id",
        "action",
        "file_id",
        "file_name",
        "document",
        "photo",
        "audio",
        "video",
        "animation",
        "voice",
        "video_note",
        "sticker",
        "thumbnail",
    }
)

_PATH = re.compile(r"^/bot(?P<token>[^/]*)/(?P<method>[^/]*)$")
_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
# A file users sent, as getFile's file_path names it: https://api.telegram.org/file/bot<token>/<path>
_FILE_PATH = re.compile(r"^/file/bot(?P<token>[^/]*)/(?P<path>.+)$")


def decode_field(name: str, value: str) -> Any:
    if name in STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _parse_multipart(content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    fields: dict[str, Any] = {}
    files: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is not None:
            files[name] = UploadedFile(
                # httpx escapes quotes in file names the HTML5 way.
                file_name=filename.replace("%22", '"'),
                mime_type=part.get_content_type(),
                content=data,
            )
        else:
            charset = part.get_content_charset() or "utf-8"
            fields[name] = decode_field(name, data.decode(charset))
    return fields, files


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, api: FakeBotApi, token: str | None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.api = api
        self.token = token
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Wake handler threads idling on keep-alive connections so they end now."""
        with self._connections_lock:
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that went away (a stopped bot) is not an error worth a traceback.
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    # An answer is written in two parts (headers, then body): with Nagle's algorithm the body
    # waits for the client's delayed ACK, about 40 ms on Linux, which Telegram never adds.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _reply(self, status: int, body: dict[str, Any]) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _read_params(self) -> dict[str, Any]:
        url = urlsplit(self.path)
        params: dict[str, Any] = {
            key: decode_field(key, value)
            for key, value in parse_qsl(url.query, keep_blank_values=True)
        }
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        content_type = self.headers.get("Content-Type") or ""
        mime = content_type.split(";", 1)[0].strip().lower()
        if not body:
            return params
        if mime == "application/json":
            decoded = json.loads(body)
            if isinstance(decoded, dict):
                params.update(decoded)
        elif mime == "multipart/form-data":
            fields, files = _parse_multipart(content_type, body)
            params.update(fields)
            params = resolve_attachments(params, files)
        else:
            for key, value in parse_qsl(body.decode("utf-8"), keep_blank_values=True):
                params[key] = decode_field(key, value)
        return params

    def _serve_file(self, token: str, path: str) -> None:
        content = self.server.api.file_content(path)
        if content is None or (self.server.token is not None and token != self.server.token):
            self._reply(404, error_body(404, "Not Found"))
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def _serve(self) -> None:
        file_match = _FILE_PATH.match(urlsplit(self.path).path)
        if file_match is not None and self.command == "GET":
            # PTB quotes the file URL: the token's colon arrives as %3A.
            self._serve_file(unquote(file_match["token"]), unquote(file_match["path"]))
            return
        match = _PATH.match(urlsplit(self.path).path)
        if match is None or not match["method"]:
            self._drain()
            self._reply(404, error_body(404, "Not Found"))
            return
        token = match["token"]
        if not _TOKEN.match(token):
            self._drain()
            self._reply(404, error_body(404, "Not Found"))
            return
        if self.server.token is not None and token != self.server.token:
            self._drain()
            self._reply(401, error_body(401, "Unauthorized"))
            return
        try:
            params = self._read_params()
        except ValueError as exc:
            self._reply(400, error_body(400, f"Bad Request: can't parse request: {exc}"))
            return
        status, body = self.server.api.handle(match["method"], params)
        self._reply(status, body)

    def _drain(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)


class BotApiServer:
    """Serves a FakeBotApi at http://127.0.0.1:<free port>/bot<token>/<method>.

    Like Telegram: JSON, form-urlencoded and multipart bodies are accepted; a malformed or
    missing token gets 404, and when ``token`` is given any other well-formed token gets 401.
    """

    def __init__(self, api: FakeBotApi, *, token: str | None = None) -> None:
        self.api = api
        self._server = _Server(api, token)
        self.port = int(self._server.server_address[1])
        self.base_url = f"http://127.0.0.1:{self.port}/bot"
        self.base_file_url = f"http://127.0.0.1:{self.port}/file/bot"
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-bot-api",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.close_connections()
        self._server.server_close()

    def __enter__(self) -> BotApiServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
