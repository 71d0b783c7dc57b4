"""Prints "PASSED FAILED" summed over JUnit XML files (a file or a directory
searched for test.xml), as gtest and pytest write them."""
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


def main(target: str):
    path = pathlib.Path(target)
    files = [path] if path.is_file() else sorted(path.rglob("test.xml"))
    passed = failed = 0
    for f in files:
        try:
            p, fl = counts(f)
        except ET.ParseError:
            p, fl = 0, 1
        passed += p
        failed += fl
    print(passed, failed)


if __name__ == "__main__":
    main(sys.argv[1])
