#!/usr/bin/env bash
# Pack smoke test: what a user gets from npm. `npm pack` the built package, install the tarball into an
# empty folder with the README's one install line (offline-safe: the npm cache already holds every
# dependency after `npm ci`), then run the package tests and the README's examples against that
# install, and every CLI command: each `--help`, `version`, `score` and `eval` on the shipped
# fixtures, `models list|build|verify`, the `abstain-reward/build` entry (import and require), one worker
# request over a pipe and one HTTP request.
# Usage: bash test/pack/pack-smoke.sh   (after `npm run build`; .ci/run calls it)
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
START=$SECONDS
step() { printf '== pack-smoke [%3ds] %s\n' "$((SECONDS - START))" "$*"; }
fail() { printf 'pack-smoke: %s\n' "$*" >&2; exit 1; }

[ -f dist/cli.js ] && [ -f dist/index.d.ts ] || fail "dist/ is not built; run \`npm run build\` first."

WORK=$(mktemp -d "${TMPDIR:-/tmp}/abstain-pack-XXXXXX")
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

step "npm pack"
TARBALL=$(npm pack --silent --pack-destination "$WORK" | tail -n 1)
TARBALL="$WORK/$TARBALL"
[ -f "$TARBALL" ] || fail "npm pack wrote no tarball."
printf '   %s, %s bytes\n' "$(basename "$TARBALL")" "$(wc -c < "$TARBALL" | tr -d ' ')"
LISTING=$(tar -tzf "$TARBALL")
for file in LICENSE NOTICE README.md dist/index.js dist/index.cjs dist/models.js dist/models.cjs dist/worker.js dist/build.js dist/build.cjs dist/cli.js \
  dist/index.d.ts dist/index.d.cts models/manifest.json fixtures/reward-table.jsonl docs/integrations/python/abstain_reward.py; do
  grep -qx "package/$file" <<<"$LISTING" || fail "the tarball lacks $file."
done
if grep -q '\.map$' <<<"$LISTING"; then fail "the tarball ships source maps without the sources they point at."; fi

# The README's install line, as written, with the tarball in place of the registry name.
INSTALL=$(grep -m 1 -x 'ONNXRUNTIME_NODE_INSTALL=skip npm install abstain-reward' README.md) ||
  fail "README.md has no line 'ONNXRUNTIME_NODE_INSTALL=skip npm install abstain-reward'."
APP="$WORK/app"
mkdir -p "$APP"
printf '{ "name": "pack-smoke-app", "private": true, "type": "module" }\n' > "$APP/package.json"
step "install: ${INSTALL/abstain-reward/<tarball>} --prefer-offline"
(cd "$APP" && eval "${INSTALL/abstain-reward/\"$TARBALL\"} --prefer-offline --no-audit --no-fund --loglevel=error")
PKG="$APP/node_modules/abstain-reward"
CLI="$APP/node_modules/.bin/abstain-reward"
[ -x "$CLI" ] || fail "the install created no abstain-reward bin."
export ABSTAIN_REWARD_MODELS="$WORK/models" ORT_DISABLE_TELEMETRY=1

step "package tests and README examples against the installed package"
ABSTAIN_REWARD_TEST_PACKAGE="$PKG" npx vitest run \
  test/package-entry.test.ts test/package-errors.test.ts test/package-types.test.ts test/readme-example.test.ts

cd "$APP"
step "CLI: --help of every command, version"
"$CLI" --help > /dev/null
for command in score eval worker serve models; do
  "$CLI" "$command" --help | grep -q "Usage: abstain-reward $command" || fail "\`$command --help\` printed no usage."
done
VERSION=$(node -p "require('$PKG/package.json').version")
[ "$("$CLI" version)" = "$VERSION" ] || fail "\`version\` does not print $VERSION."

step "CLI: models list, build, verify"
"$CLI" models list
"$CLI" models build 2>&1
"$CLI" models verify

step "abstain-reward/build: the converter and tokenizer from the installed package, import and require"
node --input-type=module -e '
  const { buildUseLite, UseLiteTokenizer } = await import("abstain-reward/build");
  const { createRequire } = await import("node:module");
  const required = createRequire(process.cwd() + "/")("abstain-reward/build");
  if (typeof buildUseLite !== "function" || required.buildUseLite === undefined || typeof UseLiteTokenizer !== "function")
    throw new Error("abstain-reward/build lacks buildUseLite or UseLiteTokenizer.");
  const { dir, built } = await buildUseLite({ outDir: process.argv[1] });
  console.log(`   buildUseLite → ${dir} (built: ${built})`);
' "$WORK/build-entry-use-lite"

FIXTURES="$PKG/fixtures"
step "CLI: score fixtures/eval-samples.jsonl"
"$CLI" score "$FIXTURES/eval-samples.jsonl" --device cpu > "$WORK/scores.jsonl"
node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const expected = require("fs").readFileSync(process.argv[2], "utf8").trim().split("\n").length;
  if (lines.length !== expected || !lines.every((l) => typeof l.reward === "number" && typeof l.reason === "string"))
    throw new Error(`score wrote ${lines.length} result lines for ${expected} samples, or a line without reward/reason.`);
  console.log(lines.map((l) => `   ${l.id}: ${l.reward} ${l.reason}`).join("\n"));
' "$WORK/scores.jsonl" "$FIXTURES/eval-samples.jsonl"

# Each protocol that `eval --help` lists, on the shipped fixture of its record format.
for protocol in abstain-test sum-strict sum-permissive selfaware; do
  fixture="eval-${protocol%%-*}.jsonl"
  [ "$protocol" = abstain-test ] && fixture=eval-abstain-test.jsonl
  step "CLI: eval fixtures/$fixture --protocol $protocol"
  "$CLI" eval --help | grep -q "^  $protocol " || fail "\`eval --help\` does not list the protocol $protocol."
  "$CLI" eval "$FIXTURES/$fixture" --protocol "$protocol" --device cpu --json > "$WORK/eval-$protocol.json"
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log("   " + JSON.stringify(r).slice(0, 160) + "…");' "$WORK/eval-$protocol.json"
done

step "CLI: worker, one request over a pipe"
REQUEST='{"id":"r1","sample":{"response":"<thinking>2+2</thinking><answer>\\boxed{4}</answer>","answerable":true,"goldAnswer":"4"}}'
REPLY=$(printf '%s\n' "$REQUEST" | "$CLI" worker --device cpu)
printf '%s\n' "$REPLY" | sed 's/^/   /'
[ "$(printf '%s\n' "$REPLY" | grep -c .)" = 2 ] || fail "the worker should answer with a ready line and one result line."
printf '%s\n' "$REPLY" | tail -n 1 | node -e '
  const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
  if (r.id !== "r1" || r.result?.reward !== 2) throw new Error(`worker answered ${JSON.stringify(r)}, expected id r1 with reward 2.`);'

step "CLI: serve, GET /health and POST /score"
"$CLI" serve --port 0 --device cpu > "$WORK/serve.out" 2> "$WORK/serve.err" &
SERVER_PID=$!
for _ in $(seq 1 300); do grep -q '"listening"' "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
URL=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").split("\n")[0]).url' "$WORK/serve.out") ||
  fail "serve printed no listening line: $(cat "$WORK/serve.err")"
node --input-type=module -e '
  const url = process.argv[1];
  const health = await (await fetch(`${url}/health`)).json();
  if (health.ok !== true) throw new Error(`/health answered ${JSON.stringify(health)}.`);
  const sample = { response: "<thinking>x</thinking><answer>\\boxed{4}</answer>", answerable: true, goldAnswer: "4" };
  const scored = await (await fetch(`${url}/score`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ samples: [sample] }) })).json();
  if (scored.results?.[0]?.reward !== 2) throw new Error(`/score answered ${JSON.stringify(scored)}.`);
  console.log(`   ${url}: /health ok, /score reward ${scored.results[0].reward}`);
' "$URL"
kill "$SERVER_PID"
wait "$SERVER_PID" || true
SERVER_PID=

step "passed"
