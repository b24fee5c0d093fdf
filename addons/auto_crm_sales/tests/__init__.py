from . import test_access
from . import test_concurrency
from . import test_lead
from . import test_payment
from . import test_sale
from . import test_test_drive
from . import test_odoo_users
from . import test_currency
