/** @odoo-module **/

import { registry } from "@web/core/registry";

// A consultant's day, in Chinese: a walk-in is registered as a lead, graded H (buys within 7 days), which
// schedules the next follow-up, and a test drive on a demo car is booked from the lead.
registry.category("web_tour.tours").add("auto_crm_sales_consultant_day", {
    url: "/odoo/action-auto_crm_sales.crm_lead_action_auto_leads/new",
    steps: () => [
        {
            trigger: ".o_field_widget[name=name] textarea, .o_field_widget[name=name] input",
            content: "What the walk-in wants",
            run: "edit 周先生 - 秦PLUS 一周内购车",
        },
        {
            trigger: ".o_field_widget[name=partner_id] input",
            content: "The customer",
            run: "edit 周先生",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('周先生')",
            run: "click",
        },
        {
            trigger: ".o_notebook .nav-link[name=auto_vehicle_interest]:contains('购车意向')",
            content: "The purchase intent, in Chinese",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_label:contains('意向车型')",
            content: "The lead form speaks Chinese",
        },
        {
            trigger: ".o_field_widget[name=auto_grade_id] input",
            content: "Grade H: buys within 7 days",
            run: "edit H",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('H')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=auto_model_id] input",
            content: "The model of interest",
            run: "edit 55km",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('55km')",
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            content: "Save the lead",
            run: "click",
        },
        {
            trigger: ".o_form_saved .o_field_widget[name=auto_next_followup_date]:not(:empty)",
            content: "The grade scheduled the next follow-up",
        },
        {
            trigger: "button[name=action_view_auto_test_drives]",
            content: "Book a test drive for this lead",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_list_button_add",
            content: "New test drive",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=partner_id] input:value(周先生)",
            content: "The lead's customer is filled in",
        },
        {
            trigger: ".o_field_widget[name=vehicle_id] input",
            content: "A demo car, by its VIN",
            run: "edit 000700",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('000700')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=date_start] input",
            content: "When",
            run: "edit 2030年06月01日 10时00分00秒",
        },
        {
            trigger: ".o_field_widget[name=licence_number] input",
            content: "Driving licence",
            run: "edit 510104199001011234",
        },
        {
            trigger: ".o_field_widget[name=licence_expiry] input",
            content: "Valid until",
            run: "edit 2031年01月01日",
        },
        {
            trigger: ".o_form_button_save",
            content: "Book it",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
            content: "Booked",
        },
    ],
});
