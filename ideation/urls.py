app_name = "ideation"

urlpatterns = []
