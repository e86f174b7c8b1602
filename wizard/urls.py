from django.urls import path, re_path

from . import views

wizard_view = views.QuestionsWizard.as_view(url_name="wizard_step", done_step_name="done")

urlpatterns = [
    path("", views.start, name="start"),
    path("checklist/", views.checklist, name="checklist"),
    re_path(r"^checklist/(?P<step>[1-4])/$", views.checklist, name="checklist_step"),
    path("questions/", wizard_view, name="wizard_start"),
    path("questions/load/", wizard_view, {"step": "load"}, name="wizard_load"),
    path("questions/<slug:step>/", wizard_view, name="wizard_step"),
]
