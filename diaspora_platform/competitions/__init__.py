"""The State Concept's six competitions: yearly editions, entries, juries, fair scoring and
published results.

Entries are checked for eligibility through the moderation registry and become searchable
through the search registry once an edition's results are published (content.py).
"""
