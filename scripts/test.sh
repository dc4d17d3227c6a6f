#!/usr/bin/env bash
# `npm test`: type-check, lint and format check, then every test suite (unit, CDK + cdk-nag, integration against the
# real emulators, faults, corpus, browser). Ends with "Tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system-deps.sh java chromium || exit 1
mkdir -p test-artifacts
echo "== Type check"
if ! npx tsc --noEmit -p .; then
  echo "Type check failed"
  echo "Tests: 0 passed, 1 failed"
  exit 1
fi
echo "== Lint and format (npm run lint, npm run format:check)"
lint_failed=0
npx eslint . || lint_failed=1
npx prettier --check --log-level warn . || lint_failed=1
[ "$lint_failed" = 1 ] && echo "Lint or format check failed: npm run lint shows why; npm run format fixes the format."
echo "== Tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json "$@"
status=$?
LINT_FAILED=$lint_failed node -e '
  const fs = require("fs");
  let r = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, testResults: [] };
  try { r = JSON.parse(fs.readFileSync("test-artifacts/vitest.json", "utf8")); } catch { r.numFailedTests = 1; }
  // A test file that fails before running any test (import error, failing hook) counts as one failure.
  const brokenFiles = (r.testResults || []).filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed")).length;
  const skipped = r.numPendingTests ? `, ${r.numPendingTests} skipped` : "";
  const lint = Number(process.env.LINT_FAILED || 0);
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles + lint} failed${skipped}`);
'
[ "$lint_failed" = 1 ] && [ "$status" = 0 ] && status=1
exit $status
