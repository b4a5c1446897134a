"""Invitations and answers: personal links, delegates, the reserve list, reminders, attendance."""
