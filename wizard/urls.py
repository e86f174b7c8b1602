from django.urls import path, re_path

from . import counter, views

wizard_view = views.QuestionsWizard.as_view(url_name="wizard_step", done_step_name="done")

urlpatterns = [
    path("", views.start, name="start"),
    path("checklist/", views.checklist, name="checklist"),
    re_path(r"^checklist/(?P<step>[1-4])/$", views.checklist, name="checklist_step"),
    path("checklist/calendar.ics", views.checklist_calendar, name="checklist_calendar"),
    path("checklist/qr.svg", views.checklist_qr, name="checklist_qr"),
    path("sources/", views.sources, name="sources"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("questions/", wizard_view, name="wizard_start"),
    path("questions/load/", views.wizard_load, name="wizard_load"),
    path("questions/<slug:step>/", wizard_view, name="wizard_step"),
    path("counter/", counter.counter_form, name="counter"),
    path("counter/checklist/", counter.counter_checklist, name="counter_checklist"),
    path("counter/qr.svg", counter.counter_qr, name="counter_qr"),
    path("counter/finish/", counter.counter_finish, name="counter_finish"),
]
