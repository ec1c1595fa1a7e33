"""URLs of the store app, mounted under the language prefix in cms/urls.py."""

from django.urls import path

from .views import catalogue, desk, help, mine, reservation

app_name = "store"

urlpatterns = [
    path("reserver/", reservation.reserve, name="reserve"),
    path(
        "reserver/disponibilites/",
        reservation.availability_fragment,
        name="availability",
    ),
    path(
        "reservations/<int:reservation_id>/annuler/",
        reservation.cancel,
        name="cancel",
    ),
    path("mon-espace/", mine.mine, name="mine"),
    path("aide/", help.help_new, name="help_new"),
    path("aide/<int:help_request_id>/", help.help_detail, name="help_detail"),
    path("satisfaction/<str:token>/", help.satisfaction, name="satisfaction"),
    path(
        "services/<uuid:service_key>/action/",
        catalogue.service_action,
        name="service_action",
    ),
    path("comptoir/", desk.desk, name="desk"),
    path("comptoir/scan/", desk.scan, name="desk_scan"),
    path("comptoir/restitution/", desk.take_back, name="desk_take_back"),
    path("comptoir/visite/", desk.visit, name="desk_visit"),
    path("comptoir/etiquettes/", desk.print_labels, name="labels"),
    path(
        "comptoir/reservations/<int:reservation_id>/approuver/",
        desk.approve,
        name="desk_approve",
    ),
    path(
        "comptoir/reservations/<int:reservation_id>/refuser/",
        desk.reject,
        name="desk_reject",
    ),
    path(
        "comptoir/reservations/<int:reservation_id>/preparer/",
        desk.prepare,
        name="desk_prepare",
    ),
    path(
        "comptoir/reservations/<int:reservation_id>/remise/",
        desk.hand_over,
        name="desk_hand_over",
    ),
    path(
        "comptoir/reservations/<int:reservation_id>/prolonger/",
        desk.extend,
        name="desk_extend",
    ),
    path(
        "comptoir/aide/<int:help_request_id>/statut/",
        desk.help_status,
        name="desk_help_status",
    ),
]
