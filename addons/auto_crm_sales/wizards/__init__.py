from . import auto_contract_amend_wizard
from . import crm_lead_lost
from . import account_payment_register
from . import auto_customer_reassign_wizard
