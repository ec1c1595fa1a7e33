"""People who sign in: staff ("agents") and external partners."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models, transaction
from django.db.models.functions import Lower
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.text import clean_typed_text


class UserKind(models.TextChoices):
    AGENT = "agent", _("Département staff member")
    PARTNER = "partner", _("External partner")


# Sent with ``user_ids`` after a bulk ``update()`` turned those active people
# inactive, because ``update()`` sends no post_save. The Smart Lab's live layer
# closes their sockets on it, as it does on post_save for a single save().
users_deactivated = Signal()


class UserQuerySet(models.QuerySet):
    def update(self, **kwargs):
        """Update the rows, and record the people whose ``is_active`` the
        update changed as a single deactivation or reactivation does.

        Those people get ``deactivated_at`` set or cleared (unless ``kwargs``
        sets it) and one account event each. ``users_deactivated`` is sent
        with the ids of the people deactivated. The matching rows are locked
        and read first, and only those rows are updated. So a row that
        another transaction activates meanwhile is either seen as active and
        recorded, or waits for this transaction. Their ``is_active`` is read
        again after the update, so an expression (as ``bulk_update`` builds)
        is handled as well as a plain value.
        """
        if "is_active" not in kwargs:
            return super().update(**kwargs)
        return self._update_recording_activity(kwargs, reason="bulk_update")

    def set_active(self, active: bool, *, actor, request=None, reason: str) -> int:
        """Set ``is_active`` on the matching people as ``update()`` does,
        recording ``actor``, the request's address and browser, and
        ``reason`` (a short code) in their account events.
        """
        return self._update_recording_activity(
            {"is_active": active}, actor=actor, request=request, reason=reason
        )

    def _update_recording_activity(
        self, kwargs: dict, *, actor=None, request=None, reason: str
    ) -> int:
        rows = self.model._base_manager.using(self.db)
        with transaction.atomic(using=self.db, savepoint=False):
            # "of" leaves the rows of joined tables (a filter on groups)
            # unlocked. SQLite ignores FOR UPDATE but allows one writer at a
            # time. There another connection's write after this read either
            # waits for this transaction or makes it fail with "database is
            # locked", so it cannot pass unnoticed either.
            was_active = dict(
                self.select_for_update(of=("self",))
                .order_by("pk")
                .values_list("pk", "is_active")
            )
            if not was_active:
                return 0
            count = rows.filter(pk__in=list(was_active)).update(**kwargs)
            deactivated_ids = _record_activity_changes(
                rows,
                was_active,
                set_dates="deactivated_at" not in kwargs,
                actor=actor,
                request=request,
                reason=reason,
            )
        if deactivated_ids:
            users_deactivated.send(
                sender=self.model, user_ids=deactivated_ids, using=self.db
            )
        return count


def _record_activity_changes(
    rows, was_active: dict, *, set_dates: bool, actor, request, reason: str
) -> list:
    """Record who a bulk update deactivated or reactivated.

    ``was_active`` maps the updated ids to ``is_active`` before the update.
    Returns the ids of the people deactivated.
    """
    from .account_events import record_for_ids

    is_active = dict(
        rows.filter(pk__in=list(was_active)).values_list("pk", "is_active")
    )
    deactivated_ids = sorted(
        pk for pk, before in was_active.items() if before and not is_active[pk]
    )
    reactivated_ids = sorted(
        pk for pk, before in was_active.items() if not before and is_active[pk]
    )
    using = rows.db
    if deactivated_ids:
        if set_dates:
            rows.filter(pk__in=deactivated_ids).update(deactivated_at=timezone.now())
        record_for_ids(
            AccountEventKind.DEACTIVATED,
            deactivated_ids,
            actor=actor,
            request=request,
            using=using,
            reason=reason,
        )
    if reactivated_ids:
        if set_dates:
            rows.filter(pk__in=reactivated_ids).update(deactivated_at=None)
        # A partner whose inactivity period ran out would still be refused at
        # sign-in: as for ``reactivate_user``, the period starts again.
        expired_ids = [
            user.pk
            for user in rows.filter(pk__in=reactivated_ids, kind=UserKind.PARTNER)
            if user.is_partner_expired()
        ]
        if expired_ids:
            rows.filter(pk__in=expired_ids).update(last_login=timezone.now())
        record_for_ids(
            AccountEventKind.REACTIVATED,
            reactivated_ids,
            actor=actor,
            request=request,
            using=using,
            reason=reason,
        )
    return deactivated_ids


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    """Manager for users who sign in with their e-mail address."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("email is required to create a user.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if extra_fields["is_staff"] is not True or not extra_fields["is_superuser"]:
            raise ValueError("a superuser needs is_staff=True and is_superuser=True.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person with an account, identified by a case-insensitive e-mail."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    kind = models.CharField(
        _("account type"),
        max_length=16,
        choices=UserKind.choices,
        default=UserKind.AGENT,
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("For a partner: their local authority or company."),
    )
    department = models.CharField(
        _("directorate or department"),
        max_length=200,
        blank=True,
        help_text=_("For a staff member: their directorate or department."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of the e-mails and of the site after sign-in."),
    )
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)
    # Set when the person's data was erased; the row stays so that what they
    # posted keeps an author, shown as a deleted account.
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="accounts_user_email_ci_unique"
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        """Return the first and last name, cleaned by ``clean_typed_text``.

        Pages, exports and e-mails show this name next to other text. The
        clean-up also covers names saved before the forms cleaned them and
        names that single sign-on provides: an open override would reverse
        the rest of the line.
        """
        return clean_typed_text(super().get_full_name())

    @property
    def display_name(self) -> str:
        """Name shown next to what the person posts: never the e-mail address."""
        if self.erased_at is not None:
            return str(_("Deleted account"))
        full_name = self.get_full_name()
        if full_name:
            return full_name
        return self.email.split("@", 1)[0]

    @property
    def is_partner(self) -> bool:
        return self.kind == UserKind.PARTNER

    @property
    def last_activity(self) -> datetime.datetime:
        """Last sign-in, or the account's creation when it never signed in."""
        return self.last_login or self.date_joined

    def is_partner_expired(self, now: datetime.datetime | None = None) -> bool:
        """Whether this partner has not signed in for the inactivity period."""
        if not self.is_partner:
            return False
        now = now or timezone.now()
        limit = datetime.timedelta(days=settings.PARTNER_INACTIVITY_DAYS)
        return self.last_activity < now - limit

    def can_sign_in(self) -> bool:
        """Whether the account may sign in, apart from ``is_active``."""
        return self.erased_at is None and not self.is_partner_expired()


class InvitationQuerySet(models.QuerySet):
    def pending(self, now: datetime.datetime | None = None):
        """Invitations not yet accepted, revoked or expired."""
        now = now or timezone.now()
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
        )


class Invitation(models.Model):
    """An invitation for a partner to create an account, sent by e-mail.

    The link carries a signed token naming the invitation and its ``secret``;
    accepting sets ``accepted_at`` with a conditional update, so a link works
    once even when two requests arrive together.
    """

    email = models.EmailField(_("e-mail address"))
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
    )
    secret = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_received",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        permissions = [("invite_partner", _("Can invite partners"))]

    def __str__(self):
        return f"invitation {self.pk} for {self.organisation}"


class AccountEventKind(models.TextChoices):
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    SIGN_IN_LOCKED = "sign_in_locked", _("Sign-in refused during a lockout")
    SIGN_IN_SSO_REFUSED = "sign_in_sso_refused", _("Single sign-on refused")
    SIGN_OUT = "sign_out", _("Signed out")
    DEACTIVATED = "deactivated", _("Account deactivated")
    REACTIVATED = "reactivated", _("Account reactivated")
    ERASED = "erased", _("Account erased")
    DATA_EXPORTED = "data_exported", _("Personal data downloaded")
    INVITATION_SENT = "invitation_sent", _("Invitation sent")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
    INVITATION_REFUSED = "invitation_refused", _("Invitation link refused")
    PROFILE_CHANGED = "profile_changed", _("Profile changed")


class AccountEvent(models.Model):
    """A security event on an account: the sign-in and account log.

    Page and snippet changes are in Wagtail's own log entries. This table
    holds sign-ins (successful or not), sign-outs, deactivations, erasures
    and invitations, including attempts for addresses that match no account,
    and is purged after ``SIGN_IN_AUDIT_RETENTION_MONTHS``.
    """

    kind = models.CharField(_("event"), max_length=32, choices=AccountEventKind.choices)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_actions",
    )
    # The address typed in a failed sign-in, which may match no account.
    email = models.CharField(_("e-mail address typed"), max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("account event")
        verbose_name_plural = _("account events")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "created_at"])]

    def __str__(self):
        return f"{self.kind} of user {self.user_id} at {self.created_at:%Y-%m-%d %H:%M}"
