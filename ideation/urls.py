from django.urls import path

from . import views

app_name = "ideation"

urlpatterns = [
    path("boards/<int:board_id>/ideas/", views.board_ideas, name="ideas"),
    path("ideas/<int:idea_id>/vote/", views.vote, name="vote"),
]
