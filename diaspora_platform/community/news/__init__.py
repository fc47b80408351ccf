"""News and announcements from the Council and from organisations."""
