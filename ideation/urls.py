from django.urls import path

import cms.converters  # noqa: F401 - registers the id converter

from . import (
    attachment_views,
    facilitator_views,
    feeds,
    idea_views,
    notification_views,
    views,
    withdrawal_views,
)

app_name = "ideation"

urlpatterns = [
    path("boards/<id:board_id>/ideas/", views.board_ideas, name="ideas"),
    path("boards/<id:board_id>/similar/", views.similar_ideas, name="similar"),
    path("boards/<id:board_id>/phase/", facilitator_views.phase_control, name="phase"),
    path(
        "boards/<id:board_id>/phase/rules/",
        facilitator_views.phase_rules,
        name="phase_rules",
    ),
    path(
        "boards/<id:board_id>/projection/",
        facilitator_views.projection,
        name="projection",
    ),
    path(
        "boards/<id:board_id>/export.<str:file_format>",
        facilitator_views.export,
        name="export",
    ),
    path("boards/<id:board_id>/feed/", feeds.feed_page, name="feed_page"),
    path(
        "boards/<id:board_id>/feed/address/",
        feeds.reset_feed_token,
        name="feed_reset",
    ),
    path(
        "feeds/<str:token>/boards/<id:board_id>.atom",
        feeds.board_feed,
        name="feed",
    ),
    path("ideas/<int:idea_id>/", idea_views.idea_page, name="idea"),
    path("ideas/<int:idea_id>/vote/", views.vote, name="vote"),
    path("ideas/<int:idea_id>/edit/", idea_views.edit_idea, name="edit"),
    path(
        "ideas/<int:idea_id>/attachment/",
        attachment_views.idea_attachment,
        name="attachment",
    ),
    path("ideas/<int:idea_id>/team/", idea_views.join_team, name="join"),
    path(
        "ideas/<int:idea_id>/team/requests/<int:request_id>/",
        idea_views.answer_team_request,
        name="team_answer",
    ),
    path(
        "ideas/<int:idea_id>/team/members/<int:member_id>/remove/",
        idea_views.remove_team_member,
        name="team_remove",
    ),
    path("ideas/<int:idea_id>/follow/", idea_views.follow, name="follow"),
    path(
        "ideas/<int:idea_id>/withdraw/",
        withdrawal_views.withdraw,
        name="withdraw",
    ),
    path("ideas/<int:idea_id>/flag/", idea_views.flag, name="flag"),
    path("ideas/<int:idea_id>/comments/", idea_views.post_comment, name="comments"),
    path("ideas/<int:idea_id>/status/", facilitator_views.change_status, name="status"),
    path("ideas/<int:idea_id>/merge/", facilitator_views.merge, name="merge"),
    path("ideas/<int:idea_id>/hide/", facilitator_views.hide_idea, name="idea_hide"),
    path(
        "ideas/<int:idea_id>/restore/",
        facilitator_views.restore_idea,
        name="idea_restore",
    ),
    path(
        "comments/<int:comment_id>/edit/",
        idea_views.edit_comment,
        name="comment_edit",
    ),
    path(
        "comments/<int:comment_id>/delete/",
        idea_views.delete_comment,
        name="comment_delete",
    ),
    path(
        "comments/<int:comment_id>/hide/",
        facilitator_views.hide_comment,
        name="comment_hide",
    ),
    path(
        "comments/<int:comment_id>/restore/",
        facilitator_views.restore_comment,
        name="comment_restore",
    ),
    path(
        "flags/<int:flag_id>/dismiss/",
        facilitator_views.dismiss_flag,
        name="flag_dismiss",
    ),
    path("moderation/", facilitator_views.moderation_queue, name="moderation"),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path(
        "notifications/read/", notification_views.mark_read, name="notifications_read"
    ),
    path(
        "notifications/bell/",
        notification_views.notification_bell,
        name="notification_bell",
    ),
]
