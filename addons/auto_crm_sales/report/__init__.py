from . import auto_receivable_report
from . import auto_vehicle_profit_report
