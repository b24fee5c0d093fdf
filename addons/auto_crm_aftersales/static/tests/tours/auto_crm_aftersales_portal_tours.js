/** @odoo-module **/

import { registry } from "@web/core/registry";

// The owner's booking, in Chinese: from their vehicle's page, book a service in a slot with places left.
registry.category("web_tour.tours").add("auto_crm_aftersales_owner_booking", {
    url: "/my/vehicles",
    steps: () => [
        {
            trigger: "a[href^='/my/vehicles/']",
            content: "Open my vehicle",
            run: "click",
        },
        {
            trigger: "h4:contains('维修保养记录')",
            content: "The vehicle page speaks Chinese: its service history",
        },
        {
            trigger: "a.btn-primary[href^='/my/appointments/new']",
            content: "Book a service for this vehicle",
            run: "click",
        },
        {
            trigger: "label[for^='auto_slot_']:not(.disabled):contains('剩余名额')",
            content: "A slot with places left",
            run: "click",
        },
        {
            trigger: "textarea[name=description]",
            content: "What the workshop should look at",
            run: "edit 空调不制冷",
        },
        {
            trigger: ".o_auto_booking_form button[type=submit]",
            content: "Book",
            run: "click",
        },
        {
            trigger: ".alert-success:contains('预约成功')",
            content: "The booking is confirmed",
        },
    ],
});
