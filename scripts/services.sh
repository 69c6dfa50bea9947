# Sourced by scripts/check: the services the engine tests need (tests/test_engines*.py).
# - PostgreSQL from Debian's packages, on 127.0.0.1 and a free port only, in a temporary
#   data folder, run as a non-root user, stopped (and removed) when scripts/check exits;
#   its DSN is exported as JOURNEYMAP_TEST_DSN (unless that is already set).
# - A headless Java 17 (or newer) runtime for Spark's local mode.

need_apt_services=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || need_apt_services+=(postgresql)
java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1 || true)
[ "${java_major:-0}" -ge 17 ] 2>/dev/null || need_apt_services+=(openjdk-17-jre-headless)
if [ ${#need_apt_services[@]} -gt 0 ]; then
  echo "scripts/check: installing ${need_apt_services[*]} (needed by the engine tests)"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${need_apt_services[@]}" >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

if [ -z "${JOURNEYMAP_TEST_DSN:-}" ]; then
  pg_dir=$(mktemp -d /tmp/journeymap-pg.XXXXXX)
  pg_user_run=()
  if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root: the package's `postgres` user runs it.
    pg_owner=postgres
    id -u postgres >/dev/null 2>&1 || pg_owner=nobody
    chown "$pg_owner" "$pg_dir"
    pg_user_run=(runuser -u "$pg_owner" --)
  fi
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  pg_password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  printf '%s\n' "$pg_password" >"$pg_dir/pw"
  [ ${#pg_user_run[@]} -eq 0 ] || chown "$pg_owner" "$pg_dir/pw"
  "${pg_user_run[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U journeymap --pwfile="$pg_dir/pw" \
    --auth=scram-sha-256 --no-locale -E UTF8 >/dev/null
  rm -f "$pg_dir/pw"
  stop_postgres() {
    "${pg_user_run[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  }
  trap stop_postgres EXIT
  "${pg_user_run[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w start \
    -o "-h 127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c full_page_writes=off" >/dev/null
  export JOURNEYMAP_TEST_DSN="postgresql://journeymap:$pg_password@127.0.0.1:$pg_port/postgres"
  echo "scripts/check: PostgreSQL ($("$pg_bin/postgres" --version)) on 127.0.0.1:$pg_port"
fi
