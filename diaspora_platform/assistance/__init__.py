"""Help to open a cultural centre, school, course or library abroad (Action Plan, item 5)."""

URL_PREFIX = "/help-to-open"
