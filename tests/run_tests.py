"""Runs every Python test in tests/ and ends with one line: 'N passed, N failed'.

Usage: run_tests.py [PATTERN...]   (each PATTERN selects test modules, default test_*.py)
"""
import glob
import os
import re
import sys
import time
import unittest
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))


def surefire_counts():
    """Passed and failed Java tests from the Surefire reports of the last ./mvnw verify."""
    passed = failed = 0
    root = os.path.dirname(HERE)
    for report in glob.glob(os.path.join(root, "*", "target", "surefire-reports", "TEST-*.xml")):
        suite = ET.parse(report).getroot()
        total, bad = int(suite.get("tests", 0)), int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        passed += total - bad - int(suite.get("skipped", 0))
        failed += bad
    return passed, failed


def missing_modules(suite):
    """(test module, missing module) for each test module that could not be imported for want of a module
    from outside tests/: a missing install, not a test failure."""
    found = []
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            found += missing_modules(test)
        elif isinstance(getattr(test, "_exception", None), ImportError):  # the loader's stand-in for the module
            names = re.findall(r"ModuleNotFoundError: No module named '([^']+)'", str(test._exception))
            if names and not os.path.exists(os.path.join(HERE, names[-1].split(".")[0] + ".py")):
                found.append((test._testMethodName, names[-1]))
    return found


class TimedResult(unittest.TextTestResult):
    """Prints each test's wall time after its verdict, and keeps them for the slowest-tests summary:
    the whole run has a budget (20 minutes on 2 cores), and this is where it goes."""
    durations = []

    def startTest(self, test):
        self._started = time.monotonic()
        super().startTest(test)

    def stopTest(self, test):
        took = time.monotonic() - self._started
        TimedResult.durations.append((took, test.id()))
        self.stream.write(f"    ({took:.1f} s)\n")
        super().stopTest(test)


def main():
    patterns = sys.argv[1:] or ["test_*.py"]
    sys.path.insert(0, HERE)
    suite = unittest.TestSuite(unittest.defaultTestLoader.discover(HERE, pattern=p, top_level_dir=HERE) for p in patterns)
    missing = missing_modules(suite)
    if missing:  # said before any test runs, in one line: ./lab test installs them (./lab setup test alone)
        print("run_tests: this Python (" + sys.executable + ") lacks " + ", ".join(f"{m} (for {t})" for t, m in missing)
              + ": ./lab test installs what the tests need, or names it", file=sys.stderr)
        return 2
    started = time.monotonic()
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout, resultclass=TimedResult).run(suite)
    slowest = sorted(TimedResult.durations, reverse=True)[:8]
    print(f"Python tests took {time.monotonic() - started:.0f} s; the slowest: "
          + ", ".join(f"{t.split('.')[-1]} {d:.0f} s" for d, t in slowest))
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    print(f"Python tests: {passed} passed, {failed} failed" + (f", {len(result.skipped)} skipped" if result.skipped else ""))
    java_passed, java_failed = surefire_counts()
    if java_passed + java_failed:
        print(f"Java tests (./mvnw verify): {java_passed} passed, {java_failed} failed")
    print(f"all: {passed + java_passed} passed, {failed + java_failed} failed")
    if result.testsRun == 0:
        print("no tests ran", file=sys.stderr)
        return 1
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
