"""A catalogue with an untranslated, fuzzy or missing message fails the build."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_tajik_and_russian_catalogues_are_complete_and_current():
    result = subprocess.run([sys.executable, "scripts/check_translations.py"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]


def test_tajik_translations_use_tajik_letters():
    text = (ROOT / "translations/tg/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    assert all(letter in text for letter in "ғӣқӯҳҷ")
