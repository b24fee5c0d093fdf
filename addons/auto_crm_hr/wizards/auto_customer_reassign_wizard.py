from odoo import models


class AutoCustomerReassignWizard(models.TransientModel):
    _inherit = "auto.customer.reassign.wizard"

    def _auto_count_owned(self):
        self.ensure_one()
        counts = [self.customer_count, self.vehicle_count, self.followup_count]
        if "lead_count" in self._fields:
            counts.append(self.lead_count)
        return sum(counts)

    def _auto_as_hr(self):
        """HR hands over a leaving employee's book without holding the sales rights to edit customers: the
        wizard then counts and reassigns as superuser, for exactly the user it is leaving from."""
        if self.env.user.has_group("auto_crm_hr.group_hr_officer") and not self.env.user.has_group(
            "auto_crm_customer.group_sales_manager"
        ):
            return self.sudo()
        return self

    def _compute_counts(self):
        return super(AutoCustomerReassignWizard, self._auto_as_hr())._compute_counts()

    def _compute_lead_count(self):
        return super(AutoCustomerReassignWizard, self._auto_as_hr())._compute_lead_count()

    def _reassign_records(self):
        return super(AutoCustomerReassignWizard, self._auto_as_hr())._reassign_records()
