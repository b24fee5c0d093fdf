from odoo import _, api, models
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

    @api.model
    def _auto_create_batch(self, entries):
        """Activities of the dealership's engines (follow-ups, alerts, escalations) in one batch create.

        :param entries: iterable of ``(record, user, values)``; ``values`` holds at least ``summary`` and
            ``date_deadline``, and may set ``activity_type_id`` (default: To-Do) and ``note``. An entry
            without a user is skipped.
        :return: the activities created
        """
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_ids = {}
        vals_list = []
        for record, user, values in entries:
            if not user:
                continue
            if record._name not in model_ids:
                model_ids[record._name] = self.env["ir.model"]._get_id(record._name)
            vals_list.append(
                {
                    "res_model_id": model_ids[record._name],
                    "res_id": record.id,
                    "user_id": user.id,
                    "activity_type_id": todo.id,
                    **values,
                }
            )
        # quick update: users find them in their activity menu, no e-mail per activity
        return self.with_context(mail_activity_quick_update=True).create(vals_list)
