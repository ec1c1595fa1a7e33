"""The kiosk's own URLs: one set per language, all carrying the screen token.

French URLs have no language segment and English ones start with ``en/``,
inside ``/kiosk/<token>/``, because the kiosk chooses its language with an
on-screen toggle rather than with the site's language prefix.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from .models import Screen

KIOSK_LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"


def url_name(name: str, language: str) -> str:
    return (
        f"kiosk:{name}" if language == DEFAULT_LANGUAGE else f"kiosk:{name}_{language}"
    )


def build_kiosk_url(token: str, language: str, name: str, *args) -> str:
    return reverse(url_name(name, language), args=[token, *args])


@dataclass
class KioskFrame:
    """Context of every kiosk template: the screen, the language, the view."""

    screen: Screen
    language: str
    view_name: str
    view_args: tuple = ()

    def url(self, name: str, *args) -> str:
        return build_kiosk_url(self.screen.token, self.language, name, *args)

    @property
    def current_url(self) -> str:
        return self.url(self.view_name, *self.view_args)

    @property
    def home_url(self) -> str:
        """The attract screen in the default language, where idle resets go."""
        return build_kiosk_url(self.screen.token, DEFAULT_LANGUAGE, "home")

    @property
    def prefix(self) -> str:
        return reverse("kiosk:home", args=[self.screen.token])

    def language_links(self) -> list[dict]:
        """Return the current view's URL in each language, for the language toggle."""
        names = dict(settings.LANGUAGES)
        return [
            {
                "code": code,
                "name": names[code],
                "url": build_kiosk_url(
                    self.screen.token, code, self.view_name, *self.view_args
                ),
                "active": code == self.language,
            }
            for code in KIOSK_LANGUAGES
        ]
