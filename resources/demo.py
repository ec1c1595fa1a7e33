"""Demo documentation resources for ``seed_demo``: themes, index, resources.

Everything is looked up by slug and created only when it is missing, so a
second run leaves the same number of themes, pages and documents and keeps
what editors changed since. The one change a rerun makes: an English theme
that older versions made as a plain copy becomes a synced translation of its
French theme, when that changes none of its values
(``convert_to_synced_translation``).
"""

import logging

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from home.synced_translation import (
    convert_to_synced_translation,
    upsert_synced_translation,
)

from . import demo_content as content
from .models import ResourceIndexPage, ResourcePage, Theme

logger = logging.getLogger(__name__)


def seed(context) -> None:
    themes = seed_themes(context)
    index = seed_index(context)
    for entry in content.RESOURCES:
        seed_resource(context, index, entry, themes)
    logger.info("demo resources seeded under page %s", index.pk)


def seed_themes(context) -> dict[str, Theme]:
    themes = {}
    for entry in content.THEMES:
        theme = Theme.objects.filter(slug=entry["slug"], locale=context.french).first()
        if theme is None:
            theme = Theme(slug=entry["slug"], locale=context.french, **entry["fr"])
            theme.save()
            # The English theme is created with its French one only: an
            # existing theme may have been edited since.
            upsert_synced_translation(theme, context.english, entry["en"])
        elif convert_to_synced_translation(theme, context.english):
            context.command.log(
                f"English theme of {theme.slug!r} is now a synced translation."
            )
        themes[entry["slug"]] = theme
    return themes


def seed_index(context) -> ResourceIndexPage:
    command = context.command
    fields = {**content.INDEX["fr"], "show_in_menus": True}
    index = command.get_or_create_child(
        context.home, ResourceIndexPage, content.INDEX["slug"], fields
    )
    command.get_or_create_translation(
        index, {**content.INDEX["en"], "show_in_menus": True}
    )
    return index


def to_stream(items) -> list:
    return [
        (kind, RichText(value) if kind == "paragraph" else value)
        for kind, value in items
    ]


def seed_document(entry: dict):
    Document = get_document_model()
    document = Document.objects.filter(title=entry["title"]).first()
    if document is None:
        document = Document(title=entry["title"])
        document.file.save(
            entry["file_name"], ContentFile(entry["text"].encode()), save=False
        )
        document.save()
    return document


def seed_resource(context, index, entry, themes) -> ResourcePage:
    command = context.command
    shared = {
        "kind": entry["kind"],
        "level": entry["level"],
        "audience": entry["audience"],
        "featured": entry["featured"],
        "external_url": entry.get("external_url", ""),
        "reading_minutes": entry.get("reading_minutes"),
        "image": command.get_image(entry["fr"]["title"], entry["colour"]),
    }
    if "document" in entry:
        document = seed_document(entry["document"])
        shared["documents"] = [("document", {"document": document, "label": ""})]
    french = {**entry["fr"], "body": to_stream(entry["fr"]["body"])}
    page = command.get_or_create_child(
        index, ResourcePage, entry["slug"], {**shared, **french}
    )
    if not command.was_created(page):
        return page
    page.themes = [themes[slug] for slug in entry["themes"]]
    page = command.publish(page)
    if "en" in entry:
        english = {**entry["en"], "body": to_stream(entry["en"]["body"])}
        command.get_or_create_translation(page, {**shared, **english})
    return page
