from .views import urls

urlpatterns = urls
