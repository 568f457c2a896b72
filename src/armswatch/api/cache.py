"""Answers of the read endpoints kept until the store changes (``ARMSWATCH_API_CACHE_MB``).

A read endpoint's answer depends on its URL and the store only, so the server keeps the
answers it gave (200, JSON or CSV) and gives them again while the store file is the same
(``store.turns.file_state``: any committed write changes it). The state is read before
the request runs, so an answer computed while a run wrote is filed under the older state
and never served for the newer one. The cache sits inside the token guard: a request is
authorised before anything is looked up. Least recently used answers go first when the
cache is over its size.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armswatch.store.turns import FileState, file_state

Key = tuple[str, bytes]


@dataclass(frozen=True)
class Answer:
    """One kept answer: the store state it was computed at, its headers and body."""

    state: FileState
    headers: list[tuple[bytes, bytes]]
    body: bytes


class AnswerCache:
    """Answers by URL, at most ``max_bytes`` of bodies, least recently used dropped first."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes, self.size = max_bytes, 0
        self.answers: OrderedDict[Key, Answer] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Key, state: FileState) -> Answer | None:
        """The answer for ``key`` if it was computed at this state of the store."""
        with self.lock:
            answer = self.answers.get(key)
            if answer is None or answer.state != state:
                self.misses += 1
                return None
            self.answers.move_to_end(key)
            self.hits += 1
            return answer

    def put(self, key: Key, answer: Answer) -> None:
        if len(answer.body) > self.max_bytes // 8:  # one large CSV must not empty the cache
            return
        with self.lock:
            old = self.answers.pop(key, None)
            self.size += len(answer.body) - (len(old.body) if old else 0)
            self.answers[key] = answer
            while self.size > self.max_bytes:
                _, dropped = self.answers.popitem(last=False)
                self.size -= len(dropped.body)


class CachedReads:
    """ASGI middleware: GET requests answered by one of ``endpoints`` are kept in
    ``cache`` and answered from it while the store at ``path`` is unchanged."""

    def __init__(
        self,
        app: ASGIApp,
        path: Path,
        cache: AnswerCache,
        endpoints: Collection[object],
    ) -> None:
        self.app, self.path, self.cache = app, path, cache
        self.endpoints = frozenset(endpoints)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or self.cache.max_bytes <= 0:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        state = file_state(self.path)
        answer = self.cache.get(key, state)
        if answer is not None:
            await send({"type": "http.response.start", "status": 200, "headers": answer.headers})
            await send({"type": "http.response.body", "body": answer.body})
            return
        started: list[Message] = []
        body: list[bytes] = []

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.append(message)
            elif message["type"] == "http.response.body":
                body.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, keep)
        if self.keepable(scope, started):
            headers = list(started[0].get("headers", []))
            self.cache.put(key, Answer(state, headers, b"".join(body)))

    def keepable(self, scope: Scope, started: list[Message]) -> bool:
        """A 200 of a read endpoint that sets no cookie."""
        if not started or started[0]["status"] != 200:
            return False
        if scope.get("endpoint") not in self.endpoints:
            return False
        return all(name.lower() != b"set-cookie" for name, _ in started[0].get("headers", []))
