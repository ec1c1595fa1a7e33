"""The groups that every installation has, and the permissions each one gets.

A data migration applies these definitions with the historical models, and the
function is idempotent, so later migrations can call it again after adding
permissions. A permission whose model does not exist yet at that migration is
skipped, and granted when a later migration calls the function again.
"""

import logging

from django.contrib.auth.management import create_permissions

logger = logging.getLogger(__name__)

EDITORS = "Éditeurs"
LAB_FACILITATORS = "Animateurs du Smart Lab"
STORE_STAFF = "Équipe du Smart Store"
COMMITTEE = "Comité de programmation"

# Model permissions per group, as (app_label, codename).
GROUP_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    EDITORS: [
        ("wagtailadmin", "access_admin"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        ("events", "add_venue"),
        ("events", "change_venue"),
        ("events", "add_quarter"),
        ("events", "change_quarter"),
        ("wagtail_localize", "submit_translation"),
        ("accounts", "invite_partner"),
    ],
    LAB_FACILITATORS: [
        ("wagtailadmin", "access_admin"),
        ("ideation", "change_idea"),
        ("ideation", "delete_idea"),
        ("ideation", "moderate_idea"),
        ("accounts", "invite_partner"),
        # The Smart Lab's editable lists, Wagtail snippets.
        ("ideation", "add_ideastatus"),
        ("ideation", "change_ideastatus"),
        ("ideation", "add_ideacategory"),
        ("ideation", "change_ideacategory"),
        ("ideation", "delete_ideacategory"),
    ],
    STORE_STAFF: [
        ("wagtailadmin", "access_admin"),
        # The store's staff keep the Smart Corner's desk, where people come
        # in for events too.
        ("events", "view_registration"),
        ("events", "check_in_registration"),
    ],
    COMMITTEE: [
        ("wagtailadmin", "access_admin"),
    ],
}

# Page permissions on the tree root, so editors can work on every page.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]
# Wagtail checks image and document permissions per collection, so the
# editors' model permissions above take effect only with these on the root
# collection, which every collection is under.
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def sync_groups(apps, schema_editor=None) -> None:
    """Create the groups and give them their permissions."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            permission = find_permission(Permission, app_label, codename, repr(name))
            if permission is not None:
                group.permissions.add(permission)

    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    editors = Group.objects.get(name=EDITORS)
    for codename in EDITOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(
            group=editors, page=root, permission=permission
        )
    grant_editor_collections(apps, editors)


def grant_editor_collections(apps, editors) -> None:
    """Grant the editors EDITOR_COLLECTION_PERMISSIONS on the root collection."""
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    Permission = apps.get_model("auth", "Permission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        logger.info("no root collection yet: collection permissions not granted")
        return
    for app_label, codename in EDITOR_COLLECTION_PERMISSIONS:
        permission = find_permission(
            Permission, app_label, codename, f"collection {root.pk}"
        )
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=root, permission=permission
            )


def find_permission(Permission, app_label: str, codename: str, grantee: str):
    """Return the permission, or None when its model does not exist yet.

    The model is then created by a later migration, which grants it by
    calling ``sync_groups`` again; tests check the final state.
    """
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    if permission is None:
        logger.info(
            "permission %s.%s not created yet, not granted to %s",
            app_label,
            codename,
            grantee,
        )
    return permission
