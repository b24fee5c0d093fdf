from . import test_kpi
from . import test_scorecard
from . import test_roles
from . import test_commission
from . import test_training
from . import test_sales_target_kpi
from . import test_cockpit
from . import test_delivery_survey_relations
