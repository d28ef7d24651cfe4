from ninja import Router

from . import activities, outcomes, stats, topics

router = Router()
# Statistics first: /consultations/stats is matched before /consultations/{id}.
for area in (stats, topics, activities, outcomes):
    router.add_router("", area.router)
