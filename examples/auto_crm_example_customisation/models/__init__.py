from . import auto_alert_rule
from . import auto_followup_plan
from . import auto_kpi_registry
from . import auto_vehicle
from . import sale_order
