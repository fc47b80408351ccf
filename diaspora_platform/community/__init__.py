"""The community area: events, news and information exchange, educational resources,
follows and digests."""
