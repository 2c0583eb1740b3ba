"""Runs every Python test in tests/ and ends with one line: 'N passed, N failed'.

Usage: run_tests.py [PATTERN]   (PATTERN selects test modules, default test_*.py)
"""
import glob
import os
import sys
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


def main():
    pattern = sys.argv[1] if len(sys.argv) > 1 else "test_*.py"
    sys.path.insert(0, HERE)
    suite = unittest.defaultTestLoader.discover(HERE, pattern=pattern, top_level_dir=HERE)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
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
