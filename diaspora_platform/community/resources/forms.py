"""Resource forms; the service checks everything again (and the file by its content)."""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import SelectField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, Length, Optional

from diaspora_platform.community.resources.models import Level, ResourceAudience, ResourceKind
from diaspora_platform.content_i18n import add_name_and_description_versions
from diaspora_platform.forms import MAX, REQUIRED, BaseForm, select_choices, web_url
from diaspora_platform.i18n import _l, language_choices


class ResourceForm(BaseForm):
    kind = SelectField(_l("Kind"), validators=[DataRequired(REQUIRED)],
                       choices=select_choices(ResourceKind.choices(_l("Choose one"))))
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED),
                                                 Length(max=200, message=MAX)])
    description = TextAreaField(_l("Description"), validators=[
        Optional(), Length(max=10_000, message=MAX)])
    material_language = SelectField(_l("Language of the resource"),
                                    validators=[DataRequired(REQUIRED)], choices=[])
    audience = SelectField(_l("Who it is for"), validators=[DataRequired(REQUIRED)],
                           choices=select_choices(ResourceAudience.choices(_l("Choose one"))))
    level = SelectField(_l("Level (optional)"),
                        choices=select_choices(Level.choices(_l("Any level"))))
    file = FileField(_l("File: PDF, EPUB or image (optional if you give a link)"))
    url = URLField(_l("Link, e.g. to a video (optional if you attach a file)"), validators=[
        Optional(), Length(max=500, message=MAX), web_url])

    def fill_choices(self) -> None:
        self.material_language.choices = select_choices(
            [("", _l("Choose one"))] + language_choices())

    def data_for_service(self) -> dict:
        return {name: field.data for name, field in self._fields.items()
                if name not in ("csrf_token", "file")}


add_name_and_description_versions(ResourceForm, "title", _l("Title"), 10_000,
                                  _l("Language of the title and description"))

