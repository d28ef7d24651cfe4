from ninja import Router

from . import activities, outcomes, topics

router = Router()
for area in (topics, activities, outcomes):
    router.add_router("", area.router)
