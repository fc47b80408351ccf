"""The proposal form: one input per translatable field of the item, built for the item."""

from __future__ import annotations

from wtforms import TextAreaField

from diaspora_platform.forms import BaseForm
from diaspora_platform.i18n import _l

FIELD_LABELS = {"title": _l("Title"), "name": _l("Name"), "body": _l("Text"),
                "description": _l("Description"), "headline": _l("Headline"),
                "cv": _l("Short CV"), "eligibility": _l("Who may enter"),
                "results_notes": _l("Notes on the results")}


class ProposalForm(BaseForm):
    """Fields are added per item by `proposal_form`."""

    def texts(self) -> dict[str, str]:
        return {name: field.data or "" for name, field in self._fields.items()
                if name != "csrf_token"}


def proposal_form(item, **kwargs) -> ProposalForm:
    """A form with the item's translatable fields (the first one line, the rest longer)."""
    form_cls = type("ItemProposalForm", (ProposalForm,), {})
    for position, field in enumerate(item.TRANSLATABLE):
        form_cls_field = TextAreaField(FIELD_LABELS.get(field, field),
                                       render_kw={"rows": 2 if position == 0 else 8})
        setattr(form_cls, field, form_cls_field)
    return form_cls(**kwargs)
