"""The analyst's dashboard: server-rendered pages (Jinja2) with small vendored scripts, no CDN."""
