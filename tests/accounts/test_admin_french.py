"""Wagtail defaults that editors meet in French: workflow names, slugs."""

from wagtail.models import Task, Workflow


def test_default_workflow_and_task_are_french(db):
    workflow_names = set(Workflow.objects.values_list("name", flat=True))
    task_names = set(Task.objects.values_list("name", flat=True))

    assert "Moderators approval" not in workflow_names | task_names
    assert "Validation par les modérateurs" in workflow_names
    assert "Validation par les modérateurs" in task_names


def test_page_slug_from_french_title_is_ascii(db):
    from wagtail.models import Page

    home = Page.objects.filter(depth=2).first()
    page = home.add_child(instance=Page(title="Défi : accueil des élèves"))

    assert page.slug == "defi-accueil-des-eleves"
