from ninja import Router

router = Router(tags=["协商"])
