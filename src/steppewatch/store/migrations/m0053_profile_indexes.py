"""Covering indexes for a country's profile, measured at 10 million events on PostgreSQL.

A country profile counts a country's events over months by category, place and actor. With only
``events_country_date`` every matching event's row is read for its marking, category and place
(one page each: a million events per country at 10 million), so the first view of a country took
18-60 s when the table was not in memory. ``events_country_cover`` answers those counts from the
index alone (the profile's event-side queries: 43 s -> 3 s cold), and ``event_actors_event_cover``
does the same for the actors of those events (foreign engagement, top actors). SQLite has no
INCLUDE: the same columns go into the key.
"""

NAME = "0053_profile_indexes"

_EVENT_COLUMNS = "marking_rank, category, fatalities_best, admin1, place_name, admin1_name, id"

SQLITE = [
    f"CREATE INDEX IF NOT EXISTS events_country_cover ON events (country, event_date, {_EVENT_COLUMNS})",
    "CREATE INDEX IF NOT EXISTS event_actors_event_cover ON event_actors (event_id, name, country, sector)",
]

POSTGRES = [
    f"CREATE INDEX IF NOT EXISTS events_country_cover ON events (country, event_date) INCLUDE ({_EVENT_COLUMNS})",
    "CREATE INDEX IF NOT EXISTS event_actors_event_cover ON event_actors (event_id) INCLUDE (name, country, sector)",
]
