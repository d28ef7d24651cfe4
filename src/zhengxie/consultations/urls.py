from .views import activities, outcomes, stats, topics

urlpatterns = [*stats.urls, *topics.urls, *activities.urls, *outcomes.urls]
