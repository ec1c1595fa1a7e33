"""Registered kiosk screens, their heartbeats, and anonymous usage counts.

A screen signs in with nothing but the secret token in its URL. Usage is
counted without any personal data: a kiosk session is one timestamp, a QR
code scan is one timestamp, so the indicators can count them per quarter.
"""

import datetime
import hashlib
import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

# 32 random bytes in URL-safe base64: 43 characters, not guessable.
TOKEN_BYTES = 32
# A screen that has not called for this long is shown as silent to staff.
SILENT_AFTER = datetime.timedelta(minutes=5)


def generate_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class Screen(models.Model):
    """One physical touch screen, such as the one in the Smart Room."""

    name = models.CharField(_("name"), max_length=120)
    place = models.CharField(_("place"), max_length=200, blank=True)
    token = models.CharField(
        _("secret token"),
        max_length=64,
        unique=True,
        default=generate_token,
        help_text=_(
            "Part of the screen's address. Change it to lock out a screen whose "
            "address has leaked; the device then needs the new address."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    idle_timeout_seconds = models.PositiveIntegerField(
        _("idle timeout (seconds)"),
        default=90,
        validators=[MinValueValidator(20), MaxValueValidator(3600)],
        help_text=_(
            "Without a touch for this long, the screen asks whether someone is "
            "still there, then returns to its home screen."
        ),
    )
    rotation_seconds = models.PositiveIntegerField(
        _("rotation delay (seconds)"),
        default=10,
        validators=[MinValueValidator(4), MaxValueValidator(120)],
        help_text=_("Time each highlight stays on the home screen."),
    )
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(
        _("closes at"),
        null=True,
        blank=True,
        help_text=_(
            "Outside opening hours the home screen shows the hours instead of "
            "the highlights. Leave both empty for a screen that is always open."
        ),
    )
    seated_layout = models.BooleanField(
        _("seated layout by default"),
        default=False,
        help_text=_("Place the controls in the lower half of the screen."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    # Figures the screen reports with each heartbeat.
    last_heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True)
    reported_version = models.CharField(_("version"), max_length=40, blank=True)
    js_heap_used_bytes = models.BigIntegerField(_("JavaScript memory used"), null=True)
    js_heap_limit_bytes = models.BigIntegerField(
        _("JavaScript memory limit"), null=True
    )
    dom_node_count = models.PositiveIntegerField(_("page elements"), null=True)
    uptime_seconds = models.PositiveIntegerField(_("time since loading"), null=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("place"),
        FieldPanel("is_active"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("idle_timeout_seconds"), FieldPanel("rotation_seconds")]
                ),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("seated_layout"),
            ],
            heading=_("Behaviour"),
        ),
        FieldPanel("token"),
    ]

    class Meta:
        verbose_name = _("kiosk screen")
        verbose_name_plural = _("kiosk screens")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def is_open(self, at: datetime.datetime | None = None) -> bool:
        """Return whether ``at`` (now by default) falls in the opening hours.

        Hours are local to Europe/Paris; closing after midnight is allowed
        (22:00 to 02:00). Missing hours mean always open.
        """
        if self.opens_at is None or self.closes_at is None:
            return True
        local = timezone.localtime(at or timezone.now()).time()
        if self.opens_at <= self.closes_at:
            return self.opens_at <= local < self.closes_at
        return local >= self.opens_at or local < self.closes_at

    @property
    def is_silent(self) -> bool:
        """True when the screen has not sent a heartbeat recently."""
        if self.last_heartbeat_at is None:
            return True
        return timezone.now() - self.last_heartbeat_at > SILENT_AFTER


class KioskSession(models.Model):
    """A visitor's use of a screen, from the first touch to the idle reset."""

    screen = models.ForeignKey(
        Screen, on_delete=models.CASCADE, related_name="sessions"
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("kiosk session")
        verbose_name_plural = _("kiosk sessions")

    def __str__(self):
        return f"session on screen {self.screen_id} at {self.started_at:%Y-%m-%d %H:%M}"


class ShortLink(models.Model):
    """A short address behind a QR code, redirecting to a longer one."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    target_url = models.TextField(_("target address"))
    # Unique index on a hash, because long URLs do not fit a B-tree index.
    target_hash = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(_("label"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("short link")
        verbose_name_plural = _("short links")

    def __str__(self):
        return f"{self.code} → {self.target_url}"

    @staticmethod
    def hash_target(url: str) -> str:
        return hashlib.sha256(url.encode()).hexdigest()


class ShortLinkHit(models.Model):
    """One scan of a QR code (one request to its short address)."""

    link = models.ForeignKey(ShortLink, on_delete=models.CASCADE, related_name="hits")
    created_at = models.DateTimeField(_("scanned at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("QR code scan")
        verbose_name_plural = _("QR code scans")

    def __str__(self):
        return f"scan of {self.link_id} at {self.created_at:%Y-%m-%d %H:%M}"


class ContentVersion(models.Model):
    """Number of the kiosk content, raised on every change screens must show.

    The table has one row. Screens compare it with the number of the content
    they show. A WebSocket message announces a new number, and polling
    catches up when a message was lost.
    """

    value = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"kiosk content version {self.value}"
