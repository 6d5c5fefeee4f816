"""Early-warning alerts: rules, evaluation after each run, and delivery channels.

>>> from steppewatch.alerts import evaluate_alerts        # doctest: +SKIP
>>> new = evaluate_alerts(store, settings)                # doctest: +SKIP
"""

from __future__ import annotations

from .channels import atom_feed, deliver_all, send_email, send_webhook
from .evaluate import evaluate_alerts
from .rules import DEFAULT_RULES, TRACKERS, AlertRule, load_rules
from .store import list_alerts

__all__ = ["DEFAULT_RULES", "TRACKERS", "AlertRule", "atom_feed", "deliver_all", "evaluate_alerts",
           "list_alerts", "load_rules", "send_email", "send_webhook"]
