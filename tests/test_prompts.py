"""Every prompt exists in English and Hebrew with the same placeholders."""

from __future__ import annotations

import re

from bot.prompts import Prompts, placeholders


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
