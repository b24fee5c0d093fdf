"""Odoo's own test suites on a database where AutoCRM is installed, compared with plain Odoo.

Two uses, both called by ``bin/autocrm test`` (stage 5):

    python3 bin/odoo_suites.py run [odoo-bin server options] -d DB --test-tags /crm,/sale ...
    python3 bin/odoo_suites.py new-tags LOG KNOWN_FAILURES_FILE
    python3 bin/odoo_suites.py compare LOG KNOWN_FAILURES_FILE [RETRY_LOG]

``run``: ``odoo-bin --test-enable`` on an existing database runs a module's ``at_install`` tests
while the registry is being loaded, right after that module: the modules loaded after it
(AutoCRM, but also purchase, whose NOT NULL columns are already in the database) are not in the
registry yet, so those tests neither see AutoCRM nor work at all. To try Odoo's own flows the way
a running database with AutoCRM executes them, this runner runs nothing while loading, then runs
the at_install and the post_install tests of the tagged modules against the complete registry,
in that order, in one odoo-bin process (HTTP server included, for the tours). The log is
odoo-bin's own.

``new-tags``: the ``--test-tags`` of the failing tests that are not in the known-failures file
(tests that fail on the same Odoo tree without AutoCRM, each with its reason), to run them again
alone: a browser tour can time out on a loaded 2-core machine.

``compare``: reads that log (and the log of the second run, when there was one) and prints one
line ``<run> <failed> <new failures> <fixed>``, then the failing tests that are not in the
known-failures file and failed again (``NEW FAILURE``), those that passed when run again
(``FLAKY``), and the known failures that passed. Exit code 0 when no new failure, 1 otherwise,
2 when the log has no test summary.
"""

import re
import sys

# "FAIL: Class.method", "ERROR: Class.method", "ERROR: setUpClass (odoo.addons.x.tests.y.Class)";
# subtests ("ERROR: Subtest Class.method (params)") also fail their method, which is listed on its own
FAILURE_RE = re.compile(
    r" odoo\.(?:addons\.(?P<module>\w+)\.[\w.]+|tests\.suite): (?:FAIL|ERROR): (?!Subtest )"
    r"(?P<name>setUpClass \((?:odoo\.addons\.(?P<class_module>\w+)\.)?[\w.]+\)|\w+\.\w+)\s*$"
)
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


def test_tag(name, module):
    """The --test-tags spec that runs this failing test (or class) again."""
    if name.startswith("setUpClass"):
        return f"/{module}:{name.rstrip(')').rsplit('.', 1)[-1]}"
    return f"/{module}:{name}"


def compare(log_path, known_path, retry_log_path=None):
    known = read_known(known_path)
    failed = {}
    run = None
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = FAILURE_RE.search(line)
            if match:
                failed[match.group("name")] = match.group("module") or match.group("class_module")
            summary = SUMMARY_RE.search(line)
            if summary:
                run = int(summary.group(3))
    if run is None:
        print("0 0 0 0")
        return 2
    new = sorted(set(failed) - set(known))
    fixed = sorted(set(known) - set(failed))
    if retry_log_path:
        # a new failure that passes when run again alone (a tour timing out on a loaded machine) is flaky
        retried = {}
        with open(retry_log_path, encoding="utf-8", errors="replace") as log:
            for line in log:
                match = FAILURE_RE.search(line)
                if match:
                    retried[match.group("name")] = True
        flaky = [name for name in new if name not in retried]
        new = [name for name in new if name in retried]
        for name in flaky:
            print(f"FLAKY (failed, then passed when run again): {name}")
    print(run, len(failed), len(new), len(fixed))
    for name in new:
        print(f"NEW FAILURE: {name}  (run again: --test-tags={test_tag(name, failed[name])})")
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
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "compare":
        sys.exit(compare(*sys.argv[2:]))
    elif len(sys.argv) == 4 and sys.argv[1] == "new-tags":
        # the --test-tags of the failing tests not in the known list (for a second run of them alone)
        known = read_known(sys.argv[3])
        failed = {}
        with open(sys.argv[2], encoding="utf-8", errors="replace") as log:
            for line in log:
                match = FAILURE_RE.search(line)
                if match:
                    failed[match.group("name")] = match.group("module") or match.group("class_module")
        print(",".join(test_tag(name, module) for name, module in sorted(failed.items()) if name not in known))
    else:
        sys.exit(__doc__)
