from . import auto_mkt_campaign_report
from . import auto_mkt_segment_report
from . import auto_mkt_data_quality_report
