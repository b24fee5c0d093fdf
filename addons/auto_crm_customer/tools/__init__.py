from . import kpi
from . import phone
from . import rfm
from . import vin
from . import followup_subject
from . import worklist
from . import satisfaction
