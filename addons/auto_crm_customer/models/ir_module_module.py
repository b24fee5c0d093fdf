from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        """Once an addon's translations are loaded, the follow-ups named after its plan steps before the
        step had a translation (made while it installed, e.g. its demo, or before the language was installed)
        take the step's words in their user's language: see ``auto.followup._localize_step_texts``."""
        result = super()._load_module_terms(modules, langs, overwrite=overwrite, imported_module=imported_module)
        if "auto.followup" in self.env:
            self.env["auto.followup"]._localize_step_texts(modules, langs)
        return result
