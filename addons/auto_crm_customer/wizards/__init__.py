from . import base_partner_merge_automatic_wizard
from . import auto_customer_reassign_wizard
from . import auto_followup_done_wizard
from . import auto_followup_apply_wizard
from . import auto_customer_tier_override_wizard
from . import auto_alert_resolve_wizard
