"""The National Diaspora Development Fund: campaigns, pledges, matching, disbursements
and the public ledger."""
