from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from sakrad.db import IntPK, Now, UTCDateTime, enum_column
from sakrad.enums import LabelledEnum
from sakrad.extensions import Model


class OutboxState(LabelledEnum):
    QUEUED = "queued", _l("Waiting to be sent")
    SENDING = "sending", _l("Being sent")  # claimed by a worker
    SENT = "sent", _l("Sent")


class OutboxMessage(Model):
    __tablename__ = "outbox_messages"
    __table_args__ = (sa.Index("ix_outbox_messages_due", "state", "next_attempt_at"),)

    id: Mapped[IntPK]
    # Fixed when queued, so a retried delivery carries the same Message-ID and a receiving
    # system can recognise a duplicate if a worker died between sending and recording it.
    message_id: Mapped[str] = mapped_column(sa.String(200), unique=True)
    created_at: Mapped[Now]
    recipients: Mapped[list[str]] = mapped_column(sa.JSON)
    subject: Mapped[str] = mapped_column(sa.String(300))
    body_text: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str | None] = mapped_column(sa.Text)
    # [{"filename", "content_type", "data" (base64)}]
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    # What the message is about, for tests and the admin view ("invitation:12").
    topic: Mapped[str | None] = mapped_column(sa.String(120), index=True)
    state: Mapped[OutboxState] = mapped_column(enum_column(OutboxState), default=OutboxState.QUEUED)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[Now]
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(sa.String(120))
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
