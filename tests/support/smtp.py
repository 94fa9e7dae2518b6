"""Real SMTP servers for tests (aiosmtpd handlers): one that keeps every message, one that holds the first."""

import asyncio
import socket
import threading
from contextlib import contextmanager

from aiosmtpd.controller import Controller


class _BoundController(Controller):
    """aiosmtpd's threaded server on a socket bound here to a port the OS chose: no one can take the port
    between choosing it and serving on it (asyncio serves on the socket as it is)."""

    def __init__(self, handler, **kwargs):
        self._listener = socket.create_server(("127.0.0.1", 0))
        super().__init__(handler, hostname="127.0.0.1", port=self._listener.getsockname()[1], **kwargs)

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self._listener, ssl=self.ssl_context)


@contextmanager
def smtp_server(handler):
    """A real SMTP server on 127.0.0.1 that gives each message to `handler`; yields its port."""
    controller = _BoundController(handler)
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 Message accepted for delivery"


class HoldingInbox(Inbox):
    """Keeps every message, but holds the first one unanswered until `release` is set.

    While held, the mail server has the whole message and the sender waits for its "250 accepted":
    the moment a sender that dies leaves its email neither lost nor known to be sent.
    """

    def __init__(self):
        super().__init__()
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        first = not self.messages
        answer = await super().handle_DATA(server, session, envelope)
        if first:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        return answer
