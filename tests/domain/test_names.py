"""`name_key`: when two names are the same name (uniqueness in the store uses it)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from debtcoach.domain.models import name_key


def test_case_does_not_make_another_name() -> None:
    assert name_key("visa") == name_key("Visa") == name_key("VISA")
    assert name_key("Straße") == name_key("STRASSE")


def test_the_unicode_encoding_does_not_make_another_name() -> None:
    composed = unicodedata.normalize("NFC", "Café")
    decomposed = unicodedata.normalize("NFD", "Café")
    assert composed != decomposed
    assert name_key(composed) == name_key(decomposed) == name_key("CAFÉ")
    assert name_key("Café") == unicodedata.normalize("NFC", name_key("Café"))


def test_different_letters_stay_different_names() -> None:
    assert name_key("Cafe") != name_key("Café")
    assert name_key("Visa 1") != name_key("Visa 2")
    assert name_key("Mum") != name_key("Mom")


@given(st.text(max_size=20))
def test_any_encoding_of_a_name_has_the_same_key(text: str) -> None:
    key = name_key(text)
    assert name_key(unicodedata.normalize("NFC", text)) == key
    assert name_key(unicodedata.normalize("NFD", text)) == key
