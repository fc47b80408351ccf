"""Who may take each of the community-translation actions: the checks the routes declare
with `@action(...)` (see diaspora_platform/authz.py for the parties).

"owner" is the owner of the translated text (an organisation's editors; Council staff for
Council content). Anyone else who tries to decide is sent back with a message (302) and
the proposal stays pending.
"""

from diaspora_platform.authz import Check

ACTIONS = {
    "translations.propose": Check(allow=("signed_in",)),
    "translations.accept": Check(allow=("owner",), refuse=302),
    "translations.decline": Check(allow=("owner",), refuse=302),
}
