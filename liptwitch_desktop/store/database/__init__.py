"""The data file and its ORM: opening, the one connection, peewee's adoption, the models,
what a refused write means, atomic file writes."""
