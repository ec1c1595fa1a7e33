"""Create translations of pages and snippets through wagtail-localize.

``copy_for_translation`` alone gives an ordinary page or snippet in the target
locale. wagtail-localize has no ``TranslationSource`` or ``Translation`` for
it, so the admin offers no sync action and opens the copy in the plain editor.
``upsert_synced_translation`` goes through wagtail-localize instead. It
extracts the source object into a ``TranslationSource``, stores the target
texts as ``StringTranslation`` rows, then lets wagtail-localize build the
translated object from them. A later sync keeps these texts and shows new or
changed source segments untranslated.
"""

import logging
from collections import defaultdict

from django.db import transaction
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import (
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

logger = logging.getLogger(__name__)


@transaction.atomic
def upsert_synced_translation(
    instance: TranslatableMixin, locale: Locale, fields: dict
) -> TranslatableMixin:
    """Create or update the ``locale`` translation of ``instance`` and publish it.

    ``instance`` is a page or a translatable snippet. ``fields`` maps field
    names of its model to their values in ``locale``, the way the model would
    take them in its constructor. Fields that wagtail-localize synchronises
    from the source (dates, choices, slugs declared as ``SynchronizedField``,
    foreign keys to pages) keep the source value, whatever ``fields`` contains.
    """
    translated, created = save_synced_translation(instance, locale, fields)
    logger.info(
        "synced translation %s of %s %s into %s (created: %s)",
        translated.pk,
        instance._meta.label,
        instance.pk,
        locale.language_code,
        created,
    )
    return translated


def save_synced_translation(
    instance: TranslatableMixin, locale: Locale, fields: dict
) -> tuple[TranslatableMixin, bool]:
    """Do the work of ``upsert_synced_translation``, without its log line.

    Returns the translation and whether it was created. The caller provides
    the transaction.
    """
    if isinstance(instance, Page):
        instance = instance.specific
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    store_string_translations(source, locale, fields)
    # A page or a snippet with draft state gets a draft here, published just
    # after. With ``publish=True``, wagtail-localize 1.14 publishes on commit,
    # after the caller's transaction, but the demo extensions need the
    # translated page live before that. Other models are saved directly, and
    # reject ``publish=False``.
    has_draft_state = isinstance(instance, DraftStateMixin)
    translated, created = source.create_or_update_translation(
        locale, publish=not has_draft_state, fallback=True
    )
    if has_draft_state:
        translated.get_latest_revision().publish()
        translated.refresh_from_db()
    return translated, created


def convert_to_synced_translation(instance: TranslatableMixin, locale: Locale) -> bool:
    """Make the plain ``locale`` copy of ``instance`` a synced translation, when
    that changes none of the copy's values.

    A plain copy comes from ``copy_for_translation``: it shares the source's
    translation key, but wagtail-localize has no ``Translation`` for it, so
    editors cannot sync it. The conversion stores the copy's current texts as
    the translations of the source's current texts, then lets wagtail-localize
    rebuild the copy from them. It is kept only when every field of the
    rebuilt copy equals its value before, and undone otherwise. A value
    changes when a synchronised field (a theme's slug) differs from the
    source, or when the copy has a text where the source has none. It also
    changes when the copy lacks a text that the source has, because the
    fallback fills in the source's text.

    A copy with a ``Translation`` record is left as it is: an enabled one is
    synced already, and a disabled one means an editor stopped syncing it.

    NOTE: the copy's texts become the translations of the source's texts as
    they are now. A French text changed after the copy was made, with the copy
    not updated, is not flagged as changed by the next sync.

    Returns True when the copy became a synced translation. Only models without
    draft state are handled (snippets such as resource themes), because the
    comparison of a page would also have to cover its revisions.
    """
    if isinstance(instance, DraftStateMixin):
        raise TypeError(
            f"{instance._meta.label} has draft state: only models without it "
            "can be converted to synced translations"
        )
    copy = instance.get_translation_or_none(locale)
    if copy is None or has_translation_record(instance, locale):
        return False
    before = read_field_values(copy)
    fields = {name: getattr(copy, name) for name in get_translated_field_names(copy)}
    # The savepoint undoes the conversion when it changed a value. Outside a
    # transaction Django's savepoints do nothing, hence the atomic block.
    with transaction.atomic():
        savepoint = transaction.savepoint()
        translated, _created = save_synced_translation(instance, locale, fields)
        after = read_field_values(type(translated).objects.get(pk=translated.pk))
        changed = sorted(name for name in before if after[name] != before[name])
        if changed:
            transaction.savepoint_rollback(savepoint)
        else:
            transaction.savepoint_commit(savepoint)
    if changed:
        logger.info(
            "plain translation %s of %s %s into %s left unsynced: syncing would "
            "change %s",
            copy.pk,
            instance._meta.label,
            instance.pk,
            locale.language_code,
            ", ".join(changed),
        )
        return False
    logger.info(
        "plain translation %s of %s %s into %s converted to a synced translation",
        copy.pk,
        instance._meta.label,
        instance.pk,
        locale.language_code,
    )
    return True


def has_translation_record(instance: TranslatableMixin, locale: Locale) -> bool:
    """Return whether wagtail-localize has a ``Translation`` of ``instance`` into
    ``locale``, enabled or not."""
    return Translation.objects.filter(
        source__object_id=instance.translation_key,
        source__locale=instance.locale,
        target_locale=locale,
    ).exists()


def get_translated_field_names(instance: TranslatableMixin) -> list[str]:
    """Return the names of the fields that wagtail-localize translates."""
    return [
        field.field_name
        for field in get_translatable_fields(instance.__class__)
        if field.is_translated(instance)
    ]


def read_field_values(instance) -> dict:
    """Return the stored value of each concrete field, by attribute name."""
    return {
        field.attname: field.value_from_object(instance)
        for field in instance._meta.concrete_fields
    }


def store_string_translations(
    source: TranslationSource, locale: Locale, fields: dict
) -> int:
    """Store the strings of ``fields`` as translations of the source's segments.

    Segments are paired by context path and by position within that path, so
    a rich text field or block must have as many blocks (paragraphs, list
    items) in both languages. A segment without a partner is left
    untranslated and logged, and so are the segments of fields missing from
    ``fields``. Returns the number of strings stored.
    """
    target = build_target_instance(source, fields)
    target_strings = defaultdict(list)
    for segment in extract_segments(target):
        if isinstance(segment, StringSegmentValue):
            target_strings[segment.path].append(segment.string.data)

    source_segments = defaultdict(list)
    for segment in (
        source.stringsegment_set.select_related("string", "context")
        .order_by("order")
        .iterator()
    ):
        source_segments[segment.context.path].append(segment)

    stored = 0
    for path, segments in source_segments.items():
        # Fields missing from ``fields`` stay untranslated, so the translation
        # editor lists them and the page shows the source text meanwhile.
        if path.split(".", 1)[0] not in fields:
            continue
        texts = target_strings.get(path, [])
        if len(texts) != len(segments):
            logger.warning(
                "source %s path %s: %s source segments but %s in %s, left untranslated",
                source.pk,
                path,
                len(segments),
                len(texts),
                locale.language_code,
            )
            continue
        for segment, text in zip(segments, texts, strict=True):
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "has_error": False,
                    "field_error": "",
                },
            )
            stored += 1
    return stored


def build_target_instance(source: TranslationSource, fields: dict) -> TranslatableMixin:
    """Return an unsaved copy of the source object carrying the values of ``fields``.

    StreamField values take the block ids of the source, position by
    position, because wagtail-localize puts block ids in context paths.
    """
    instance = source.as_instance()
    translatable = {
        field.field_name
        for field in get_translatable_fields(instance.__class__)
        if field.is_translated(instance)
    }
    update_fields_keeping_block_ids(
        instance,
        {name: value for name, value in fields.items() if name in translatable},
    )
    return instance


def update_fields_keeping_block_ids(page: Page, fields: dict) -> None:
    """Set ``fields`` on ``page``, keeping the current ids of StreamField blocks.

    wagtail-localize attaches string translations to context paths that
    contain block ids. New ids on every update of a source page would leave
    its translations behind on paths that no longer exist.
    """
    for name, value in fields.items():
        model_field = page._meta.get_field(name)
        if isinstance(model_field, StreamField):
            current = getattr(page, name)
            setattr(page, name, with_source_block_ids(model_field, current, value))
        else:
            setattr(page, name, value)


def with_source_block_ids(field: StreamField, source_value, target_value):
    """Return ``target_value`` as a StreamValue whose block ids match the source."""
    block = field.stream_block
    source_raw = block.get_prep_value(field.to_python(source_value))
    target_raw = block.get_prep_value(field.to_python(target_value))
    copy_block_ids(source_raw, target_raw)
    return field.to_python(target_raw)


def copy_block_ids(source, target) -> None:
    """Copy block ids from ``source`` to ``target``, two raw StreamField trees.

    Blocks are matched by position. A block whose type differs from its
    source counterpart keeps its own id, and so do its children.
    """
    if isinstance(source, list) and isinstance(target, list):
        for source_item, target_item in zip(source, target, strict=False):
            copy_block_ids(source_item, target_item)
        return
    if not (isinstance(source, dict) and isinstance(target, dict)):
        return
    is_block = "type" in target and "value" in target
    if is_block:
        if source.get("type") != target.get("type"):
            return
        if "id" in source:
            target["id"] = source["id"]
        copy_block_ids(source.get("value"), target["value"])
        return
    # A StructBlock value: its children are matched by name.
    for name, target_child in target.items():
        if name in source:
            copy_block_ids(source[name], target_child)
