"""The errors a use case raises: each says, in a user's words, what is wrong and where."""

from __future__ import annotations


class DomainError(Exception):
    """A request the record cannot honour; the message is fit to show a user as it is."""


class Invalid(DomainError):
    """A value that fails validation; `field` names where it sits."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.reason = message


class NotFound(DomainError):
    """A record that does not exist (any more)."""


class Conflict(DomainError):
    """A change that would break the record: a duplicate key, a record still in use."""
