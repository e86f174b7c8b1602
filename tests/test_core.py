"""The core package stands alone: no module of guide/ imports Django, and the words and
pages hold no rule of their own (no item id outside the catalogue and the words)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from guide.catalogue import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent
CORE_MODULES = sorted(p.stem for p in (ROOT / "guide").glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_no_django(module: str) -> None:
    # A fresh interpreter, so nothing else here can have imported Django first.
    script = (f"import guide.{module}, sys\n"
              "print(sorted(n for n in sys.modules if n.split('.')[0] in ('django', 'wizard', 'mynalicense')))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]"


def _string_constants(path: Path) -> list[str]:
    return [node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


ITEM_ID = re.compile(r"^(s[1-4]|na)\.[a-z_]+$")


def test_each_item_id_is_declared_in_exactly_one_catalogue_entry() -> None:
    ids = [entry.id for entry in CATALOGUE]
    assert len(ids) == len(set(ids))
    catalogue = [s for s in _string_constants(ROOT / "guide" / "catalogue.py") if ITEM_ID.match(s)]
    assert sorted(catalogue) == sorted(ids)


@pytest.mark.parametrize("path", sorted(
    p.relative_to(ROOT).as_posix()
    for p in [*(ROOT / "guide").glob("*.py"), *(ROOT / "wizard").glob("*.py"),
              *(ROOT / "mynalicense").rglob("*.py")]
    if p.name not in ("catalogue.py", "texts.py")))
def test_no_item_id_outside_the_catalogue_and_the_words(path: str) -> None:
    found = [s for s in _string_constants(ROOT / path) if ITEM_ID.match(s)]
    assert found == [], f"{path} tests an item id by string: {found}"


def test_templates_hold_no_item_id() -> None:
    ids = {entry.id for entry in CATALOGUE}
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not [i for i in ids if i in text], template


def test_every_item_has_words_and_every_word_an_item() -> None:
    from wizard.texts import WORDS
    assert set(WORDS) == {entry.id for entry in CATALOGUE}
