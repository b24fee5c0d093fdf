import os

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader


def _is_chinese(text):
    """Demo names already written in Chinese (比亚迪 BYD, 秦PLUS) need no zh_CN translation."""
    return any("\u4e00" <= char <= "\u9fff" for char in text)


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """Every term of every installed AutoCRM addon, demo data included, has its zh_CN translation."""

    def test_every_term_translated_in_zh_cn(self):
        modules = (
            self.env["ir.module.module"]
            .search([("name", "=like", "auto\\_crm\\_%"), ("state", "=", "installed")])
            .mapped("name")
        )
        self.assertIn("auto_crm_customer", modules)
        missing = {}
        for module in modules:
            po_path = os.path.join(get_module_path(module), "i18n", "zh_CN.po")
            self.assertTrue(os.path.isfile(po_path), f"{module} has no i18n/zh_CN.po")
            translated = {entry.msgid for entry in polib.pofile(po_path) if entry.msgstr and "fuzzy" not in entry.flags}
            sources = {
                source
                for term_module, _type, _name, _res_id, source, _value, _comments in TranslationModuleReader(
                    self.env.cr, modules=[module]
                )
                if term_module == module and source and not _is_chinese(source)
            }
            if sources - translated:
                missing[module] = sorted(sources - translated)
        self.assertFalse(
            missing,
            "Terms without a zh_CN translation (re-export the .pot and translate them):\n"
            + "\n".join(f"{module}: {terms[:15]} ({len(terms)} in all)" for module, terms in missing.items()),
        )
