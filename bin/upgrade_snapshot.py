"""What an upgrade must keep: counts and sample values of the dealership's records, as JSON.

Run inside ``odoo-bin shell`` (``env`` is given), by ``bin/autocrm test`` stage 2c, once on the
database installed with the previous commit's addons and once after ``-u`` with the current ones:

    echo "exec(open('bin/upgrade_snapshot.py').read())" | odoo-bin shell -d DB
        (prints one line "AUTOCRM-SNAPSHOT <json>")

    echo "exec(open('bin/upgrade_snapshot.py').read())" | AUTOCRM_SNAPSHOT_BEFORE=BEFORE_JSON odoo-bin shell -d DB
        (after the upgrade: the same records as before, whatever the upgrade added)

    python3 bin/upgrade_snapshot.py compare BEFORE_JSON AFTER_JSON

The records are looked up by id and compared on fields that every version has kept; a model or
field that the older version did not have yet is skipped (an addon added since).
"""

import json
import os
import sys

# model -> (domain, fields compared on a sample of records)
KEPT = {
    # (not who is responsible: a new version's demo data may hand its customers to another consultant)
    "res.partner": (
        [("auto_customer_type", "!=", False)],
        ["name", "mobile", "auto_customer_type", "auto_customer_tier", "auto_lifetime_value", "auto_birthday"],
    ),
    "auto.vehicle": ([], ["vin", "partner_id", "model_id", "company_id"]),
    "auto.followup": ([], ["partner_id", "date_scheduled", "state", "plan_id"]),
    "auto.followup.plan": ([], ["name", "active"]),
    "sale.order": (
        [("auto_is_vehicle_sale", "=", True)],
        ["name", "partner_id", "amount_total", "state", "auto_contract_state"],
    ),
    "auto.payment.plan.line": ([], ["order_id", "amount", "due_date"]),
    "repair.order": (
        [("auto_vehicle_id", "!=", False)],
        ["name", "auto_vehicle_id", "state", "auto_service_type", "auto_mileage_in", "auto_date_received"],
    ),
}
# a field renamed since: its name in the versions before (fields added to Odoo's models took the ``auto_``
# prefix in 18.0.1.3.0 of customer, 1.4.0 of sales, 1.5.0 of after-sales)
FORMER_NAMES = {
    "res.partner": {
        "auto_customer_type": "customer_type",
        "auto_customer_tier": "customer_tier",
        "auto_lifetime_value": "lifetime_value",
        "auto_birthday": "birthday",
    },
    "sale.order": {"auto_contract_state": "contract_state"},
    "repair.order": {
        "auto_vehicle_id": "vehicle_id",
        "auto_service_type": "service_type",
        "auto_mileage_in": "mileage_in",
        "auto_date_received": "date_received",
    },
}
SAMPLE = 25


def snapshot(env, before=None):
    """Counts and a sample of each model; with ``before`` (the snapshot taken before the upgrade), the sample
    is the records sampled then, so that records an upgrade adds do not shift it onto others."""
    result = {}
    for model, (domain, field_names) in KEPT.items():
        if model not in env:
            continue
        Model = env[model].with_context(active_test=False)
        former = FORMER_NAMES.get(model, {})

        def here(name, Model=Model, former=former):
            """The field's name in the version installed (its former name before a rename), or None."""
            if name in Model._fields:
                return name
            return former.get(name) if former.get(name) in Model._fields else None

        if any(here(term[0]) is None for term in domain):
            continue
        domain = [(here(name), operator, value) for name, operator, value in domain]
        names = {name: here(name) for name in field_names if here(name)}
        records = Model.search(domain, order="id")
        if before and model in before:
            sample = Model.browse(sorted(int(record_id) for record_id in before[model]["sample"])).exists()
        else:
            sample = records[:: max(len(records) // SAMPLE, 1)][:SAMPLE]
        rows = {}
        for values in sample.read(list(names.values())):
            record_id = str(values.pop("id"))
            # keyed by the current name, so that a renamed field is compared with itself
            rows[record_id] = {
                name: (values[actual][0] if isinstance(values[actual], (list, tuple)) else values[actual])
                for name, actual in names.items()
            }
        result[model] = {"count": len(records), "sample": rows}
    return result


def compare(before, after):
    problems = []
    for model, old in before.items():
        new = after.get(model)
        if new is None:
            problems.append(f"{model}: gone after the upgrade")
            continue
        # fewer records is a loss; more is what an addon installed by the same upgrade brings (its plans,
        # its demo follow-ups), and the sample below still checks every kept record
        if new["count"] < old["count"]:
            problems.append(f"{model}: {old['count']} records before the upgrade, {new['count']} after")
        for record_id, old_values in old["sample"].items():
            new_values = new["sample"].get(record_id)
            if new_values is None:
                problems.append(f"{model}({record_id}): not found after the upgrade")
                continue
            for key, value in old_values.items():
                if key in new_values and str(new_values[key]) != str(value):
                    problems.append(f"{model}({record_id}).{key}: {value!r} before, {new_values[key]!r} after")
    return problems


if "env" in globals():  # exec'd inside odoo-bin shell, which provides env
    # after the upgrade, AUTOCRM_SNAPSHOT_BEFORE names the snapshot taken before it
    _before_path = os.environ.get("AUTOCRM_SNAPSHOT_BEFORE")
    _before = None
    if _before_path:
        with open(_before_path) as _before_file:
            _before = json.load(_before_file)
    print("AUTOCRM-SNAPSHOT " + json.dumps(snapshot(env, _before), default=str, sort_keys=True))  # noqa: F821
elif __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "compare":
        with open(sys.argv[2]) as before_file, open(sys.argv[3]) as after_file:
            found = compare(json.load(before_file), json.load(after_file))
        for problem in found:
            print(f"UPGRADE LOST: {problem}")
        print(f"upgrade kept the records: {len(found)} difference(s)")
        sys.exit(1 if found else 0)
    sys.exit(__doc__)
