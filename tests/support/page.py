"""Reading a page as a person (or a screen reader) gets it: what the pages mark up
(data-outcome, data-step/data-item, data-requirement, data-next, lang, title, links, form
fields), with a small HTML parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Page:
    """What a person (or a screen reader) gets from one HTML page."""

    lang: str | None = None
    title: str = ""
    text: str = ""
    outcomes: list[str] = field(default_factory=list)
    # data-step → the data-item ids inside that section, in page order.
    sections: dict[str, list[str]] = field(default_factory=dict)
    items_outside_sections: list[str] = field(default_factory=list)
    requirements: list[tuple[str, str]] = field(default_factory=list)
    next_actions: list[str] = field(default_factory=list)  # data-next, in page order
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, text)
    # form fields: name → value of each text input / selected option / checked radio.
    inputs: dict[str, str] = field(default_factory=dict)
    checked: dict[str, str] = field(default_factory=dict)
    radios: dict[str, list[str]] = field(default_factory=dict)
    buttons: list[dict[str, str]] = field(default_factory=list)
    classes_text: dict[str, list[str]] = field(default_factory=dict)  # class → texts

    def texts_of(self, css_class: str) -> list[str]:
        return self.classes_text.get(css_class, [])

    def item_sets(self) -> dict[str, set[str]]:
        return {step: set(ids) for step, ids in self.sections.items()}

    def hrefs(self) -> list[str]:
        return [href for href, _ in self.links]


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._text: list[str] = []
        self._title: list[str] | None = None
        self._section: str | None = None
        self._link: tuple[str, list[str]] | None = None
        self._select: str | None = None
        self._button: dict[str, str] | None = None
        # (tag, classes, collected text) for elements whose text is kept by class.
        self._stack: list[tuple[str, list[str], list[str]]] = []

    def handle_starttag(self, tag, attrs):
        a = {name: (value or "") for name, value in attrs}
        p = self.page
        if tag == "html":
            p.lang = a.get("lang")
        if tag == "title":
            self._title = []
        if "data-outcome" in a:
            p.outcomes.append(a["data-outcome"])
        if "data-step" in a:
            self._section = a["data-step"]
            p.sections.setdefault(self._section, [])
        if "data-item" in a:
            if self._section is None:
                p.items_outside_sections.append(a["data-item"])
            else:
                p.sections[self._section].append(a["data-item"])
        if "data-next" in a:
            p.next_actions.append(a["data-next"])
        if "data-requirement" in a:
            p.requirements.append((a["data-requirement"], a.get("data-status", "")))
        if tag == "a" and "href" in a:
            self._link = (a["href"], [])
        if tag == "input":
            kind = a.get("type", "text")
            name = a.get("name", "")
            if kind == "radio":
                p.radios.setdefault(name, []).append(a.get("value", ""))
                if "checked" in a:
                    p.checked[name] = a.get("value", "")
            elif kind in ("text", "hidden"):
                p.inputs[name] = a.get("value", "")
        if tag == "select":
            self._select = a.get("name", "")
        if tag == "option" and self._select is not None and "selected" in a:
            p.inputs[self._select] = a.get("value", "")
        if tag == "button":
            self._button = {**a, "text": ""}
        if tag not in _VOID:
            self._stack.append((tag, a.get("class", "").split(), []))

    def handle_endtag(self, tag):
        if tag == "title" and self._title is not None:
            self.page.title = " ".join("".join(self._title).split())
            self._title = None
        if tag == "section":
            self._section = None
        if tag == "a" and self._link is not None:
            href, words = self._link
            self.page.links.append((href, " ".join("".join(words).split())))
            self._link = None
        if tag == "select":
            self._select = None
        if tag == "button" and self._button is not None:
            self.page.buttons.append(self._button)
            self._button = None
        # Close up to the matching open tag (tolerates omitted end tags).
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                for _, classes, words in self._stack[index:][::-1]:
                    for css_class in classes:
                        self.page.classes_text.setdefault(css_class, []).append(
                            " ".join("".join(words).split()))
                del self._stack[index:]
                break

    def handle_data(self, data):
        self._text.append(data)
        if self._title is not None:
            self._title.append(data)
        if self._link is not None:
            self._link[1].append(data)
        if self._button is not None:
            self._button["text"] += data
        for _, _, words in self._stack:
            words.append(data)

    def close(self):
        super().close()
        self.page.text = " ".join("".join(self._text).split())


def parse_page(response_or_html) -> Page:
    html = response_or_html
    if not isinstance(html, str):
        html = response_or_html.content.decode()
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


