"""Standard output for data, without importing what the data was computed with (light enough
for `ictscore schema`)."""

from __future__ import annotations

import sys

from ictscore.formats.errors import InputError
from ictscore.formats.message import N_


def write_stdout(text: str) -> None:
    """Text to standard output in UTF-8 whatever the locale says, when it goes to a file or a
    pipe (what every file ictscore writes is); a terminal that cannot show Vietnamese is told
    so, in one line, instead of a traceback half-way through a table."""
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        if stream.isatty() or not hasattr(stream, "buffer"):
            raise InputError.one(
                "<stdout>",
                N_(
                    "this terminal's encoding ({encoding}) cannot show Vietnamese: use a UTF-8 "
                    "locale (e.g. LANG=C.UTF-8) or write to a file with -o",
                    encoding=encoding,
                ),
            ) from None
        stream.flush()
        stream.buffer.write(text.encode("utf-8"))
        stream.buffer.flush()
        return
    stream.write(text)
    stream.flush()
