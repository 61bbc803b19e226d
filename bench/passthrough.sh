#!/usr/bin/env bash
# Pass-through benchmark: wrk against (1) an nginx origin directly, (2) nginx as a reverse proxy in front of it,
# (3) Sealgate in front of it; 1 KiB responses (requests/s, latency percentiles) and 10 MiB responses (MB/s).
# Prints a table and the ratios Sealgate/nginx. Needs nginx and wrk (Debian), Java 17, the built jar.
#
#   bench/passthrough.sh [--duration 15s] [--connections 64] [--threads 2] [--workers 2]
set -euo pipefail
cd "$(dirname "$0")/.."

duration=15s; connections=64; wrk_threads=2; workers=2
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2;;
    --connections) connections=$2; shift 2;;
    --threads) wrk_threads=$2; shift 2;;
    --workers) workers=$2; shift 2;;
    *) echo "usage: $0 [--duration 15s] [--connections 64] [--threads 2] [--workers 2]" >&2; exit 2;;
  esac
done
for tool in nginx wrk java; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "missing: $tool (apt-get install nginx wrk)" >&2; exit 2; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -f proxy-core/target/sealgate.jar ] || mvn -B -q -DskipTests package

work=$(mktemp -d /tmp/sealgate-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/origin/nginx.pid" ] && kill "$(cat "$work/origin/nginx.pid")" 2>/dev/null || true
  [ -f "$work/proxy/nginx.pid" ] && kill "$(cat "$work/proxy/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
origin_port=$(free_port); nginx_port=$(free_port); sealgate_port=$(free_port)

mkdir -p "$work/origin/www" "$work/proxy"
head -c 1024 /dev/urandom > "$work/origin/www/1k"
head -c $((10 * 1024 * 1024)) /dev/urandom > "$work/origin/www/10m"
# nginx workers run as an unprivileged user: let them read the files.
chmod 755 "$work" "$work/origin" "$work/origin/www" && chmod 644 "$work/origin/www/"*

# The origin: nginx serving static files; enough workers that it is never the bottleneck.
cat > "$work/origin/nginx.conf" <<CONF
worker_processes 2;
pid $work/origin/nginx.pid;
error_log $work/origin/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  server { listen 127.0.0.1:$origin_port; root $work/origin/www; }
}
CONF

# The peer: nginx as a reverse proxy with a default-style config (keep-alive to the upstream, as Sealgate does),
# the same number of workers as Sealgate has event-loop threads, access log on like Sealgate's.
cat > "$work/proxy/nginx.conf" <<CONF
worker_processes $workers;
pid $work/proxy/nginx.pid;
error_log $work/proxy/error.log;
events { worker_connections 4096; }
http {
  access_log $work/proxy/access.log;
  keepalive_requests 100000;
  upstream origin { server 127.0.0.1:$origin_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
CONF

cat > "$work/sealgate.yaml" <<CONF
server:
  io-threads: $workers
listeners:
  - host: 127.0.0.1
    port: $sealgate_port
upstreams:
  origin:
    url: http://127.0.0.1:$origin_port
    pool-size: 64
routes:
  - name: all
    match:
      path-prefix: /
    upstream: origin
    action: pass
CONF

"$NGINX" -c "$work/origin/nginx.conf" -e "$work/origin/error.log"
"$NGINX" -c "$work/proxy/nginx.conf" -e "$work/proxy/error.log"
java -Xmx512m -jar proxy-core/target/sealgate.jar serve --config "$work/sealgate.yaml" > "$work/sealgate.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$sealgate_port/.sealgate/health" >/dev/null && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$sealgate_port/1k" -o /dev/null || { echo "Sealgate does not proxy:"; curl -s -i "http://127.0.0.1:$sealgate_port/1k" | head -20; cat "$work/sealgate.log"; exit 1; }

# wrk output -> "rps p50_ms p99_ms mb_per_s"
measure() {
  local url=$1 out
  out=$(wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency "$url")
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
def ms(v):
    n, unit = re.match(r"([\d.]+)(us|ms|s)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
p50 = ms(re.search(r"\s50%\s+(\S+)", out).group(1))
p99 = ms(re.search(r"\s99%\s+(\S+)", out).group(1))
t, unit = re.search(r"Transfer/sec:\s+([\d.]+)(\w+)", out).groups()
mbs = float(t) * {"B": 1e-6, "KB": 1.024e-3, "MB": 1.048576, "GB": 1073.741824}[unit]
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
if errors:
    sys.exit("non-2xx responses: " + errors.group(1))
print(f"{rps:.0f} {p50:.2f} {p99:.2f} {mbs:.1f}")
PY
}

# Warm-up (JIT for Sealgate; page cache for everyone).
wrk -t1 -c8 -d5s "http://127.0.0.1:$sealgate_port/1k" >/dev/null
wrk -t1 -c8 -d3s "http://127.0.0.1:$sealgate_port/10m" >/dev/null

declare -A result
for target in direct nginx sealgate; do
  case $target in direct) port=$origin_port;; nginx) port=$nginx_port;; sealgate) port=$sealgate_port;; esac
  result[$target,1k]=$(measure "http://127.0.0.1:$port/1k")
  result[$target,10m]=$(measure "http://127.0.0.1:$port/10m")
done

echo
echo "Pass-through, $(nproc) cores, wrk -t$wrk_threads -c$connections -d$duration, $workers nginx workers / Sealgate event loops"
printf "%-10s %12s %10s %10s %14s %10s\n" target "1KiB req/s" "p50 ms" "p99 ms" "10MiB MB/s" "p99 ms"
for target in direct nginx sealgate; do
  read -r rps p50 p99 _ <<< "${result[$target,1k]}"
  read -r _ _ p99b mbs <<< "${result[$target,10m]}"
  printf "%-10s %12s %10s %10s %14s %10s\n" "$target" "$rps" "$p50" "$p99" "$mbs" "$p99b"
done
python3 - "${result[nginx,1k]}" "${result[sealgate,1k]}" "${result[nginx,10m]}" "${result[sealgate,10m]}" <<'PY'
import sys
n1, s1, n10, s10 = (list(map(float, a.split())) for a in sys.argv[1:])
print()
print(f"Sealgate/nginx: 1KiB req/s {s1[0]/n1[0]:.2f}x (target >= 1.0), p99 {s1[2]/n1[2]:.2f}x (target <= 1.2); "
      f"10MiB MB/s {s10[3]/n10[3]:.2f}x (target >= 1.0), p99 {s10[2]/n10[2]:.2f}x")
PY
