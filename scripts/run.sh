#!/bin/sh
# `make run`: initialise var/data once (the ten procedures load with it), then serve it.
# The admin password is kept in var/admin-password (mode 600) so the login can be
# printed on every start; set LOKET_ADMIN_PASSWORD before the first run to choose it.
set -eu
cd "$(dirname "$0")/.."
DATA=${LOKET_DATA:-var/data}
LISTEN=${LOKET_LISTEN:-127.0.0.1:8080}
mkdir -p var
if [ ! -f "$DATA/loket.db" ]; then
  if [ -z "${LOKET_ADMIN_PASSWORD:-}" ]; then
    LOKET_ADMIN_PASSWORD=$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | cut -c1-16)
  fi
  umask 077
  printf '%s\n' "$LOKET_ADMIN_PASSWORD" > var/admin-password
  umask 022
  LOKET_ADMIN_PASSWORD=$LOKET_ADMIN_PASSWORD build/loket init --data "$DATA"
else
  build/loket init --data "$DATA" >/dev/null
fi
echo
echo "  Loket:    http://$LISTEN/"
if [ -f var/admin-password ]; then
  echo "  Sign in:  admin / $(cat var/admin-password)   (kept in var/admin-password)"
else
  echo "  Sign in:  admin / the password given when $DATA was initialised"
fi
echo "  Data:     $DATA   (back up with: build/loket backup FILE --data $DATA)"
echo "  Stop:     Ctrl-C"
echo
exec build/loket serve --data "$DATA" --listen "$LISTEN"
