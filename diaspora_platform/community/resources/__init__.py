"""Educational resources shared by the Council and verified organisations."""
