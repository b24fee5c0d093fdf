import os

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import PoFileReader, TranslationModuleReader


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
            # read as Odoo reads it when it loads the language: merged with the addon's .pot, whose terms decide
            # (a translation of a term the .pot lacks is obsolete, and the screen stays in English)
            translated = {entry["src"] for entry in PoFileReader(po_path) if entry["value"]}
            fuzzy = {entry.msgid for entry in polib.pofile(po_path) if "fuzzy" in entry.flags}
            translated -= fuzzy
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
            "Terms without a zh_CN translation Odoo loads (re-export the addon's .pot with odoo-bin --i18n-export, "
            "then translate them in zh_CN.po):\n"
            + "\n".join(f"{module}: {terms[:15]} ({len(terms)} in all)" for module, terms in missing.items()),
        )

    def test_chinese_translation_loaded_into_the_database(self):
        """Odoo loads each addon's zh_CN.po when Chinese is active (the demo activates it): a .po Odoo cannot
        read (an entry without its '#. module:' comment) leaves the screens in English."""
        if not self.env["res.lang"]._lang_get("zh_CN"):
            self.skipTest("Chinese is not active in this database")
        modules = (
            self.env["ir.module.module"]
            .search([("name", "=like", "auto\\_crm\\_%"), ("state", "=", "installed")])
            .mapped("name")
        )
        untranslated = []
        for module in modules:
            self.env.cr.execute(
                """
                SELECT count(*) FILTER (WHERE f.field_description->>'zh_CN' IS NOT NULL
                                          AND f.field_description->>'zh_CN' != f.field_description->>'en_US'),
                       count(*)
                  FROM ir_model_fields f
                  JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
                 WHERE d.module = %s AND f.state = 'base'
                """,
                [module],
            )
            translated, total = self.env.cr.fetchone()
            if total and translated < total * 0.9:
                untranslated.append(f"{module}: {translated} of {total} field labels in Chinese")
        self.assertFalse(untranslated, "zh_CN.po not loaded: " + "; ".join(untranslated))
