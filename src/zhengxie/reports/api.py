from ninja import Router

# The endpoints (GET /api/v1/reports/work) come with the generator.
router = Router(tags=["工作报告"])
