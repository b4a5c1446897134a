"""A local SMTP server (aiosmtpd) for the mail tests: a free port, the application configured
to send to it, and the inbox the server fills.

A test module takes the fixtures it needs by name, for example
``smtp_port, app_config, inbox = smtp.smtp_port, smtp.app_config, smtp.inbox``.
"""

from __future__ import annotations

import socket

import pytest
from aiosmtpd.controller import Controller

SMTP_CONFIG = {"SMTP_HOST": "127.0.0.1", "SMTP_TIMEOUT": 3}


class Inbox:
    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> tuple[Controller, Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, inbox


@pytest.fixture
def smtp_port():
    return free_port()


@pytest.fixture
def app_config(smtp_port):
    return {**SMTP_CONFIG, "SMTP_PORT": smtp_port}


@pytest.fixture
def inbox(smtp_port):
    controller, box = start_server(smtp_port)
    yield box
    controller.stop()
