#!/usr/bin/env bash
# Makes sure what the tests need is present and running on loopback, installing from Debian packages when absent:
# Java 17 + Maven + Node/npm (build), iproute2 (ss), redis-server + redis-cli (for the test-owned servers),
# Redis (127.0.0.1:6379), PostgreSQL (127.0.0.1:5432), Chromium + ChromeDriver (browser tests). Idempotent; quiet
# when everything is already there.
set -euo pipefail

log() { echo "ensure-services: $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq >&2 || true; apt_updated=1; fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >&2
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

command -v mvn >/dev/null || apt_install maven
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
# `ss -K` (iproute2) lets FeedReconnectUnderFloodIT kill the feed's upstream sockets
command -v ss >/dev/null || apt_install iproute2

# Redis: the binaries for the test-owned servers (the bus tests start their own redis-server processes on free
# loopback ports, a standalone one and a 3-master cluster, and never touch 6379), and the machine's one on 6379
command -v redis-server >/dev/null && command -v redis-cli >/dev/null || apt_install redis-server redis-tools
if ! port_open 6379; then
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  log "starting redis on 127.0.0.1:6379"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /tmp --logfile /tmp/tickgate-redis.log
fi

# PostgreSQL: the machine's server on 5432 (the store tests create databases of their own in it) and the binaries
# (initdb, pg_ctl) for the test-owned server the store's outage test starts and stops on a free port
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then apt_install postgresql; fi
if ! port_open 5432; then
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  ver="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
  if [ -n "$ver" ]; then
    log "starting postgresql $ver"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start >&2 || true
  fi
fi

# Chromium + ChromeDriver for the dashboard browser test
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  apt_install chromium chromium-driver
fi

for i in $(seq 1 50); do port_open 6379 && break; sleep 0.2; done
for i in $(seq 1 100); do port_open 5432 && break; sleep 0.2; done
port_open 6379 || { log "redis did not come up on 6379"; exit 1; }
port_open 5432 || { log "postgresql did not come up on 5432"; exit 1; }
