"""Load the demo site: French pages, English translations, events, people, ideas.

Every object is looked up by a stable key (slug under its parent, e-mail,
venue name, image title, idea title) and created only when it is missing. An
object that exists is left as it is, so running the command again keeps what
people changed since (pages, translations, snippets, settings, accounts) and
leaves the same number of pages, users, venues, ideas and votes.

One thing a rerun may change is how an English resource theme is linked to
its French one. Versions before synced translations made English themes as
plain copies, which editors cannot sync from the French theme. A rerun makes
such a copy a wagtail-localize translation when that is safe: the copy's
current texts become the translations, and the conversion is undone unless
every value of the copy (name, description, slug) stays as it was. A copy
whose slug differs from the French one, or that has a text where the French
theme has none or the reverse, stays a plain copy, and the command logs why.
A theme whose syncing an editor stopped stays unsynced. English pages of
such versions stay plain copies: see ``convert_to_synced_translation`` in
``home/synced_translation.py``.
"""

import datetime
import importlib
import io
import logging
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from accounts import groups as group_names
from events.models import (
    DigitalCafePage,
    EventIndexPage,
    MasterclassPage,
    Quarter,
    RoundTablePage,
    TechnologyWorkshopPage,
    Venue,
)
from home import demo_content as content
from home.models import (
    AccessibilityStatus,
    HomePage,
    LegalPage,
    SiteSettings,
    SpacePage,
)
from home.synced_translation import upsert_synced_translation
from ideation.models import Idea, IdeaBoardPage
from ideation.services import post_idea, set_vote

logger = logging.getLogger(__name__)

DEMO_PASSWORD = "smartcorner-demo"
DEMO_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Apps add their own demo content in a ``demo`` module with a
# ``seed(context: DemoContext)`` function, run in this order after the core
# pages. Each must only create what is missing, like the rest of this command,
# with the helpers of ``DemoContext.command``.
DEMO_EXTENSIONS = (
    "accounts.demo",
    "events.demo",
    "ideation.demo",
    "resources.demo",
    "kiosk.demo",
    "store.demo",
    "stats.demo",
)


@dataclass
class DemoContext:
    """What the core demo content created, handed to each app's ``seed``."""

    command: BaseCommand
    users: dict
    home: Page
    spaces: dict
    board: Page
    programme: Page
    french: Locale
    english: Locale


EVENT_CLASSES = {
    "masterclass": MasterclassPage,
    "round_table": RoundTablePage,
    "technology_workshop": TechnologyWorkshopPage,
    "digital_cafe": DigitalCafePage,
}


def stream(items) -> list:
    """Turn ``(block type, value)`` pairs into StreamField data.

    Paragraph values are HTML strings, wrapped here as rich text.
    """
    data = []
    for block_type, value in items:
        if block_type == "paragraph":
            data.append((block_type, RichText(value)))
        else:
            data.append((block_type, value))
    return data


def make_png(title: str, colour: tuple[int, int, int]) -> ImageFile:
    """Draw a 1200×675 abstract illustration in ``colour`` with Pillow."""
    width, height = 1200, 675
    picture = PillowImage.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(picture)
    light = tuple(min(255, channel + 70) for channel in colour)
    dark = tuple(max(0, channel - 50) for channel in colour)
    draw.ellipse((700, -200, 1400, 500), fill=light)
    draw.rectangle((0, 470, 600, 675), fill=dark)
    for index in range(6):
        left = 80 + index * 90
        draw.rounded_rectangle(
            (left, 120 + index * 30, left + 60, 180 + index * 30), 12, fill="white"
        )
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png")


class Command(BaseCommand):
    help = (
        "Create the demo site: home page, spaces, programme, idea board, legal "
        "pages, English translations, demo accounts (password "
        f"'{DEMO_PASSWORD}'), ideas and votes. Running it again creates only "
        "what is missing and changes nothing that exists."
    )

    def handle(self, *args, **options):
        # The demo's ideas, comments and statuses notify their followers; those
        # e-mails go to a memory outbox instead of the console or a server.
        with override_settings(EMAIL_BACKEND=DEMO_EMAIL_BACKEND):
            self.seed(**options)

    def seed(self, **options):
        self.verbosity = options["verbosity"]
        # Ids of the pages this run created. Only these get the demo's later
        # touches (translation, links, votes), so pages that exist stay as
        # they are.
        self.created_page_ids: set[int] = set()
        with translation.override("fr"), transaction.atomic():
            self.french = Locale.objects.get_or_create(language_code="fr")[0]
            self.english = Locale.objects.get_or_create(language_code="en")[0]
            users = self.seed_users()
            home = self.seed_home()
            spaces = self.seed_spaces(home)
            board = self.seed_board(spaces["lab"])
            programme = self.seed_programme(home, board)
            self.seed_legal_pages(home)
            self.seed_settings()
        # Ideas go through the ideation services, which broadcast after commit.
        self.seed_ideas(board, users)
        context = DemoContext(
            command=self,
            users=users,
            home=home,
            spaces=spaces,
            board=board,
            programme=programme,
            french=self.french,
            english=self.english,
        )
        for module_name in DEMO_EXTENSIONS:
            self.run_extension(module_name, context)
        self.log(
            f"Demo site ready: {Page.objects.count()} pages, {len(users)} users, "
            f"{Idea.objects.count()} ideas."
        )
        logger.info("demo site seeded under page %s (%s)", home.pk, programme.pk)

    def run_extension(self, module_name: str, context: "DemoContext") -> None:
        """Call ``seed(context)`` in an app's ``demo`` module, when it exists."""
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            # Only a missing app or demo module is skipped; an import error
            # inside an existing demo module must surface.
            if module_name != error.name and not module_name.startswith(
                f"{error.name}."
            ):
                raise
            return
        with translation.override("fr"), transaction.atomic():
            module.seed(context)
        logger.info("demo extension %s seeded", module_name)

    def log(self, message: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(message)

    # People

    def seed_users(self) -> dict:
        """Create the missing demo accounts.

        Existing accounts keep their names, groups and password.
        """
        User = get_user_model()
        users = {}
        for entry in content.USERS:
            email = entry["email"]
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email,
                    password=DEMO_PASSWORD,
                    first_name=entry["first_name"],
                    last_name=entry["last_name"],
                    kind=entry["kind"],
                    organisation=entry.get("organisation", ""),
                    department=entry.get("department", ""),
                    is_staff=entry.get("is_staff", False),
                )
                for constant in entry.get("groups", []):
                    group = Group.objects.get(name=getattr(group_names, constant))
                    user.groups.add(group)
            users[email] = user
        return users

    # Pages

    def publish(self, page: Page) -> Page:
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    def was_created(self, page: Page) -> bool:
        """Return whether this run created ``page``, French or English."""
        return page.pk in self.created_page_ids

    def get_or_create_child(self, parent: Page, model, slug: str, fields: dict):
        """Return the French demo page ``slug`` under ``parent``, creating and
        publishing it with ``fields`` when it is missing.

        A page that exists is returned unchanged, whatever ``fields`` holds.
        Pages get a translation key derived from their parent's and their
        slug, so a page is found again after an editor renamed or moved it.
        Pages of older demo runs have random keys and are found by slug.
        """
        key = uuid.uuid5(parent.translation_key, slug)
        page = (
            model.objects.filter(translation_key=key, locale=self.french).first()
            or model.objects.child_of(parent).filter(slug=slug).first()
        )
        if page is not None:
            return page
        page = model(slug=slug, locale=self.french, translation_key=key, **fields)
        parent.add_child(instance=page)
        page = self.publish(page)
        self.created_page_ids.add(page.pk)
        return page

    def get_or_create_translation(self, page: Page, fields: dict) -> Page | None:
        """Return the English translation of ``page``, creating it from
        ``fields`` along with a French page that this run created.

        The translation goes through wagtail-localize, so editors can sync it
        after changing the French page. Fields that wagtail-localize
        synchronises take the French value. An English page that exists is
        left unchanged. A missing one is not created for a French page that
        existed before this run, because the demo's English texts may no
        longer translate it: editors translate it in the admin instead.
        """
        existing = page.get_translation_or_none(self.english)
        if existing is not None:
            return existing
        if not self.was_created(page):
            logger.info(
                "demo: page %s existed without an English translation, left so",
                page.pk,
            )
            return None
        # wagtail-localize lists the slug among the texts to translate. An
        # English page that keeps the French slug needs it stored as its
        # translation, or each publication of the English page in the admin
        # warns of missing translations.
        fields = {"slug": page.slug, **fields}
        translated = upsert_synced_translation(page, self.english, fields)
        self.created_page_ids.add(translated.pk)
        return translated

    def fill_unset_fields(self, instance, values: dict) -> list[str]:
        """Set each of ``values`` whose field still holds its model default,
        save those fields and return their names.

        A field that differs from its default was set by someone, and keeps
        its value.
        """
        changed = []
        for name, value in values.items():
            field = instance._meta.get_field(name)
            if getattr(instance, name) == field.get_default():
                setattr(instance, name, value)
                changed.append(name)
        if changed:
            instance.save(update_fields=changed)
        return changed

    def seed_home(self) -> HomePage:
        root = Page.get_first_root_node()
        site = Site.objects.filter(is_default_site=True).first()
        home = HomePage.objects.filter(depth=2, locale=self.french).first()
        if home is None:
            fields = {**content.HOME["fr"], "show_in_menus": False}
            home = self.get_or_create_child(
                root, HomePage, content.HOME["slug"], fields
            )
        if site is None:
            site = Site.objects.create(
                hostname="localhost", root_page=home, is_default_site=True
            )
        if site.root_page_id != home.pk:
            welcome = site.root_page
            site.root_page = home
            site.site_name = "Smart Corner"
            site.save()
            # Wagtail's welcome page has no children and no content of its own.
            if type(welcome.specific) is Page and not welcome.get_children().exists():
                welcome.delete()
        self.get_or_create_translation(home, content.HOME["en"])
        return home

    def seed_spaces(self, home: HomePage) -> dict:
        spaces = {}
        for entry in content.SPACES:
            image = self.get_image(entry["fr"]["title"], entry["colour"])
            french = dict(
                entry["fr"], body=stream(entry["fr"]["body"]), show_in_menus=True
            )
            page = self.get_or_create_child(
                home,
                SpacePage,
                entry["slug"],
                {**french, "space": entry["space"], "image": image},
            )
            english = dict(entry["en"], body=stream(entry["en"]["body"]))
            self.get_or_create_translation(page, {**english, "show_in_menus": True})
            spaces[entry["space"]] = page
        return spaces

    def seed_board(self, lab: SpacePage) -> IdeaBoardPage:
        board = self.get_or_create_child(
            lab, IdeaBoardPage, content.BOARD["slug"], content.BOARD["fr"]
        )
        self.get_or_create_translation(board, content.BOARD["en"])
        return board

    def seed_legal_pages(self, home: HomePage) -> None:
        reviewed = timezone.localdate().replace(day=1)
        for entry in content.LEGAL_PAGES:
            fields = {
                "title": entry["fr"]["title"],
                "body": entry["fr"]["body"],
                "kind": entry["kind"],
                "last_reviewed": reviewed,
            }
            page = self.get_or_create_child(home, LegalPage, entry["slug"], fields)
            self.get_or_create_translation(page, entry["en"])

    def seed_settings(self) -> None:
        for site in Site.objects.all():
            self.fill_unset_fields(
                SiteSettings.for_site(site),
                {
                    "accessibility_status": AccessibilityStatus.PARTIAL,
                    "contact_email": "smartcorner@example.org",
                    "contact_phone": "00 00 00 00 00",
                },
            )

    def get_image(self, title: str, colour: tuple[int, int, int]):
        Image = get_image_model()
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, file=make_png(title, colour))
            image.save()
        return image

    # Programme

    def seed_programme(self, home: HomePage, board: IdeaBoardPage) -> EventIndexPage:
        fields = {**content.PROGRAMME["fr"], "show_in_menus": True}
        programme = self.get_or_create_child(
            home, EventIndexPage, content.PROGRAMME["slug"], fields
        )
        self.get_or_create_translation(
            programme, {**content.PROGRAMME["en"], "show_in_menus": True}
        )
        venues = [self.seed_venue(entry) for entry in content.VENUES]
        today = timezone.localdate()
        next_monday = today + datetime.timedelta(days=7 - today.weekday())
        for entry in content.EVENTS:
            self.seed_event(programme, entry, venues, next_monday, board)
        return programme

    def seed_venue(self, entry: dict) -> Venue:
        venue, _created = Venue.objects.get_or_create(
            name=entry["name"],
            defaults={
                "address": entry["address"],
                "is_main_site": entry["is_main_site"],
            },
        )
        return venue

    def seed_event(self, programme, entry, venues, first_day, board) -> None:
        day = first_day + datetime.timedelta(days=entry["day"])
        hour, minute = (int(part) for part in entry["time"].split(":"))
        start = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(hour, minute))
        )
        quarter, _created = Quarter.objects.get_or_create(
            year=day.year,
            number=(day.month - 1) // 3 + 1,
            defaults={
                "theme": "Le numérique au service des usagers",
                "theme_en": "Digital tools serving residents",
            },
        )
        if (
            not quarter.theme_en
            and quarter.theme == "Le numérique au service des usagers"
        ):
            # A demo seeded before quarters had an English theme.
            quarter.theme_en = "Digital tools serving residents"
            quarter.save(update_fields=["theme_en"])
        shared = {
            "start": start,
            "end": start + datetime.timedelta(minutes=entry["minutes"]),
            "venue": venues[entry["venue"]],
            "room": entry["room"],
            "audience": entry["audience"],
            "capacity": entry["capacity"],
            "quarter": quarter,
            "space": entry["space"],
            **entry["fields"],
        }
        model = EVENT_CLASSES[entry["kind"]]
        if model is RoundTablePage:
            shared["board"] = board
        french = self.event_fields(entry["fr"])
        page = self.get_or_create_child(
            programme, model, entry["slug"], {**shared, **french}
        )
        english = self.event_fields(entry["en"])
        english.setdefault("room", content.ROOMS_EN.get(entry["room"], entry["room"]))
        self.get_or_create_translation(page, {**shared, **english})

    def event_fields(self, fields: dict) -> dict:
        fields = dict(fields)
        demonstrators = fields.pop("demonstrators", None)
        if demonstrators is not None:
            fields["demonstrators"] = [
                (
                    "demonstrator",
                    {"name": name, "supplier": supplier, "jobs_helped": jobs},
                )
                for name, supplier, jobs in demonstrators
            ]
        return fields

    # Ideas

    def seed_ideas(self, board: IdeaBoardPage, users: dict) -> None:
        for email, language, title, description, voters in content.IDEAS:
            if Idea.objects.filter(board_key=board.board_key, title=title).exists():
                # Votes on an idea that exists are people's own choices.
                continue
            with translation.override(language):
                idea = post_idea(users[email], board, title, description)
            for voter in voters:
                set_vote(users[voter], idea.pk, voted=True)
