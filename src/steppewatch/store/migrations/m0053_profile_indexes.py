"""Covering indexes for a country's profile, measured at 10 million events on PostgreSQL.

A country profile counts a country's events over months by category, place and actor. With only
``events_country_date`` every matching event's row is read for its marking, category and place
(one page each: a million events per country at 10 million), so the first view of a country took
18-60 s when the table was not in memory. ``events_country_cover`` answers those counts from the
index alone (the profile's event-side queries: 43 s -> 3 s cold), and ``event_actors_event_cover``
does the same for the actors of those events (foreign engagement, top actors).

SQLite gets neither: its country page was already fast at 1 million events (0.3 s), and with a
wide (country, event_date, ...) index its planner preferred that index to the list-order one for
country-filtered event lists and sorted every match (p95 6.6 ms -> 535 ms at 1 million events).
"""

NAME = "0053_profile_indexes"

_EVENT_COLUMNS = "marking_rank, category, fatalities_best, admin1, place_name, admin1_name, id"

SQLITE: list[str] = []

POSTGRES = [
    f"CREATE INDEX IF NOT EXISTS events_country_cover ON events (country, event_date) INCLUDE ({_EVENT_COLUMNS})",
    "CREATE INDEX IF NOT EXISTS event_actors_event_cover ON event_actors (event_id) INCLUDE (name, country, sector)",
]
