"""A message a user may read, in English, that remembers how to be translated.

The loaders and rules below the faces cannot import the catalogue (it lives in presentation,
above them), yet "file not found" must read "không tìm thấy tệp" for a Vietnamese user. So a
loader raises its text as a `Message`: a plain `str` (the English, as tests and logs see it) that
also keeps its msgid and parameters, and the face translates it when it prints (see
`ictscore.presentation.i18n.text`). `N_` is also the marker `pybabel extract` looks for.
"""

from __future__ import annotations

from typing import Any


class Message(str):
    """English text plus the msgid and parameters it was formatted from."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, /, **params: Any) -> Message:
        self = super().__new__(cls, msgid.format(**params) if params else msgid)
        self.msgid = msgid
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # keep the msgid across processes (planning runs)
        return (_rebuild, (self.msgid, self.params))


def _rebuild(msgid: str, params: dict[str, Any]) -> Message:
    return Message(msgid, **params)


def N_(msgid: str, /, **params: Any) -> Message:
    """Mark `msgid` for the catalogue; translated later, where the language is known."""
    return Message(msgid, **params)


def NP_(context: str, msgid: str, /) -> Message:
    """Mark `msgid` in a `pgettext` context ("report": the wording of a written document)."""
    m = Message(msgid)
    m.params = {"__context__": context}
    return m


def context_of(m: Message) -> str | None:
    ctx = m.params.get("__context__")
    return ctx if isinstance(ctx, str) else None


def joined(items: list[str]) -> str:
    """Items separated by commas, each still translatable when it is a `Message`."""
    if not items:
        return ""
    out = items[0]
    for item in items[1:]:
        out = N_("{items}, {item}", items=out, item=item)
    return out


def message_of(exc: BaseException) -> str:
    """The message an exception was raised with, still translatable when it is a `Message`."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Message):
        return exc.args[0]
    return str(exc)


def os_error(exc: OSError) -> Message:
    """An operating-system error in words the catalogue holds, not "[Errno 21] Is a directory"."""
    import errno

    known = {
        errno.ENOENT: N_("file not found"),
        errno.EISDIR: N_("is a directory"),
        errno.EACCES: N_("permission denied"),
        errno.ENOTDIR: N_("a part of the path is not a directory"),
        errno.ENOSPC: N_("no space left on the disk"),
        errno.EROFS: N_("the file system is read-only"),
    }
    if exc.errno in known:
        return known[exc.errno]
    return N_("{error}", error=exc.strerror or str(exc))
