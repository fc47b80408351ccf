"""The official network abroad and at home (embassies, consulates, the Ministry's
representations, Migration Service centres, hotlines), the help organisations declare for
migrants, and the finder that joins the two for a migrant in trouble."""
