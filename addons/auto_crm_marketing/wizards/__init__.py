from . import auto_mkt_sales_target_wizard
