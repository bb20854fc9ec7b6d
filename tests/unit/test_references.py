from booking_service.references import ALPHABET, LENGTH, new_reference, normalise_reference


def test_references_use_only_unambiguous_characters():
    references = {new_reference() for _ in range(2000)}
    assert len(references) == 2000
    assert all(len(r) == LENGTH and set(r) <= set(ALPHABET) for r in references)
    assert not set("01IO") & set(ALPHABET)


def test_lookup_is_case_insensitive():
    assert normalise_reference(" ab3cd9z ") == "AB3CD9Z"
