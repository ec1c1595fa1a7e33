"""Where the facts come from: one module per area, each reading its app's models.

Every function takes the period's bounds ``(start, end)`` (aware datetimes,
end excluded) and returns facts: ``(dimensions, count)`` pairs grouped with
``values().annotate()``, so that no row about a person leaves the database.
"""
