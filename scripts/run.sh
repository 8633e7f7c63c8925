#!/bin/sh
# `make run`: initialise var/data once, then serve it.
# The admin password is kept in DATA/admin-password (mode 600) so the login can be
# printed on every start; set LOKET_ADMIN_PASSWORD before the first run to choose it.
# Loket deletes the file when admin's password is changed (/akun, the API, a reset, the CLI).
set -eu
cd "$(dirname "$0")/.."
DATA=${LOKET_DATA:-var/data}
LISTEN=${LOKET_LISTEN:-127.0.0.1:8080}
HOST=${LISTEN%:*} PORT=${LISTEN##*:}
case $HOST in   # an IPv6 address is written in brackets ([::1]:8080): said before anything is done
  \[*) ;;
  *:*) echo "run.sh: LOKET_LISTEN=$LISTEN: write an IPv6 address in brackets, like [::1]:$PORT or [::]:$PORT (every address, IPv6 and IPv4)" >&2
       exit 2 ;;
esac
# a new folder, or one whose SQLite database is gone (a folder on PostgreSQL has no loket.db)
if [ ! -f "$DATA/loket.db" ] && ! grep -qs '^[[:space:]]*db[[:space:]]*=[[:space:]]*postgres' "$DATA/loket.conf"; then
  if [ -z "${LOKET_ADMIN_PASSWORD:-}" ]; then
    LOKET_ADMIN_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | cut -c1-16)   # 32 before / and + go: 16 left
  fi
  LOKET_ADMIN_PASSWORD=$LOKET_ADMIN_PASSWORD build/loket init --data "$DATA"
  (umask 077; printf '%s\n' "$LOKET_ADMIN_PASSWORD" > "$DATA/admin-password")
else
  build/loket init --data "$DATA" >/dev/null
fi
echo
if [ "$HOST" = 0.0.0.0 ] || [ "$HOST" = "[::]" ]; then
  # every address: one a person can open here, and this machine's own for the others when known
  echo "  Loket:    http://127.0.0.1:$PORT/   (listening on every address of this machine)"
  OWN=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -m1 '^[0-9][0-9.]*$' || true)
  [ -z "$OWN" ] || echo "            http://$OWN:$PORT/   (from another machine)"
else
  echo "  Loket:    http://$LISTEN/"
fi
if [ -f "$DATA/admin-password" ]; then
  echo "  Sign in:  admin / $(cat "$DATA/admin-password")   (kept in $DATA/admin-password)"
else
  echo "  Sign in:  admin / the password changed since $DATA/admin-password was made, or given to init"
  echo "            forgotten: build/loket user passwd admin --data $DATA   (a new one, to change at sign-in)"
fi
echo "  Data:     $DATA   (back up with: build/loket backup FILE --data $DATA)"
# the office's procedures in use: the built-in ones and any it loaded, less those it retired
echo "  Procedures: $(build/loket sop list --data "$DATA" | grep -vc 'retired\]$') loaded (build/loket sop list --data $DATA; /prosedur in the browser)"
echo "  Stop:     Ctrl-C"
echo
exec build/loket serve --data "$DATA" --listen "$LISTEN"
