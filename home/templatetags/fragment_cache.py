"""``{% fragment_cache %}``: Django's ``{% cache %}`` that survives a lost cache.

Usage::

    {% load fragment_cache %}
    {% fragment_cache "home-ideas" 60 language version viewer %}…{% endfragment_cache %}

The first two arguments are the fragment's name and its timeout in seconds;
the others go into the key. When one of them is None, or when the cache
raises, the fragment is rendered without caching and the error is logged.
"""

import logging

from django import template
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key

logger = logging.getLogger(__name__)

register = template.Library()


class FragmentCacheNode(template.Node):
    def __init__(self, nodelist, name, timeout, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.timeout = timeout
        self.vary_on = vary_on

    def render(self, context):
        name = self.name.resolve(context)
        timeout = self.timeout.resolve(context)
        vary_on = [variable.resolve(context) for variable in self.vary_on]
        if None in vary_on:
            return self.nodelist.render(context)
        key = make_template_fragment_key(name, vary_on)
        try:
            value = cache.get(key)
        except Exception:  # noqa: BLE001 - render without the cache
            logger.exception("fragment %s: reading the cache failed", name)
            return self.nodelist.render(context)
        if value is not None:
            return value
        value = self.nodelist.render(context)
        try:
            cache.set(key, value, int(timeout))
        except Exception:  # noqa: BLE001 - the page is rendered anyway
            logger.exception("fragment %s: writing the cache failed", name)
        return value


@register.tag("fragment_cache")
def do_fragment_cache(parser, token):
    nodelist = parser.parse(("endfragment_cache",))
    parser.delete_first_token()
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' needs a fragment name and a timeout in seconds."
        )
    return FragmentCacheNode(
        nodelist,
        parser.compile_filter(bits[1]),
        parser.compile_filter(bits[2]),
        [parser.compile_filter(bit) for bit in bits[3:]],
    )
