"""News pages: the list by category, an item in the reader's language, Atom feeds, and
publishing (Council staff directly, organisation editors for review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from diaspora_platform import pagination
from diaspora_platform.authz import action
from diaspora_platform.community.news import (
    feed as atom_feed,
)
from diaspora_platform.community.news import (
    queries,
    services,
)
from diaspora_platform.community.news.forms import NewsForm, PinForm
from diaspora_platform.community.news.models import CATEGORY_TITLES, NewsCategory, NewsItem
from diaspora_platform.community.publishing import withdraw_view
from diaspora_platform.forms import ConfirmForm
from diaspora_platform.i18n import LANGUAGES, _, current_language
from diaspora_platform.organisations import queries as org_queries
from diaspora_platform.permissions import (
    confirmed_required,
    require,
    staff_required,
    visible_or_404,
)
from diaspora_platform.unit_of_work import service_errors

if TYPE_CHECKING:
    from diaspora_platform.organisations.models import Organisation

bp = Blueprint("news", __name__, url_prefix="/news")


def load_item(item_id: int) -> NewsItem:
    return visible_or_404(NewsItem, item_id)


def editable_item(item_id: int) -> NewsItem:
    item = load_item(item_id)
    require(item.can_edit(current_user))
    return item


def _category_arg() -> str | None:
    value = request.args.get("category")
    return value if value in set(NewsCategory) else None


@bp.route("/")
def index():
    category = _category_arg()
    return render_template("news/index.html",
                           pagination=queries.listing(category, **pagination.cursor_args()),
                           category=category, categories=CATEGORY_TITLES,
                           lang=current_language())


@bp.route("/<int:item_id>")
def detail(item_id: int):
    item = load_item(item_id)
    wanted = request.args.get("lang")
    lang = wanted if wanted in item.languages else current_language()
    return render_template("news/detail.html", item=item, lang=lang,
                           shown=item.language_for(lang), editor=item.can_edit(current_user),
                           pin_form=PinForm(), confirm_form=ConfirmForm())


@bp.route("/<any(announcements, calls, 'migrant-advice', council, organisations, all)"
          ":category>.atom")
def feed(category: str):
    wanted = request.args.get("lang")
    lang = wanted if wanted in LANGUAGES else current_language()
    items = queries.feed(None if category == "all" else category)
    from flask_babel import force_locale

    with force_locale(lang):
        title = (_("News of the diaspora platform") if category == "all" else
                 _("%(category)s: diaspora platform", category=CATEGORY_TITLES[
                     NewsCategory(category)]))
        body = atom_feed.atom(items, category, title, lang)
    response = Response(body, mimetype="application/atom+xml")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def _save_new(form: NewsForm, publish, org: Organisation | None = None):
    if form.validate_on_submit():
        with service_errors(form):
            item = publish(form.data_for_service())
            flash(_("Published.") if item.is_public else
                  _("Thank you. The news waits for review by the Coordination Council; "
                    "followers of the organisation see it once it is approved."), "success")
            return redirect(url_for("news.detail", item_id=item.id))
    return render_template("news/form.html", form=form, item=None, org=org)


@bp.route("/new", methods=["GET", "POST"])
@action("news.create")
@staff_required
def create():
    form = NewsForm()
    form.fill_choices(staff=True)
    return _save_new(form, lambda data: services.publish_council_news(current_user, data))


@bp.route("/organisations/<int:org_id>/new", methods=["GET", "POST"])
@action("news.create_for_organisation")
@confirmed_required
def create_for_organisation(org_id: int):
    org = org_queries.visible(org_id)
    require(org.can(current_user, "publish"))
    form = NewsForm()
    form.fill_choices(staff=False)
    return _save_new(form, lambda data: services.submit_organisation_news(
        current_user, org, data), org)


@bp.route("/<int:item_id>/edit", methods=["GET", "POST"])
@action("news.edit")
@login_required
def edit(item_id: int):
    item = editable_item(item_id)
    if item.is_council:
        return staff_required(_edit)(item)
    return _edit(item)


def _edit(item: NewsItem):
    form = NewsForm(obj=item)
    form.fill_choices(staff=item.is_council)
    if request.method == "GET":
        form.country.data = item.country or ""
    if form.validate_on_submit():
        with service_errors(form):
            outcome = services.update_news(current_user, item, form.data_for_service())
            flash(_("Saved.") if outcome == "saved" else
                  _("Saved and sent for review again."), "success")
            return redirect(url_for("news.detail", item_id=item.id))
    return render_template("news/form.html", form=form, item=item, org=item.organisation)


@bp.route("/<int:item_id>/pin", methods=["POST"])
@action("news.pin")
@staff_required
def pin(item_id: int):
    item = load_item(item_id)
    if not item.is_council:
        abort(404)
    if PinForm().validate_on_submit():
        services.set_pinned(current_user, item, request.form.get("pinned") == "1")
        flash(_("Pinned to the top of the news.") if item.pinned else _("Unpinned."),
              "success")
    return redirect(url_for("news.detail", item_id=item.id))


@bp.route("/<int:item_id>/withdraw", methods=["POST"])
@action("news.withdraw")
@login_required
def withdraw(item_id: int):
    return withdraw_view(editable_item(item_id), services.withdraw_news,
                         lambda: _("The news item was taken off the site."), "news.detail")


@bp.app_template_global("org_news")
def news_of(org: Organisation) -> list[NewsItem]:
    """For the organisation page: its latest public news, and items in review for its
    editors and staff."""
    insider = org.can(current_user, "publish") or bool(getattr(current_user, "acts_as_staff",
                                                                False))
    return queries.of_organisation(org, include_unpublished=insider)
