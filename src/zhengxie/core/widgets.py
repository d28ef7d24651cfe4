"""Form widgets shared by the apps."""

from django import forms
from django.urls import reverse


class Picker(forms.SelectMultiple):
    """Choose several from a long list (274 members, 43 units) by typing: the server searches
    (`search` names its URL, answering `?q=` with options), chosen items are removable chips.

    Without JavaScript the page offers the remaining choices in a plain multiple select, so
    chips (checked checkboxes) and the select together submit the choice.
    """

    template_name = "widgets/picker.html"

    def __init__(
        self, search: str, *, query: str = "", placeholder: str = "", attrs=None, choices=()
    ):
        super().__init__(attrs, choices)
        self.search, self.query, self.placeholder = search, query, placeholder

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [o for _, group, _ in context["widget"]["optgroups"] for o in group]
        context["widget"].update(
            chosen=[o for o in options if o["selected"]],
            others=[o for o in options if not o["selected"]],
            search_url=reverse(self.search) + self.query,
            placeholder=self.placeholder or "输入名称查找",
        )
        return context


def picker_html(search: str, name: str, choices, element_id: str, placeholder: str = "") -> str:
    """A picker outside a Django form (an action form, a hand-written page)."""
    widget = Picker(search, placeholder=placeholder, choices=choices)
    return widget.render(name, None, {"id": element_id})
