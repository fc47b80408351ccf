"""Community events: conferences, workshops, creative evenings, youth and children's events
and national celebrations, with registration, a waitlist, reminders and calendars.

Events declare themselves to moderation and search in content.py (no event-specific code
there); the seat count is kept on the event row and changed only by conditional updates, so
two members racing for the last seat cannot both get it (services.py).
"""
