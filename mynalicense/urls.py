from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wizard import views

urlpatterns = [
    path("", views.root_redirect, name="root"),
]
urlpatterns += i18n_patterns(
    path("", include("wizard.urls")),
    prefix_default_language=True,
)

handler400 = "wizard.views.bad_request"
handler404 = "wizard.views.not_found"
handler500 = "wizard.views.server_error"
