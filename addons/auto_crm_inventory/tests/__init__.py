from . import test_tools
from . import test_vehicle_stock
from . import test_stock_age
from . import test_stock_count
from . import test_parts
from . import test_alerts
from . import test_access
from . import test_roles
