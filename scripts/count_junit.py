"""Prints "PASSED FAILED" summed over JUnit XML files, as gtest and pytest
write them. Arguments are files; a missing file counts as one failure (its
test never reported)."""
import pathlib
import sys
import xml.etree.ElementTree as ET


def counts(path: pathlib.Path):
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
    passed = failed = 0
    for suite in suites:
        for case in suite.iter("testcase"):
            if case.find("skipped") is not None or case.get("status") == "notrun":
                continue
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
            else:
                passed += 1
    return passed, failed


def main(paths):
    passed = failed = 0
    for name in paths:
        path = pathlib.Path(name)
        try:
            p, fl = counts(path)
        except (ET.ParseError, OSError):
            p, fl = 0, 1
        passed += p
        failed += fl
    print(passed, failed)


if __name__ == "__main__":
    main(sys.argv[1:])
