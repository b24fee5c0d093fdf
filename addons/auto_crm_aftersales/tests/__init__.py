from . import test_tools
from . import test_service_order
from . import test_appointment
from . import test_maintenance
from . import test_ticket
from . import test_satisfaction
from . import test_access
from . import test_odoo_users
