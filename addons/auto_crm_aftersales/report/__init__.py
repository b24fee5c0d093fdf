from . import auto_service_evaluation_report
