"""Fixed, translated vocabularies of accounts: site roles, diaspora status, region of
origin, the visibility of profile fields."""

from __future__ import annotations

from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.i18n import _l


class Role(TitledEnum):
    MEMBER = "member"
    STAFF = "staff"
    ADMIN = "admin"


ROLE_TITLES = titles(Role, {
    Role.MEMBER: _l("Member"),
    Role.STAFF: _l("Coordination Council staff"),
    Role.ADMIN: _l("Administrator"),
})


class DiasporaStatus(TitledEnum):
    TAJIK_DIASPORA = "tajik_diaspora"
    FOREIGN_COMPATRIOT = "foreign_compatriot"
    TAJIK_ABROAD = "tajik_abroad"
    LABOUR_MIGRANT = "labour_migrant"
    RETURNEE = "returnee"


STATUS_TITLES = titles(DiasporaStatus, {
    DiasporaStatus.TAJIK_DIASPORA: _l("Tajik diaspora (foreign citizen of Tajik origin)"),
    DiasporaStatus.FOREIGN_COMPATRIOT: _l("Foreign compatriot (citizen of Tajikistan abroad)"),
    DiasporaStatus.TAJIK_ABROAD: _l("Tajik abroad (historically native to another country)"),
    DiasporaStatus.LABOUR_MIGRANT: _l("Labour migrant"),
    DiasporaStatus.RETURNEE: _l("Returnee"),
})


class Region(TitledEnum):
    DUSHANBE = "dushanbe"
    SUGHD = "sughd"
    KHATLON = "khatlon"
    GBAO = "gbao"
    DRS = "drs"


REGION_TITLES = titles(Region, {
    Region.DUSHANBE: _l("Dushanbe"),
    Region.SUGHD: _l("Sughd"),
    Region.KHATLON: _l("Khatlon"),
    Region.GBAO: _l("Gorno-Badakhshan (GBAO)"),
    Region.DRS: _l("Districts of Republican Subordination"),
})


class Visibility(TitledEnum):
    PUBLIC = "public"
    MEMBERS = "members"
    PRIVATE = "private"


VISIBILITY_TITLES = titles(Visibility, {
    Visibility.PUBLIC: _l("Everyone"),
    Visibility.MEMBERS: _l("Signed-in members"),
    Visibility.PRIVATE: _l("Only me"),
})

# Profile fields whose visibility the member chooses; the display name is always shown.
PROFILE_FIELDS = ("country", "city", "diaspora_status", "region_of_origin")
PROFILE_FIELD_TITLES = {
    "country": _l("Country of residence"),
    "city": _l("City"),
    "diaspora_status": _l("Diaspora status"),
    "region_of_origin": _l("Region of origin in Tajikistan"),
}


DIASPORA_STATUS_CHOICES = DiasporaStatus.choices(_l("Prefer not to say"))
REGION_CHOICES = Region.choices(_l("Prefer not to say"))
VISIBILITY_CHOICES = Visibility.choices()
