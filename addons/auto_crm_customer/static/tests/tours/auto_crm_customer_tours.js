/** @odoo-module **/

import { registry } from "@web/core/registry";

// A consultant registers a walk-in whose mobile already belongs to another customer:
// warned while typing, refused on save with the existing customer named, nothing typed is lost.
registry.category("web_tour.tours").add("auto_crm_customer_duplicate_mobile", {
    url: "/odoo/action-auto_crm_customer.res_partner_action_customer",
    steps: () => [
        {
            trigger: ".o_list_button_add",
            content: "New customer",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            content: "Name of the walk-in",
            run: "edit 刘先生",
        },
        {
            trigger: ".o_field_widget[name=mobile] input",
            content: "Mobile typed with spaces",
            run: "edit 138 0013 8000 && click .o_field_widget[name=name] input",
        },
        {
            trigger: ".modal:contains('Possible duplicate customer'):contains('Tour Owner')",
            content: "Warned while typing",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            content: "Close the warning",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            trigger: ".o_form_button_save",
            content: "Save anyway",
            run: "click",
        },
        {
            trigger: ".modal:contains('already used by the customer Tour Owner')",
            content: "Refused, naming the existing customer",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            content: "Close the message",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input:value(刘先生)",
            content: "What was typed is still there",
        },
        {
            trigger: ".o_form_button_cancel",
            content: "Discard",
            run: "click",
        },
        {
            trigger: ".o_list_view",
        },
    ],
});

// A consultant makes a due follow-up: it can only be closed with an outcome and a note.
registry.category("web_tour.tours").add("auto_crm_customer_followup_done", {
    url: "/odoo/action-auto_crm_customer.auto_followup_action",
    steps: () => [
        {
            trigger: ".o_data_row td[name=name]:contains('Tour thank-you call')",
            content: "Open my follow-up",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_done]",
            content: "Done",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=outcome] input[data-value=reached]",
            content: "The customer was reached",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=note] textarea",
            content: "What was said",
            run: "edit Customer happy, booked the first service",
        },
        {
            trigger: ".modal .modal-footer button[name=action_confirm]",
            content: "Close the follow-up",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status [aria-checked=true]:contains('Done')",
            content: "The follow-up is done",
        },
        {
            trigger: ".o_notebook .nav-link:contains('Outcome')",
            content: "See the outcome",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=outcome]:contains('Reached')",
        },
    ],
});
