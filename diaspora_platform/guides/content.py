"""Cached public pages show guides (the list, a guide, the finder's link): refresh them
when a guide or a section changes."""

from diaspora_platform import page_cache
from diaspora_platform.guides.models import Guide, GuideSection

page_cache.watch(Guide, GuideSection)
