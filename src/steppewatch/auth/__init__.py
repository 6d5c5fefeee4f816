"""Users, roles, handling clearance, API tokens, login sessions, CSRF and the audit log.

Roles (least to most): ``viewer`` reads pages and the API and exports what it can read;
``analyst`` may also mint API tokens for itself; ``admin`` may also manage users and read the
audit log. Every user carries a TLP clearance (``max_marking``) and an organisation; every
read the web layer makes is capped at that clearance.
"""

from .audit import audit, recent_audit
from .users import ANONYMOUS, ROLES, User, UserStore

__all__ = ["ANONYMOUS", "ROLES", "User", "UserStore", "audit", "recent_audit"]
