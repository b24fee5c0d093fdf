"""Odoo's own test suites on a database where AutoCRM is installed, compared with plain Odoo.

Two uses, both called by ``bin/autocrm test`` (stage 5):

    python3 bin/odoo_suites.py run [odoo-bin server options] -d DB --test-tags /crm,/sale ...
    python3 bin/odoo_suites.py compare LOG KNOWN_FAILURES_FILE

``run``: ``odoo-bin --test-enable`` on an existing database runs a module's ``at_install`` tests
while the registry is being loaded, right after that module: the modules loaded after it
(AutoCRM, but also purchase, whose NOT NULL columns are already in the database) are not in the
registry yet, so those tests neither see AutoCRM nor work at all. To try Odoo's own flows the way
a running database with AutoCRM executes them, this runner runs nothing while loading, then runs
the at_install and the post_install tests of the tagged modules against the complete registry,
in that order, in one odoo-bin process (HTTP server included, for the tours). The log is
odoo-bin's own.

``compare``: reads that log and prints one line ``<run> <failed> <new failures> <fixed>``, then
the names of the failing tests that are not in the known-failures file (tests that fail on the
same Odoo tree without AutoCRM, each with its reason) and of the known failures that passed.
Exit code 0 when no new failure, 1 otherwise, 2 when the log has no test summary.
"""

import re
import sys

# "FAIL: Class.method", "ERROR: Class.method", "ERROR: setUpClass (odoo.addons.x.tests.y.Class)";
# subtests ("ERROR: Subtest Class.method (params)") also fail their method, which is listed on its own
FAILURE_RE = re.compile(r" (?:FAIL|ERROR): (?!Subtest )(setUpClass \([\w.]+\)|[\w]+\.[\w]+)\s*$")
SUMMARY_RE = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")


def read_known(path):
    known = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            name, _sep, reason = line.partition("#")
            name = name.strip()
            if name:
                known[name] = reason.strip()
    return known


def compare(log_path, known_path):
    known = read_known(known_path)
    failed = set()
    run = None
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = FAILURE_RE.search(line)
            if match:
                failed.add(match.group(1))
            summary = SUMMARY_RE.search(line)
            if summary:
                run = int(summary.group(3))
    if run is None:
        print("0 0 0 0")
        return 2
    new = sorted(failed - set(known))
    fixed = sorted(set(known) - failed)
    print(run, len(failed), len(new), len(fixed))
    for name in new:
        print(f"NEW FAILURE: {name}")
    for name in fixed:
        print(f"KNOWN FAILURE PASSED (remove it from the list): {name}")
    return 1 if new else 0


def make_suite_after_loading(loader, suite_class):
    make_suite = loader.make_suite

    def patched(module_names, position="at_install"):
        """Nothing while the registry loads; at the post-install stage, the at_install tests first."""
        if position != "post_install":
            return suite_class([])
        at_install = list(make_suite(module_names, "at_install"))
        post_install = list(make_suite(module_names, "post_install"))
        return suite_class(at_install + post_install)

    return patched


def run(argv):
    import odoo  # noqa: PLC0415 (only this mode needs Odoo)
    from odoo.tests import loader  # noqa: PLC0415
    from odoo.tests.suite import OdooSuite  # noqa: PLC0415

    loader.make_suite = make_suite_after_loading(loader, OdooSuite)
    sys.argv = ["odoo-bin", *argv]
    odoo.cli.main()


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "run":
        run(sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(__doc__)
