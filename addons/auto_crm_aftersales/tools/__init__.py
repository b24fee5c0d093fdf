from . import service_schedule
from . import satisfaction
