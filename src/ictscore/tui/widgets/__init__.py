"""One widget per module; each takes the session and the language in `show(session, lang)`."""
