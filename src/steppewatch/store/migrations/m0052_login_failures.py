"""Failed logins in the database, so every web server process counts the same attempts."""

NAME = "0052_login_failures"

_COMMON = [
    "CREATE INDEX login_failures_key ON login_failures (key, at)",
]

SQLITE = ["CREATE TABLE login_failures (key TEXT NOT NULL, at REAL NOT NULL)", *_COMMON]
POSTGRES = ["CREATE TABLE login_failures (key TEXT NOT NULL, at DOUBLE PRECISION NOT NULL)", *_COMMON]
