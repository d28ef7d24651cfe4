from .views import activities, outcomes, topics

urlpatterns = [*topics.urls, *activities.urls, *outcomes.urls]
