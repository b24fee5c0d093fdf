from . import auto_vehicle_stock_report
from . import auto_vehicle_turnover_report
