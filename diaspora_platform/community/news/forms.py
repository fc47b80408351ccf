"""News forms: a title and text per language; the service checks everything again."""

from __future__ import annotations

from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from diaspora_platform.community.news.models import STAFF_CATEGORIES, NewsCategory
from diaspora_platform.community.news.services import BODY_MAX, TITLE_MAX
from diaspora_platform.forms import MAX, BaseForm, select_choices
from diaspora_platform.i18n import _l, country_choices


class NewsForm(BaseForm):
    category = SelectField(_l("Category"), choices=[])
    country = SelectField(_l("For members in (optional)"), choices=[])
    title_tg = StringField(_l("Title in Tajik"), validators=[Length(max=TITLE_MAX, message=MAX)])
    body_tg = TextAreaField(_l("Text in Tajik"), validators=[Length(max=BODY_MAX, message=MAX)])
    title_ru = StringField(_l("Title in Russian"), validators=[Length(max=TITLE_MAX,
                                                                      message=MAX)])
    body_ru = TextAreaField(_l("Text in Russian"), validators=[Length(max=BODY_MAX,
                                                                      message=MAX)])
    title_en = StringField(_l("Title in English"), validators=[Length(max=TITLE_MAX,
                                                                      message=MAX)])
    body_en = TextAreaField(_l("Text in English"), validators=[Length(max=BODY_MAX,
                                                                      message=MAX)])
    checked_on = DateField(_l("Last checked on (advice for labour migrants)"),
                           validators=[Optional()])
    pinned = BooleanField(_l("Pin to the top of the news"))

    def fill_choices(self, staff: bool) -> None:
        if staff:
            self.category.choices = select_choices(
                [(c.value, c.title) for c in STAFF_CATEGORIES])
        else:
            self.category.choices = select_choices([(NewsCategory.ORGANISATIONS.value,
                                                     NewsCategory.ORGANISATIONS.title)])
        self.country.choices = select_choices(
            [("", _l("Everyone"))] + country_choices()[1:])


class PinForm(BaseForm):
    """Pin or unpin (the button's value says which)."""

