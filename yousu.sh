#!/usr/bin/env bash
# yousu.sh — set up, build, test and demo yousu on a fresh Debian 12.
#   ./yousu.sh demo [--keep] [--profile NAME]   build, then run the demo
#   ./yousu.sh test                             build, then run every test
#   ./yousu.sh test-sanitize                    the same under ASan+UBSan
#   ./yousu.sh build | deps | clean
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(build-essential cmake pkg-config libnng-dev libprotobuf-c-dev
	protobuf-c-compiler libsqlite3-dev sqlite3 libsodium-dev libinih-dev
	libcjson-dev libxlsxwriter-dev libcmocka-dev jq iproute2
	mosquitto libmosquitto-dev openssl libgoogle-perftools-dev python3
	libmicrohttpd-dev libgnutls28-dev libsystemd-dev curl
	libjs-bootstrap5 libjs-chart.js fonts-noto-cjk
	chromium chromium-driver python3-selenium)
JOBS=$(nproc 2>/dev/null || echo 2)

deps() {
	local missing=()
	for p in "${PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "yousu.sh: missing Debian packages; install them with:" >&2
		echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	echo "yousu.sh: installing ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# build DIR [cmake args...]
build() {
	local dir=$1
	shift
	deps
	cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
	cmake --build "$dir" -j"$JOBS"
}

run_tests() {
	local dir=$1
	shift
	build "$dir" "$@"
	ctest --test-dir "$dir" --output-on-failure -j"$JOBS" --timeout 600
}

case "${1:-help}" in
deps) deps ;;
build) build build ;;
test) run_tests build ;;
test-sanitize)
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	run_tests build-asan -DYOUSU_SANITIZER=address,undefined -DCMAKE_BUILD_TYPE=Debug
	;;
demo)
	shift
	build build >/dev/null
	exec bash scripts/demo.sh "$@"
	;;
clean) rm -rf build build-asan ;;
*)
	sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
	[ "${1:-help}" = help ]
	;;
esac
