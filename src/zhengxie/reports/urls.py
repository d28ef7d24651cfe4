# The report pages come with the generator; the prefix /reports/ is reserved here.
urlpatterns = []
