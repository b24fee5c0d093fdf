{
    "name": "AutoCRM: Example Customisation",
    "summary": "What a consultant adds for one dealership: a vehicle field, a contract page, an alert, "
    "a follow-up purpose, a KPI, a report layout and their Chinese, each through AutoCRM's extension points",
    "version": "18.0.1.0.0",
    "category": "Sales/Dealership",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm-odoo",
    "license": "LGPL-3",
    "development_status": "Beta",
    "maintainers": ["autocrm-team"],
    "depends": [
        "auto_crm_customer",
        "auto_crm_inventory",
        "auto_crm_sales",
        "auto_crm_aftersales",
        "auto_crm_hr",
        "auto_crm_marketing",
    ],
    "data": [
        "data/auto_followup_plan_data.xml",
        "views/auto_vehicle_views.xml",
        "views/sale_order_views.xml",
        "report/sale_contract_report.xml",
    ],
    "demo": [
        "demo/auto_crm_example_customisation_demo.xml",
    ],
    "installable": True,
    "application": False,
}
