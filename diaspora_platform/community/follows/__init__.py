"""Follows of organisations and countries, and the weekly digest."""
