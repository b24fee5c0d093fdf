from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CONSULTANT, AutoCrmHrCase


@tagged("post_install", "-at_install")
class TestTraining(AutoCrmHrCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.course = cls.env["auto.hr.course"].create(
            {
                "name": "DM-i Hybrid",
                "kind": "technical",
                "brand_id": cls.brand.id,
                "passing_score": 60,
                "certificate_validity_months": 12,
            }
        )
        cls.tech_employee = cls.tech.employee_ids

    def _session(self, **vals):
        start = datetime.combine(self.today, datetime.min.time()).replace(hour=9)
        return self.env["auto.hr.training.session"].create(
            {
                "course_id": self.course.id,
                "date_start": start,
                "date_end": start + timedelta(hours=6),
                "trainer": "OEM Instructor",
                "location": "Training Room",
                "capacity": 2,
                **vals,
            }
        )

    def test_session_attendance_score_and_certificate(self):
        session = self._session()
        enrolments = self.env["auto.hr.training.enrolment"].create(
            [
                {"session_id": session.id, "employee_id": self.tech_employee.id, "attended": True, "score": 85},
                {"session_id": session.id, "employee_id": self.sa.employee_ids.id, "attended": True, "score": 40},
            ]
        )
        with self.assertRaises(ValidationError):
            self.env["auto.hr.training.enrolment"].create(
                {"session_id": session.id, "employee_id": self.c1.employee_ids.id}
            )
        session.action_done()
        passed, failed = enrolments
        self.assertTrue(passed.passed and passed.certification_id)
        self.assertFalse(failed.passed or failed.certification_id)
        certificate = passed.certification_id
        self.assertEqual(certificate.brand_id, self.brand)
        self.assertEqual(certificate.date_obtained, self.today)
        self.assertEqual(certificate.date_expiry, self.today + relativedelta(months=12))

    def test_reminders_before_a_certificate_expires(self):
        expiry = self.today + timedelta(days=45)
        certificate = self.env["auto.hr.certification"].create(
            {
                "employee_id": self.tech_employee.id,
                "course_id": self.course.id,
                "date_obtained": self.today - timedelta(days=300),
                "date_expiry": expiry,
            }
        )
        followups = self.env["auto.followup"].search([("auto_hr_certification_id", "=", certificate.id)])
        self.assertEqual(sorted(followups.mapped("date_scheduled")), [self.today, expiry - timedelta(days=14)])
        self.assertEqual(followups.user_id, self.tech)
        reminder = followups.filtered(lambda f: f.date_scheduled == expiry - timedelta(days=14))
        self.assertEqual(reminder.state, "planned")
        with freeze_time(expiry - timedelta(days=14)):
            self.env["auto.followup"]._cron_run_followups()
            self.assertEqual(reminder.state, "open")
            self.assertEqual(reminder.activity_ids.user_id, self.tech)
        # a renewed certificate gets its own reminders, the engine never schedules one twice
        certificate.write({"date_expiry": expiry})
        self.assertEqual(self.env["auto.followup"].search_count([("auto_hr_certification_id", "=", certificate.id)]), 2)

    def test_technician_with_expired_brand_certificate_is_warned(self):
        certificate = self.env["auto.hr.certification"].create(
            {
                "employee_id": self.tech_employee.id,
                "course_id": self.course.id,
                "date_obtained": self.today - timedelta(days=400),
                "date_expiry": self.today - timedelta(days=5),
            }
        )
        repair = self._repair(self.sa, technician=self.tech, done=False)
        self.assertIn(self.tech.name, repair.auto_hr_certification_warning)
        self.assertTrue(repair._onchange_technician_ids_auto_hr()["warning"])
        certificate.date_expiry = self.today + timedelta(days=200)
        repair.invalidate_recordset(["auto_hr_certification_warning"])
        self.assertFalse(repair.auto_hr_certification_warning)

    def test_kpi_far_below_target_suggests_its_course(self):
        kpi = self.env["auto.hr.kpi"].search(
            [("code", "=", "test_drives"), ("role_id", "=", self.env.ref(CONSULTANT).id)]
        )
        kpi.course_id = self.course
        self.period._compute_scorecards()
        line = self._line(self.c1, "test_drives")
        self.assertTrue(line.far_below_target)
        self.assertEqual(line.suggested_course_id, self.course)
        self.assertFalse(self._line(self.c1, "leads_handled").suggested_course_id)
