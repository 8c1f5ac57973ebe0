"""Who and when for the edit log: the name an interactive session signs its edits with, and
today's date.

A planner hands a scenario upward and the reader asks who changed a number and when; an edit
made in the planner therefore carries both without anyone typing them. The name comes from
`ICTSCORE_AUTHOR` (a person's full name, set once in their shell profile), else the login name.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os

ENV_AUTHOR = "ICTSCORE_AUTHOR"


def default_author() -> str | None:
    """`ICTSCORE_AUTHOR`, else the operating system's user name; None when neither is known."""
    name = os.environ.get(ENV_AUTHOR, "").strip()
    if name:
        return name
    try:
        return getpass.getuser() or None
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        return None


def today() -> str:
    """The local date as ISO text, the form `Change.date` keeps."""
    return dt.date.today().isoformat()
