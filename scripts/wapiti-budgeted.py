# Runs Debian's wapiti 3.0.4 (python3 scripts/wapiti-budgeted.py WAPITI-ARGUMENTS) with three changes, for
# scripts/security-scan.sh:
# - its wildcard regex for -x puts "(?ms)" at the end, which Python 3.11 refuses: fixed;
# - a time budget per attack module (WAPITI_MODULE_BUDGET seconds) that holds: wapiti's own --max-attack-time
#   is only looked at between two crawled resources, and one form with a dozen reflected fields keeps xss or
#   permanentxss busy for many minutes. Here every HTTP request of a module checks the budget; past it the
#   module stops cleanly and the next one starts;
# - log lines the summary reads:
#     [*] Crawl ended: N links and M forms crawled in S s
#     [*] Module NAME ended: complete|budget|error; N resources attacked in S s; findings: V vulnerabilities, A anomalies, I additionals
#   "complete" means the module went through every crawled resource, "budget" that it stopped at its budget,
#   "error" that an exception ended it (wapiti prints it above).
import os
import re
import sys
import time
from importlib.metadata import distribution

import requests
import wapitiCore.net.crawler as crawler
import wapitiCore.main.wapiti as wapiti

crawler.wildcard_translate = lambda p: re.compile(
    "(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in p) + r"\Z")

BUDGET = float(os.environ.get("WAPITI_MODULE_BUDGET", "0"))
_deadline = None


class BudgetReached(BaseException):
    """Not an Exception: the modules' own `except Exception` must not swallow it."""


_request = requests.Session.request


def _budgeted_request(self, *args, **kwargs):
    if _deadline is not None and time.monotonic() > _deadline:
        raise BudgetReached()
    return _request(self, *args, **kwargs)


requests.Session.request = _budgeted_request


def _findings(persister):
    cursor = persister._conn.cursor()
    cursor.execute("SELECT type, COUNT(*) FROM payloads GROUP BY type")
    return dict(cursor.fetchall())


def _budgeted(module, attack):
    def run():
        global _deadline
        start = time.monotonic()
        before = _findings(module.persister)
        attacked, status = 0, "error"
        _deadline = start + BUDGET if BUDGET > 0 else None
        try:
            for item in attack():
                if not isinstance(item, BaseException):
                    attacked += 1
                yield item
            status = "complete"
        except BudgetReached:
            status = "budget"
        except GeneratorExit:
            status = "stopped by wapiti"
            raise
        finally:
            _deadline = None
            after = _findings(module.persister)
            new = {k: after.get(k, 0) - before.get(k, 0) for k in ("vulnerability", "anomaly", "additional")}
            print("[*] Module {} ended: {}; {} resources attacked in {:.0f} s; findings: {} vulnerabilities, "
                  "{} anomalies, {} additionals".format(module.name, status, attacked, time.monotonic() - start,
                                                       new["vulnerability"], new["anomaly"], new["additional"]),
                  flush=True)
    return run


_init_attacks = wapiti.Wapiti._init_attacks


def _init_budgeted_attacks(self):
    _init_attacks(self)
    for module in self.attacks:
        module.attack = _budgeted(module, module.attack)


wapiti.Wapiti._init_attacks = _init_budgeted_attacks

_browse = wapiti.Wapiti.browse


def _browse_counted(self):
    start = time.monotonic()
    _browse(self)
    links = sum(1 for _ in self.persister.get_links())
    forms = sum(1 for _ in self.persister.get_forms())
    print("[*] Crawl ended: {} links and {} forms crawled in {:.0f} s".format(links, forms, time.monotonic() - start),
          flush=True)


wapiti.Wapiti.browse = _browse_counted

main = next(e for e in distribution("wapiti3").entry_points
            if e.group == "console_scripts" and e.name == "wapiti").load()
sys.argv[0] = "wapiti"
sys.exit(main())
