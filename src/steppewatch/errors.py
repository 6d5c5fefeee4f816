"""One exception tree for steppewatch.

::

    SteppewatchError                 base; carries a message and structured fields
    ├── ConfigError                  a setting is missing, unknown or has a bad value
    ├── InputError                   bad input: names the input and what is wrong
    │   └── RecordError              a record failed validation (field, value, rule)
    ├── FetchError                   the network could not deliver (url, status)
    ├── StoreError                   the database refused or is unreachable
    │   └── MigrationError           a schema migration failed
    ├── Rejected                     a pipeline stage cannot handle one item
    ├── NotConfigured                a stage or channel switches itself off
    └── AccessDenied                 a handling marking forbids the operation

Every error prints as one line that says what is wrong and, where it can, what to do.
The CLI prints that line without a traceback and exits non-zero.
"""

from __future__ import annotations

from typing import Any


class SteppewatchError(Exception):
    """Base of every error steppewatch raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, **fields: Any) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view: the error's type, message and structured fields."""
        return {
            "type": type(self).__name__,
            "message": self.message,
            **{k: v for k, v in self.fields.items() if v is not None},
        }


class ConfigError(SteppewatchError):
    """A setting is missing, unknown, or has a value of the wrong kind."""

    exit_code = 2


class InputError(SteppewatchError):
    """Bad input. The message names the input (file, URL, row) and what is wrong with it."""

    exit_code = 2

    def __init__(self, message: str, *, input: str | None = None, **fields: Any) -> None:
        text = f"{input}: {message}" if input else message
        super().__init__(text, input=input, **fields)
        self.input = input
        self.reason = message


class RecordError(InputError):
    """A record failed validation: which record type, which field, what rule."""

    def __init__(self, record: str, field: str, message: str, value: Any = None) -> None:
        super().__init__(
            f"{field}: {message}" + (f" (got {value!r})" if value is not None else ""),
            input=record,
            field=field,
        )
        self.field = field


class FetchError(SteppewatchError):
    """The network could not deliver a resource after the configured retries."""

    def __init__(self, message: str, *, url: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {message}", url=url, status=status)
        self.url = url
        self.status = status


class StoreError(SteppewatchError):
    """The database refused an operation or could not be reached."""


class MigrationError(StoreError):
    """A schema migration failed; the database is left at the last good version."""


class Rejected(SteppewatchError):
    """Raised by a pipeline stage for one item it cannot handle.

    The runner records the item's key, the stage and the reason, and goes on.
    """

    def __init__(self, reason: str, *, key: str | None = None, detail: str | None = None) -> None:
        super().__init__(reason, key=key, detail=detail)
        self.reason = reason
        self.key = key
        self.detail = detail


class NotConfigured(SteppewatchError):
    """A stage or channel lacks the settings it needs and switches itself off."""


class AccessDenied(SteppewatchError):
    """A handling marking (TLP) forbids showing or exporting a record."""

    exit_code = 3
