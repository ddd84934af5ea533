#!/usr/bin/env bash
# Prints "tests: N passed, N failed, N skipped" over the JUnit XML reports of every runner.
shopt -s nullglob
python3 - target/surefire-reports/*.xml target/failsafe-reports/*.xml target/conformance-reports/*.xml <<'PY'
import sys, xml.etree.ElementTree as ET
total = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        continue
    for suite in ([root] if root.tag == "testsuite" else root.iter("testsuite")):
        total += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
print(f"tests: {total - failed - skipped} passed, {failed} failed, {skipped} skipped")
PY
