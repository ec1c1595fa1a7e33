"""Synced translations: block ids of a source StreamField carry over to its
translated value, and plain copies convert only for models without drafts."""

import pytest

from home.synced_translation import convert_to_synced_translation, copy_block_ids


def test_copy_block_ids_by_position():
    source = [
        {"type": "heading", "value": "Titre", "id": "a"},
        {"type": "paragraph", "value": "<p>Texte</p>", "id": "b"},
    ]
    target = [
        {"type": "heading", "value": "Title", "id": "x"},
        {"type": "paragraph", "value": "<p>Text</p>", "id": "y"},
    ]

    copy_block_ids(source, target)

    assert [block["id"] for block in target] == ["a", "b"]
    assert target[0]["value"] == "Title"


def test_copy_block_ids_keeps_id_on_type_change():
    source = [{"type": "heading", "value": "Titre", "id": "a"}]
    target = [{"type": "paragraph", "value": "<p>Text</p>", "id": "x"}]

    copy_block_ids(source, target)

    assert target[0]["id"] == "x"


def test_copy_block_ids_inside_struct_and_list():
    source = [
        {
            "type": "demonstrator",
            "id": "a",
            "value": {"items": [{"type": "item", "value": "Un", "id": "i1"}]},
        }
    ]
    target = [
        {
            "type": "demonstrator",
            "id": "x",
            "value": {"items": [{"type": "item", "value": "One", "id": "j1"}]},
        }
    ]

    copy_block_ids(source, target)

    assert target[0]["id"] == "a"
    assert target[0]["value"]["items"][0]["id"] == "i1"


def test_convert_rejects_model_with_draft_state(home_pages, english):
    home, _english_home = home_pages

    with pytest.raises(TypeError, match="has draft state"):
        convert_to_synced_translation(home, english)
