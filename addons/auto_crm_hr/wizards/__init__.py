from . import auto_customer_reassign_wizard
