from odoo import _, api, fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    auto_hr_certification_warning = fields.Char(
        compute="_compute_auto_hr_certification_warning",
        string="Certification Warning",
        help="Technicians assigned whose certification for the vehicle's brand has expired.",
    )

    @api.depends("auto_technician_ids", "auto_vehicle_id.model_id")
    def _compute_auto_hr_certification_warning(self):
        expired = self._auto_hr_expired_technicians()
        for repair in self:
            technicians = expired.get(repair.id)
            repair.auto_hr_certification_warning = technicians and _(
                "Certification for %(brand)s expired: %(technicians)s.",
                brand=repair.auto_vehicle_id.model_id.brand_id.name,
                technicians=", ".join(technicians.mapped("name")),
            )

    @api.onchange("auto_technician_ids")
    def _onchange_technician_ids_auto_hr(self):
        warning = self.auto_hr_certification_warning
        if warning:
            return {"warning": {"title": _("Expired certification"), "message": warning}}

    def _auto_hr_expired_technicians(self):
        """{repair id: technicians (users) holding only expired certificates for the vehicle's brand}, from one
        search of the certificates of every technician and brand involved."""
        brands = self.auto_vehicle_id.model_id.brand_id
        technicians = self.auto_technician_ids
        if not brands or not technicians:
            return {}
        # sudo: the warning is shown to whoever plans the work; certificates are HR records
        certifications = (
            self.env["auto.hr.certification"]
            .sudo()
            .search_fetch(
                [("brand_id", "in", brands.ids), ("user_id", "in", technicians.ids)],
                ["brand_id", "user_id", "date_expiry"],
            )
        )
        today = fields.Date.context_today(self)
        latest = {}
        for certification in certifications:
            key = (certification.user_id.id, certification.brand_id.id)
            latest[key] = max(latest.get(key, certification.date_expiry), certification.date_expiry)
        result = {}
        for repair in self:
            brand = repair.auto_vehicle_id.model_id.brand_id
            expired = repair.auto_technician_ids.filtered(
                lambda user, brand=brand: (user.id, brand.id) in latest and latest[user.id, brand.id] < today
            )
            if expired:
                result[repair.id or repair._origin.id] = expired
        return result
