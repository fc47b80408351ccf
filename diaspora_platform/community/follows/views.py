"""Follows, email preferences and signed unsubscribe links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from diaspora_platform.authz import action
from diaspora_platform.community.follows import (
    services,
)
from diaspora_platform.community.follows import unsubscribe as links
from diaspora_platform.community.follows.forms import (
    CountryFollowForm,
    FollowForm,
    PreferencesForm,
)
from diaspora_platform.errors import InvalidToken
from diaspora_platform.extensions import csrf
from diaspora_platform.i18n import _, country_name
from diaspora_platform.notifications.preferences import (
    CATEGORIES,
    preferences_of,
    set_preferences,
)
from diaspora_platform.organisations import queries as org_queries
from diaspora_platform.permissions import confirmed_required
from diaspora_platform.security import safe_next
from diaspora_platform.unit_of_work import service_errors

if TYPE_CHECKING:
    from diaspora_platform.organisations.models import Organisation

bp = Blueprint("follows", __name__, url_prefix="/follows")


def _back(default: str):
    return redirect(safe_next(request.form.get("next"), default))


@bp.route("/")
@login_required
def index():
    country_form = CountryFollowForm()
    country_form.fill_choices()
    prefs = PreferencesForm(data=preferences_of(current_user))
    return render_template("follows/index.html", follows=services.follows_of(current_user),
                           country_form=country_form, prefs=prefs, form=FollowForm(),
                           categories=CATEGORIES)


def _organisation(org_id: int) -> Organisation:
    return org_queries.visible(org_id)


@bp.route("/organisations/<int:org_id>", methods=["POST"])
@action("follows.follow_organisation")
@confirmed_required
def follow_organisation(org_id: int):
    org = _organisation(org_id)
    if FollowForm().validate_on_submit():
        with service_errors():
            services.follow(current_user, organisation=org)
            flash(_("You follow “%(name)s”: its news and events reach your notifications.",
                    name=org.name), "success")
    return _back(url_for("organisations.detail", org_id=org.id))


@bp.route("/organisations/<int:org_id>/unfollow", methods=["POST"])
@action("follows.unfollow_organisation")
@login_required
def unfollow_organisation(org_id: int):
    org = _organisation(org_id)
    if FollowForm().validate_on_submit():
        services.unfollow(current_user, organisation=org)
        flash(_("You no longer follow “%(name)s”.", name=org.name), "info")
    return _back(url_for("organisations.detail", org_id=org.id))


@bp.route("/countries", methods=["POST"])
@action("follows.follow_country")
@confirmed_required
def follow_country():
    form = CountryFollowForm()
    form.fill_choices()
    if form.validate_on_submit():
        with service_errors():
            services.follow(current_user, country=form.country.data)
            flash(_("You follow %(country)s: new events and Council news for it reach your "
                    "notifications.", country=country_name(form.country.data)), "success")
    else:
        flash(_("Choose a country from the list."), "danger")
    return _back(url_for("follows.index"))


@bp.route("/countries/<string:code>/unfollow", methods=["POST"])
@action("follows.unfollow_country")
@login_required
def unfollow_country(code: str):
    if FollowForm().validate_on_submit():
        services.unfollow(current_user, country=code[:2])
        flash(_("You no longer follow %(country)s.", country=country_name(code[:2])), "info")
    return _back(url_for("follows.index"))


@bp.route("/email", methods=["POST"])
@action("follows.preferences")
@login_required
def preferences():
    form = PreferencesForm()
    if form.validate_on_submit():
        set_preferences(current_user, form.choices())
        flash(_("Your email choices are saved."), "success")
    return redirect(url_for("follows.index") + "#email")


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@action("follows.unsubscribe")
@csrf.exempt  # the signed token is the credential; mail clients post here (RFC 8058)
def unsubscribe(token: str):
    try:
        user, category = links.read_token(token)
    except InvalidToken as exc:
        return render_template("follows/unsubscribe.html", error=exc.message), 400
    title = (_("all email from the platform") if category == links.ALL
             else CATEGORIES[category][0])
    done = request.method == "POST"
    if done:
        links.unsubscribe(user, category)
    return render_template("follows/unsubscribe.html", error=None, done=done, title=title,
                           token=token)


@bp.app_template_global("is_following")
def is_following(org: Organisation) -> bool:
    return services.is_following(current_user, organisation=org)


@bp.app_template_global("follower_count")
def follower_count(org: Organisation) -> int:
    return services.follower_count(org)
