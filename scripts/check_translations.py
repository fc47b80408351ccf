"""Fail when the tg or ru catalogue has an untranslated or fuzzy message, or when the
catalogues are out of date with the source (a marked string missing from them)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def _load(path: Path):
    with path.open("rb") as fh:
        return read_po(fh)


def _fresh_template() -> set[str]:
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        subprocess.run(
            [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
             "-k", "_l", "-k", "N_", "-k", "plural_message:1,2", "-k", "lazy_pgettext:1c,2",
             "--no-location", "-o", str(pot),
             "diaspora_platform", "templates"],
            cwd=ROOT, check=True, capture_output=True,
        )
        return {m.id if isinstance(m.id, str) else m.id[0] for m in _load(pot) if m.id}


def main() -> int:
    problems = []
    source_ids = _fresh_template()
    for lang in ("tg", "ru"):
        catalogue = _load(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po")
        ids = set()
        for message in catalogue:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            ids.add(key)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                problems.append(f"{lang}: fuzzy: {key!r}")
            elif not all(strings):
                problems.append(f"{lang}: untranslated: {key!r}")
        for missing in sorted(source_ids - ids):
            problems.append(f"{lang}: not in catalogue (run scripts/translations): {missing!r}")
    for line in problems[:50]:
        print(line)
    if problems:
        print(f"{len(problems)} translation problems.")
        return 1
    print(f"Catalogues complete: {len(source_ids)} messages in tg and ru.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
