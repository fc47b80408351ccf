"""Readers' pages: the list of guides, a guide (printable), and the returnee's page."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from diaspora_platform.forms import ConfirmForm
from diaspora_platform.guides import queries
from diaspora_platform.guides.models import Guide
from diaspora_platform.i18n import current_language
from diaspora_platform.permissions import visible_or_404

bp = Blueprint("guides", __name__, url_prefix="/guides")
RETURNEE = "returnee"
PROJECTS_ON_DASHBOARD = 5


@bp.route("/")
def index():
    return render_template("guides/index.html", guides=queries.public_guides(),
                           lang=current_language())


@bp.route("/<int:guide_id>")
def detail(guide_id: int):
    guide = visible_or_404(Guide, guide_id)
    return render_template("guides/detail.html", guide=guide, lang=current_language(),
                           confirm_form=ConfirmForm())


@bp.route("/returning")
@login_required
def returning():
    """A returnee's page: the return guide, projects that match them, the expert roster."""
    from diaspora_platform.guides.returnees import matching_projects

    profile, projects = matching_projects(current_user, PROJECTS_ON_DASHBOARD)
    return render_template("guides/returning.html", guide=queries.return_guide(),
                           projects=projects, expert_profile=profile,
                           is_returnee=current_user.diaspora_status == RETURNEE,
                           lang=current_language())


@bp.app_template_global("guide_link")
def guide_link(country: str | None, situation: str | None = None) -> dict | None:
    """For the finder and help requests: the published guide of a country, with the
    section answering the situation ({"guide": …, "anchor": …}), or None."""
    guide = queries.country_guide(country)
    if guide is None:
        return None
    return {"guide": guide, "anchor": queries.section_for(guide, situation)}
