"""`manage.py makemessages`, Django's own, reading the templates as Jinja2.

The site's templates are Jinja2 (mynalicense/jinja2.py). Django's makemessages hands every
template to its own templatize(), which knows Django's template syntax: it finds
`{{ _("text") }}` but silently drops every `_()` with values, such as
`{{ _("Step %(n)s", n=mark) }}`. Here each template is read with Jinja2's own extractor instead (the one Babel's
Jinja2 plugin calls) and written out as Python calls on the same lines, which xgettext
reads as it reads the Python sources; the rest of the command (options, merging, the .po
it writes) is Django's. The README's command is unchanged.
"""

from __future__ import annotations

from django.core.management.commands import makemessages

from mynalicense.jinja2 import environment


# How many leading arguments of each gettext function are its text (context included).
TEXT_ARGUMENTS = {"_": 1, "gettext": 1, "ngettext": 2, "pgettext": 2, "npgettext": 3}


def jinja2_templatize(source: str) -> str:
    """Python source with one gettext call per translatable string of a Jinja2 template, on
    that string's line, so the .po's `#: path:line` references point into the template."""
    lines = [""] * (source.count("\n") + 1)
    for lineno, function, message in environment().extract_translations(source):
        # Babel-style: one entry per argument, None where it is not a literal (the
        # placeholders' keyword values, a plural's count).
        args = message if isinstance(message, tuple) else (message,)
        texts = args[:TEXT_ARGUMENTS[function]]
        if len(texts) < TEXT_ARGUMENTS[function] or None in texts:
            continue  # `_(variable)`: nothing to extract
        if function in ("_", "gettext"):
            call = f"gettext({args[0]!r})"
        elif function == "ngettext":
            call = f"ngettext({args[0]!r}, {args[1]!r}, 1)"
        elif function == "pgettext":
            call = f"pgettext({args[0]!r}, {args[1]!r})"
        else:  # npgettext
            call = f"npgettext({args[0]!r}, {args[1]!r}, {args[2]!r}, 1)"
        lines[lineno - 1] += f"{call}; "
    return "\n".join(lines)


class BuildFile(makemessages.BuildFile):
    def preprocess(self):
        if not self.is_templatized:
            return
        with open(self.path, encoding="utf-8") as fp:
            content = jinja2_templatize(fp.read())
        with open(self.work_path, "w", encoding="utf-8") as fp:
            fp.write(content)


class Command(makemessages.Command):
    build_file_class = BuildFile
