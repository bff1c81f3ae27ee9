#!/usr/bin/env bash
# Two laptops on a phone's hotspot, as two network namespaces joined by a
# veth pair (addresses the test makes itself): each finds the other by
# mDNS, by name, and they sync both ways; then one of them disappears
# mid-way, and the next sync carries on. Needs root (network namespaces);
# refuses to pass without them.
#   tests/nearby/two-namespaces.sh path/to/binome
set -Eeuo pipefail
binome="$(realpath "${1:?the binome CLI to run}")"
[ "$(id -u)" = 0 ] || { echo "two-namespaces.sh: needs root for network namespaces" >&2; exit 1; }

suffix="$$"
ns_a="binome-a-$suffix" ns_b="binome-b-$suffix"
work="$(mktemp -d)"
cleanup() {
    ip netns del "$ns_a" 2>/dev/null || true
    ip netns del "$ns_b" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
# What the background laptops said, when a step fails.
trap 'echo "two-namespaces.sh: line $LINENO failed" >&2; cat "$work"/*.err >&2 2>/dev/null || true' ERR

ip netns add "$ns_a"
ip netns add "$ns_b"
ip link add "veth-a-$suffix" type veth peer name "veth-b-$suffix"
ip link set "veth-a-$suffix" netns "$ns_a"
ip link set "veth-b-$suffix" netns "$ns_b"
ip -n "$ns_a" addr add 10.77.0.1/24 dev "veth-a-$suffix"
ip -n "$ns_b" addr add 10.77.0.2/24 dev "veth-b-$suffix"
for ns in "$ns_a" "$ns_b"; do
    ip -n "$ns" link set lo up
done
ip -n "$ns_a" link set "veth-a-$suffix" up multicast on
ip -n "$ns_b" link set "veth-b-$suffix" up multicast on

export BINOME_PASSPHRASE="deux portables dans la cour"
a=(--db "$work/a/store.sqlite3")
b=(--db "$work/b/store.sqlite3")
"$binome" "${a[@]}" init --name portable-claire --author "Claire Durand" --role expert >/dev/null
"$binome" "${b[@]}" init --name bureau-ndjamena --author "Fatimé Ngaba" --role coordinator >/dev/null
# First contact by file, as people do after reading fingerprints aloud.
"$binome" "${a[@]}" bundle export --out "$work/hello-a.binome" >/dev/null
"$binome" "${b[@]}" bundle export --out "$work/hello-b.binome" >/dev/null
"$binome" "${b[@]}" bundle import "$work/hello-a.binome" >/dev/null
"$binome" "${a[@]}" bundle import "$work/hello-b.binome" >/dev/null
"$binome" "${b[@]}" devices trust portable-claire >/dev/null
"$binome" "${a[@]}" devices trust bureau-ndjamena >/dev/null
"$binome" "${a[@]}" demo --scale mission >/dev/null
"$binome" "${b[@]}" programmes add --code PASA2 --name "PASA 2" --country GN --start-date 01/01/2020 >/dev/null

# b waits on every interface and announces itself; a finds it by name.
sync_by_name() {
    ip netns exec "$ns_b" "$binome" "${b[@]}" sync nearby --listen >"$work/listen.out" 2>"$work/listen.err" &
    local listener=$!
    # mDNS probes its name for about a second before it announces.
    sleep 2
    ip netns exec "$ns_a" "$binome" "${a[@]}" --json sync nearby --peer bureau-ndjamena >"$work/peer.out"
    wait "$listener"
}
sync_by_name
grep -q "10.77.0.2\|0.0.0.0:47474" "$work/listen.out" || { echo "listener's first line: $(head -1 "$work/listen.out")" >&2; exit 1; }
dump_a="$("$binome" "${a[@]}" dump)"
dump_b="$("$binome" "${b[@]}" dump)"
[ "$dump_a" = "$dump_b" ] || { echo "the two stores differ after a sync by mDNS" >&2; exit 1; }
python3 - "$work/peer.out" <<'PY'
import json, sys
out = json.load(open(sys.argv[1]))
assert out["peer"]["name"] == "bureau-ndjamena", out["peer"]
assert out["sent"]["versions"] > 600, out["sent"]
assert out["received"]["counts"]["programmes"]["new"] == 1, out["received"]
PY

# Found without a name: the list shows it by the name known here (asked
# again if the first search came back empty, as a person would).
ip netns exec "$ns_b" "$binome" "${b[@]}" sync nearby --listen >/dev/null 2>"$work/listen-pick.err" &
listener=$!
sleep 2
for attempt in 1 2 3; do
    if echo 1 | ip netns exec "$ns_a" "$binome" "${a[@]}" sync nearby >"$work/pick.out" 2>"$work/pick.err"; then break; fi
    [ "$attempt" -lt 3 ] || { echo "nothing found three times" >&2; false; }
done
wait "$listener"
grep -q "bureau-ndjamena" "$work/pick.out" || { echo "the list: $(cat "$work/pick.out")" >&2; exit 1; }

# The coordinator's laptop goes away in the middle of the next sync (its
# process killed): both stores stay whole, and the sync after carries on.
"$binome" "${a[@]}" programmes add --code PASSM --name "PASS Mali" --country ML --start-date 01/01/2021 >/dev/null
ip netns exec "$ns_b" "$binome" "${b[@]}" sync nearby --listen >/dev/null 2>&1 &
listener=$!
sleep 2
ip netns exec "$ns_a" "$binome" "${a[@]}" sync nearby --peer 10.77.0.2 >/dev/null 2>&1 &
connector=$!
sleep 0.2
kill -9 "$listener" 2>/dev/null || true
wait "$connector" 2>/dev/null || true
wait "$listener" 2>/dev/null || true
"$binome" "${a[@]}" check >/dev/null
"$binome" "${b[@]}" check >/dev/null
sync_by_name
[ "$("$binome" "${a[@]}" dump)" = "$("$binome" "${b[@]}" dump)" ] || { echo "not the same after resuming" >&2; exit 1; }
echo "two-namespaces: found by mDNS, synced both ways, cut and resumed"
