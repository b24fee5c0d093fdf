from . import test_campaign
from . import test_target_list
from . import test_churn
from . import test_data_quality
from . import test_forecast_model
from . import test_roles
from . import test_upgrade
