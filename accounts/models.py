"""People who sign in: staff ("agents") and external partners."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserKind(models.TextChoices):
    AGENT = "agent", _("Département staff member")
    PARTNER = "partner", _("External partner")


class UserManager(BaseUserManager):
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

    @property
    def display_name(self) -> str:
        """Name shown next to what the person posts: never the e-mail address."""
        full_name = self.get_full_name()
        if full_name:
            return full_name
        return self.email.split("@", 1)[0]

    @property
    def is_partner(self) -> bool:
        return self.kind == UserKind.PARTNER
