"""Run Odoo's own test suites on a database where everything is already installed.

Usage (through bin/autocrm, which passes the connection options):

    python3 bin/odoo_suites.py [odoo-bin server options] -d DB --test-tags /crm,/sale ...

``odoo-bin --test-enable`` on an existing database runs a module's ``at_install`` tests while
the registry is being loaded, right after that module: the modules loaded after it (AutoCRM,
but also purchase, whose NOT NULL columns are already in the database) are not in the registry
yet, so those tests neither see AutoCRM nor work at all. To try Odoo's own flows the way a
running database with AutoCRM executes them, this runner runs nothing while loading, then runs
the at_install and the post_install tests of the tagged modules against the complete registry,
in that order, in one odoo-bin process (HTTP server included, for the tours). The log is
odoo-bin's own, so ``bin/autocrm scan-log`` reads it as usual.
"""

import sys

import odoo
from odoo.tests import loader
from odoo.tests.suite import OdooSuite

_make_suite = loader.make_suite


def make_suite(module_names, position="at_install"):
    """Nothing while the registry loads; at the post-install stage, the at_install tests first."""
    if position != "post_install":
        return OdooSuite([])
    at_install = list(_make_suite(module_names, "at_install"))
    post_install = list(_make_suite(module_names, "post_install"))
    return OdooSuite(at_install + post_install)


if __name__ == "__main__":
    loader.make_suite = make_suite
    sys.argv = ["odoo-bin", *sys.argv[1:]]
    odoo.cli.main()
