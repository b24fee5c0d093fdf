import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatFloat } from "@web/core/utils/numbers";

/**
 * The general manager's cockpit (总经理驾驶舱): one card per figure of auto.hr.cockpit, with the month so far,
 * today, the comparisons with last month, the same month last year and the target; a click on a card opens
 * the records the figure counted.
 */
export class AutoCockpit extends Component {
    static template = "auto_crm_hr.Cockpit";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ data: null });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("auto.hr.cockpit", "get_cockpit_data", []);
    }

    format(figure, value) {
        if (value === null || value === undefined || value === false) {
            return "–";
        }
        if (figure.unit === "amount") {
            return `${this.state.data.currency_symbol} ${formatFloat(value, { digits: [16, 0] })}`;
        }
        if (figure.unit === "score") {
            return formatFloat(value, { digits: [16, 1] });
        }
        return formatFloat(value, { digits: [16, 0] });
    }

    arrow(comparison) {
        return { up: "fa-arrow-up", down: "fa-arrow-down", flat: "fa-arrows-h" }[comparison.arrow];
    }

    colour(comparison) {
        return { good: "text-success", bad: "text-danger", neutral: "text-muted" }[comparison.colour];
    }

    percent(comparison) {
        if (comparison.percent === null || comparison.percent === undefined) {
            return "";
        }
        if (comparison.key === "target") {
            if (comparison.lower_is_better) {
                // lower is better (overdue receivables, aged stock): how far over or under the target, not "632% reached"
                const gap = formatFloat(comparison.status_percent, { digits: [16, 0] }) + "%";
                if (comparison.status === "over") {
                    return _t("over the target by %s", gap);
                }
                if (comparison.status === "under") {
                    return _t("under the target by %s", gap);
                }
                return _t("target met");
            }
            const reached = _t("reached");
            return formatFloat(comparison.percent, { digits: [16, 0] }) + "% " + reached;
        }
        const sign = comparison.percent > 0 ? "+" : "";
        return `${sign}${formatFloat(comparison.percent, { digits: [16, 1] })}%`;
    }

    async open(figure) {
        const action = await this.orm.call("auto.hr.cockpit", "action_open_figure", [figure.code]);
        this.action.doAction(action);
    }
}

registry.category("actions").add("auto_crm_hr.cockpit", AutoCockpit);
