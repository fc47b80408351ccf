"""What the returnee's page offers besides the guide: open projects that match them (by
their expert profile's skills, else by their region of origin)."""

from __future__ import annotations

from diaspora_platform.projects.match_queries import profile_of, suggest_projects
from diaspora_platform.projects.queries import open_projects


def matching_projects(user, limit: int) -> tuple[object | None, list]:
    """(expert profile or None, projects): an expert's best matches, else the open
    projects of the member's home region, else the open projects closing soonest."""
    profile = profile_of(user)
    if profile is not None:
        found = [s.project for s in suggest_projects(profile, limit=limit)]
        if found:
            return profile, found
    projects = open_projects()
    region = user.region_of_origin
    home = [p for p in projects if region and p.region == region]
    return profile, (home or projects)[:limit]
