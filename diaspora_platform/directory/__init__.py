"""Places abroad (cultural centres, schools, courses, libraries) listed by organisations.

Places declare themselves to moderation and search in content.py; nothing here moderates
or indexes by itself.
"""
