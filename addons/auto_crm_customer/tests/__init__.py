from . import test_vehicle
from . import test_customer
from . import test_tiers
from . import test_followup
from . import test_access
from . import test_alert
from . import test_ui
from . import test_i18n
