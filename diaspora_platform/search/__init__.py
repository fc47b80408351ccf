"""Site search: text analysis, indexing, backends and the search page."""
