"""Real SMTP servers for tests (aiosmtpd handlers): one that keeps every message, one that holds the first."""

import asyncio
import threading
from contextlib import contextmanager

from aiosmtpd.controller import Controller

from tests.support.server import free_port


@contextmanager
def smtp_server(handler):
    """A real SMTP server on 127.0.0.1 that gives each message to `handler`; yields its port."""
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
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
