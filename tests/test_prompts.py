"""Every prompt exists in English and Hebrew with the same placeholders."""

from __future__ import annotations

import re

from bot.prompts import LRM, RLM, Prompts, placeholders


def test_languages_have_the_same_keys_and_placeholders() -> None:
    prompts = Prompts.load()
    english, hebrew = prompts.keys("en"), prompts.keys("he")
    assert english == hebrew, f"only en: {english - hebrew}; only he: {hebrew - english}"
    for key in english:
        en_variants = prompts.variants("en", key)
        he_variants = prompts.variants("he", key)
        assert en_variants and he_variants
        expected = placeholders(en_variants[0])
        for text in en_variants + he_variants:
            assert text.strip(), key
            assert placeholders(text) == expected, key


def test_hebrew_is_hebrew() -> None:
    prompts = Prompts.load()
    for key in prompts.keys("he"):
        if key.startswith(("language.", "timezone.name.")):
            continue  # "אנגלית (English)", "בריטניה (Europe/London)": a name beside its own
        for text in prompts.variants("he", key):
            without_placeholders = re.sub(r"\{[a-z_]+\}", "", text)
            letters = [ch for ch in without_placeholders if ch.isalpha()]
            if not letters:
                continue  # only placeholders and punctuation
            hebrew = [ch for ch in letters if "\u0590" <= ch <= "\u05ff"]
            assert len(hebrew) >= len(letters) / 2, key


def test_hebrew_commands_and_ranges_keep_their_order_on_screen() -> None:
    """In a right-to-left line the bidirectional algorithm shows "/trends" as "trends/" and
    "22:00–08:00" reversed; marks and a hyphen keep them as written."""
    prompts = Prompts.load()
    help_text = prompts.text("he", "help", helplines="")
    assert f"{LRM}/checkin" in help_text and " /checkin" not in help_text
    assert all(
        line.startswith(f"{RLM}{LRM}/") for line in help_text.splitlines() if "/" in line[:3]
    )
    moved = prompts.text("he", "quiet.moved", quiet_start="22:00", quiet_end="08:00")
    assert "22:00-08:00" in moved
    assert "3-5" in prompts.text("he", "checkin.offer_reflection")
    # The chart's renderer (libraqm) applies the same algorithm: "(1–5)" was drawn "(5–1)".
    assert prompts.text("he", "chart.mood") == "מצב רוח (1-5)"
    assert LRM not in prompts.text("en", "help", helplines="")
    english = prompts.text("en", "quiet.moved", quiet_start="22:00", quiet_end="08:00")
    assert "22:00–08:00" in english
