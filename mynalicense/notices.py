"""One-off notices ("your answers had expired"), kept in the signed session."""

from __future__ import annotations

from django.contrib.messages.storage.session import SessionStorage


class OnceSessionStorage(SessionStorage):
    """A notice already waiting to be shown is not added again. A page that adds one
    (the counter checklist without answers, a wizard page without a start) and is asked for
    again and again without the notice being shown (a robot, a script, a reload loop) would
    otherwise pile copies into the cookie until the browser refuses it."""

    def add(self, level, message, extra_tags=""):
        text = str(message)
        waiting = [*self._loaded_messages, *self._queued_messages]
        if any(notice.level == level and str(notice.message) == text for notice in waiting):
            return
        super().add(level, message, extra_tags)
