"""Fails (exit 1) when a Prism log reports a request or an answer that breaks
Kapso's spec, printing those lines. Warnings that an answer's status is not in
the spec (the sandbox's injected faults: 503, 429...) are not violations of a
declared answer and are only counted.

    python tests/contract/prism_log.py DIR/prism.log
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from prism import VIOLATION  # noqa: E402

UNDECLARED_STATUS = "Unable to match the returned status code"


def main(path):
    lines = pathlib.Path(path).read_text(errors="replace").splitlines()
    undeclared = [l for l in lines if UNDECLARED_STATUS in l]
    bad = [l for l in lines if VIOLATION.search(l) and UNDECLARED_STATUS not in l]
    requests = sum("Request received" in l for l in lines)
    print(f"prism: {requests} requests, {len(bad)} violations, "
          f"{len(undeclared)} answers with a status the spec does not list (injected faults)")
    for line in bad[:40]:
        print("  " + line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
