"""Invitations and answers: personal links, delegates, the reserve list, reminders, attendance."""


def _register_listeners() -> None:
    # Importing the package is enough for a meeting's time change or cancellation to send
    # updated calendar files to invited organisations (see ``updates``).
    from sakrad.invitations import updates

    updates.register()


_register_listeners()
