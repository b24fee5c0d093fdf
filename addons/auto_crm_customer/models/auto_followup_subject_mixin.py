from odoo import models


class AutoFollowupSubjectMixin(models.AbstractModel):
    """A record follow-ups can be about (their ``res_model``/``res_id``): a lead, a contract instalment,
    a service order... Its follow-ups go with it when it is deleted, as its activities do."""

    _name = "auto.followup.subject.mixin"
    _description = "Follow-up Subject"

    def _auto_followup_subject_domain(self):
        """The follow-ups about these records (a contract extends it with its instalments')."""
        return [("res_model", "=", self._name), ("res_id", "in", self.ids)]

    def unlink(self):
        followups = (
            self.env["auto.followup"]
            .sudo()
            .with_context(active_test=False)
            .search(self._auto_followup_subject_domain())
        )
        result = super().unlink()
        # a follow-up made is a record kept, except when what it was about is deleted
        followups.with_context(auto_followup_subject_deleted=True).unlink()
        return result
