"""Template tags that cache the shared parts of the board page.

Usage::

    {% load board_cache %}
    {% idea_card_store ideas as card_store %}
    {% for idea in ideas %}
      {% idea_card_cache card_store %}…shared part of the card…{% endidea_card_cache %}
      …per-person part…
    {% endfor %}

    {% board_fragment_cache "form" %}…{% endboard_fragment_cache %}

``ideation.caching`` lists what each key contains. Without a store (the
card rendered alone, for htmx or a live message) or without a key, the
content is rendered uncached.
"""

import logging

from django import template
from django.core.cache import cache

from ideation import caching

logger = logging.getLogger(__name__)

register = template.Library()


@register.simple_tag
def idea_card_store(ideas):
    """Return the cached cards of ``ideas``, fetched when the first is needed."""
    return caching.IdeaCardStore(ideas)


class IdeaCardCacheNode(template.Node):
    def __init__(self, nodelist, store):
        self.nodelist = nodelist
        self.store = store

    def render(self, context):
        store = self.store.resolve(context)
        idea = context.get("idea")
        if not isinstance(store, caching.IdeaCardStore) or idea is None:
            return self.nodelist.render(context)
        key = caching.get_card_key(idea)
        html = store.get(key)
        if html is None:
            html = self.nodelist.render(context)
            store.set(key, html)
        return html


@register.tag("idea_card_cache")
def do_idea_card_cache(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' needs one argument: the store of idea_card_store."
        )
    nodelist = parser.parse(("endidea_card_cache",))
    parser.delete_first_token()
    return IdeaCardCacheNode(nodelist, parser.compile_filter(bits[1]))


class BoardFragmentCacheNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        key = caching.get_form_key(self.name, context)
        if key is None:
            return self.nodelist.render(context)
        try:
            html = cache.get(key)
        except Exception:  # noqa: BLE001 - render without the cache
            logger.exception("board fragment %s: reading the cache failed", self.name)
            return self.nodelist.render(context)
        if html is not None:
            return html
        html = self.nodelist.render(context)
        try:
            cache.set(key, html, caching.FORM_TIMEOUT_SECONDS)
        except Exception:  # noqa: BLE001 - the page is rendered anyway
            logger.exception("board fragment %s: writing the cache failed", self.name)
        return html


@register.tag("board_fragment_cache")
def do_board_fragment_cache(parser, token):
    bits = token.split_contents()
    names = ('"form"', '"filters"')
    if len(bits) != 2 or bits[1] not in names:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' needs one argument: {' or '.join(names)}."
        )
    nodelist = parser.parse(("endboard_fragment_cache",))
    parser.delete_first_token()
    return BoardFragmentCacheNode(nodelist, bits[1].strip('"'))
