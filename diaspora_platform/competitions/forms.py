"""Competition forms: editions (staff), entries, jury. Dates are typed in the reader's
time zone and stored in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    EmailField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from diaspora_platform.competitions.edition_texts import rubric_lines
from diaspora_platform.content_i18n import add_translation_fields
from diaspora_platform.forms import BETWEEN, MAX, REQUIRED, BaseForm
from diaspora_platform.i18n import LANGUAGES, _l, local_zone
from diaspora_platform.inputs import IntegerField

WHEN = _l("Enter a date and time.")


class EditionForm(BaseForm):
    year = IntegerField(_l("Year"), validators=[DataRequired(REQUIRED), NumberRange(
        min=2020, max=2100, message=_l("Enter a year between %(min)s and %(max)s."))])
    opens_at = DateTimeLocalField(_l("Entries open"), format="%Y-%m-%dT%H:%M",
                                  validators=[DataRequired(WHEN)])
    closes_at = DateTimeLocalField(_l("Deadline for entries"), format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired(WHEN)])
    judging_ends_at = DateTimeLocalField(_l("Judging ends"), format="%Y-%m-%dT%H:%M",
                                         validators=[DataRequired(WHEN)])
    eligibility = TextAreaField(_l("Who may enter"), validators=[
        DataRequired(REQUIRED), Length(max=5000, message=MAX)], render_kw={"rows": 4})
    rubric = TextAreaField(_l("Criteria with weights, one per line"), validators=[
        DataRequired(REQUIRED), Length(max=6000, message=MAX)], render_kw={"rows": 5})
    question_lines = TextAreaField(_l("Questions entrants answer, one per line (optional)"),
                                   validators=[Optional(), Length(max=3000, message=MAX)],
                                   render_kw={"rows": 4})
    attachment_lines = TextAreaField(
        _l("Required attachments, one per line (optional)"),
        validators=[Optional(), Length(max=1000, message=MAX)])
    results_notes = TextAreaField(_l("Notes on the results (optional)"), validators=[
        Optional(), Length(max=5000, message=MAX)], render_kw={"rows": 3})
    optional_attachments = IntegerField(_l("Additional files allowed"), default=2, validators=[
        NumberRange(min=0, max=5, message=_l("Enter a number between %(min)s and %(max)s."))])
    max_entries = IntegerField(_l("Entries per entrant"), default=1, validators=[
        NumberRange(min=1, max=5, message=_l("Enter a number between %(min)s and %(max)s."))])
    judges_per_entry = IntegerField(
        _l("Judges per entry (empty: every judge scores every entry)"),
        validators=[Optional(), NumberRange(
            min=1, max=20, message=_l("Enter a number between %(min)s and %(max)s."))])
    blind = BooleanField(_l("Blind review: judges do not see who entered"))
    hide_jury = BooleanField(_l("Do not publish the jury's names"))
    by_nomination = BooleanField(_l("By nomination: organisations and official bodies "
                                    "nominate people"))
    self_entry = BooleanField(_l("Self-entry allowed"), default=True)
    endorsement_required = BooleanField(
        _l("A nomination needs the endorsement of an embassy or consulate"), default=True)

    def to_utc(self, value: datetime) -> datetime:
        return value.replace(tzinfo=local_zone()).astimezone(UTC)

    def data_for_service(self) -> dict:
        data = {name: field.data for name, field in self._fields.items()
                if name != "csrf_token"}
        for key in ("opens_at", "closes_at", "judging_ends_at"):
            data[key] = self.to_utc(data[key])
        data["eligibility"] = (data["eligibility"] or "").strip()
        # Form names differ from the model's (criteria, questions ...), which are lists.
        data["criteria"] = (data.pop("rubric") or "").strip()
        data["questions"] = (data.pop("question_lines") or "").strip()
        data["required_attachments"] = (data.pop("attachment_lines") or "").strip()
        data["versions"] = {lang: {
            key: (data.pop(f"{name}_{lang}", None) or "").strip()
            for key, name in VERSION_FIELDS.items()} for lang in LANGUAGES}
        return data

    def fill_from(self, edition) -> None:
        zone = local_zone()
        for key in ("opens_at", "closes_at", "judging_ends_at"):
            getattr(self, key).data = getattr(edition, key).astimezone(zone).replace(
                tzinfo=None)
        self.rubric.data = rubric_lines(edition)
        self.question_lines.data = "\n".join(edition.questions)
        self.attachment_lines.data = "\n".join(edition.required_attachments)
        for lang in LANGUAGES:
            if lang == edition.language:
                continue
            values = {"eligibility": (edition.eligibility_translations or {}).get(lang, ""),
                      "results_notes": (edition.results_notes_translations or {}).get(lang, ""),
                      "rubric": rubric_lines(edition, lang),
                      "question_lines": "\n".join(
                          (edition.questions_translations or {}).get(lang, [])),
                      "attachment_lines": "\n".join(
                          (edition.required_attachments_translations or {}).get(lang, []))}
            for name, value in values.items():
                self[f"{name}_{lang}"].data = value


# Each text's inputs for the other languages (service key → form field name).
VERSION_FIELDS = {"eligibility": "eligibility", "criteria": "rubric",
                  "questions": "question_lines", "required_attachments": "attachment_lines",
                  "results_notes": "results_notes"}
add_translation_fields(EditionForm, {
    "eligibility": (TextAreaField, _l("Who may enter"), {
        "validators": [Optional(), Length(max=5000, message=MAX)], "render_kw": {"rows": 3}}),
    "rubric": (TextAreaField, _l("Criteria, one per line in the rubric's order"), {
        "validators": [Optional(), Length(max=6000, message=MAX)], "render_kw": {"rows": 4}}),
    "question_lines": (TextAreaField, _l("Questions, one per line in the same order"), {
        "validators": [Optional(), Length(max=3000, message=MAX)], "render_kw": {"rows": 3}}),
    "attachment_lines": (TextAreaField, _l("Required attachments, one per line in the same "
                                           "order"), {
        "validators": [Optional(), Length(max=1000, message=MAX)], "render_kw": {"rows": 2}}),
    "results_notes": (TextAreaField, _l("Notes on the results"), {
        "validators": [Optional(), Length(max=5000, message=MAX)], "render_kw": {"rows": 2}}),
}, _l("Language of the texts"))


class EntryForm(BaseForm):
    entrant = SelectField(_l("Who enters"), validators=[DataRequired(REQUIRED)])
    title = StringField(_l("Title of the entry"), validators=[DataRequired(REQUIRED), Length(
        min=3, max=200, message=BETWEEN)])
    statement = TextAreaField(_l("Statement"), validators=[Optional(), Length(
        max=10000, message=MAX)], render_kw={"rows": 8})


class AttachmentForm(BaseForm):
    file = FileField(_l("File (PDF, PNG, JPEG or WebP, at most 5 MB)"))
    required_index = IntegerField(validators=[Optional()])


class TransitionForm(BaseForm):
    to_state = StringField(validators=[DataRequired()])
    override = StringField(_l("Reason for publishing without every score (if needed)"),
                           validators=[Optional(), Length(max=500, message=MAX)])


class JudgeForm(BaseForm):
    email = EmailField(_l("Email of a registered member"), validators=[
        DataRequired(REQUIRED), Length(max=254, message=MAX),
        Email(message=_l("Enter a valid email address, like name@example.com."),
              check_deliverability=False)])


class RecuseForm(BaseForm):
    reason = StringField(_l("Why you recuse yourself"), validators=[
        DataRequired(REQUIRED), Length(max=500, message=MAX)])

