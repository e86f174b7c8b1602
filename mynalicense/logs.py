"""What Django logs, cut to one short line an operator can use and no one can inflate.

Django logs a server error as "Internal Server Error: <path>" with its traceback, and every
refused request of the django.security family (a Host not in ALLOWED_HOSTS, too many form
fields, a CSRF failure) with its message and often a traceback too: 1–2 KB a line, written
for any request anyone sends, with values from the request (the Host, an Origin) and, in a
traceback's last line, values from the code (a date from a form, say). `OneLine` turns each
record into one line: the status, what happened (the exception's type, or the logger's
kind), the method and the path without its query, and for a server error where it
happened (file:line in function). Never an exception's message, never a query string,
never a client address."""

from __future__ import annotations

import logging
import sysconfig
import traceback
from pathlib import Path
from urllib.parse import quote

# Enough of a path or a Host to recognise it; a longer one is cut.
PATH_MAX = 120
HOST_MAX = 60
# Characters kept as they are in a logged path or Host; everything else (spaces, quotes,
# control characters, non-ASCII) is percent-encoded, so a line cannot be split or forged.
_SAFE = "/:@!$&'()*+,;=-._~"

BASE_DIR = Path(__file__).resolve().parent.parent
# Where Python's own and installed libraries live (a virtualenv may be inside the project).
_LIBRARIES = {Path(sysconfig.get_paths()[name]) for name in ("purelib", "platlib", "stdlib")}
# The most specific first: a library inside the project is shown relative to the library.
_ROOTS = sorted({*_LIBRARIES, BASE_DIR}, key=lambda path: len(str(path)), reverse=True)


def _cut(text: str, limit: int, *, safe: str = _SAFE) -> str:
    text = quote(text, safe=safe)
    return text if len(text) <= limit else text[:limit] + "..."


def _short(filename: str) -> str:
    """A source file as an operator would look for it: relative to the project or to the
    Python library it is in."""
    path = Path(filename)
    for root in _ROOTS:
        if path.is_relative_to(root):
            return str(path.relative_to(root))
    return path.name


def _ours(filename: str) -> bool:
    path = Path(filename)
    return path.is_relative_to(BASE_DIR) and not any(path.is_relative_to(lib) for lib in _LIBRARIES)


def location(tb) -> str:
    """Where an exception was raised (file:line in function), and where it left the
    project's own code if that is somewhere else."""
    frames = traceback.extract_tb(tb)
    if not frames:
        return "unknown location"
    last = frames[-1]
    where = f"{_short(last.filename)}:{last.lineno} in {last.name}"
    own = [frame for frame in frames if _ours(frame.filename)]
    if own and own[-1] is not last:
        where += f" (from {_short(own[-1].filename)}:{own[-1].lineno} in {own[-1].name})"
    return where


class OneLine(logging.Filter):
    """Rewrite a django.request or django.security record as one short line (see above)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        status = getattr(record, "status_code", None)
        exc_info = record.exc_info if isinstance(record.exc_info, tuple) else None
        kind = record.name.rpartition(".")[2]
        if exc_info and exc_info[0] is not None:
            kind = exc_info[0].__name__
        parts = [str(status or "-"), kind]
        if request is not None:
            parts += [_cut(request.method or "-", 10), _cut(request.path, PATH_MAX)]
        if kind == "DisallowedHost" and request is not None:
            # What the operator may need to add to DJANGO_ALLOWED_HOSTS, if it is theirs.
            host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
            parts.append(f"host={_cut(host, HOST_MAX)}")
        elif record.name == "django.security.csrf" and record.args:
            # Django's reason, without the Origin or Referer it may quote after " - ".
            reason = str(record.args[0]).split(" - ")[0]
            parts.append(f"({_cut(reason, 60, safe=_SAFE + ' ')})")
        if exc_info and exc_info[2] is not None and (status or 500) >= 500:
            parts.append("at " + location(exc_info[2]))
        record.msg = " ".join(parts)
        record.args = ()
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
