from odoo import _, models
from odoo.exceptions import UserError


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """A follow-up activity is not ticked off on its own: the follow-up needs its outcome first."""
        if not self.env.context.get("auto_followup_closing"):
            followup_ids = [a.res_id for a in self if a.res_model == "auto.followup"]
            if followup_ids:
                # sudo: the state is read only to refuse; the user may be an escalation manager
                pending = (
                    self.env["auto.followup"]
                    .sudo()
                    .browse(followup_ids)
                    .filtered(lambda f: f.state in ("planned", "open"))
                )
                if pending:
                    raise UserError(
                        _(
                            "Open the follow-up %(name)s and close it with its outcome and a note: a follow-up "
                            "cannot be marked done without them.",
                            name=pending[0].name,
                        )
                    )
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
