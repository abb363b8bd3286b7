#!/bin/sh
# The image's entry point: one image for every app, the app chosen at run time by VANGNET_SERVICE
# (access, care-plans, exchange, finance, gateway, housing, procurement). tools/image/image.spec.ts
# starts a service through this same script.
set -eu
cd "$(dirname "$0")"
service="${VANGNET_SERVICE:-}"
main="dist/apps/${service}/src/main.js"
if [ -z "$service" ] || [ ! -f "$main" ]; then
  echo "VANGNET_SERVICE must name one app of this image: $(ls dist/apps | tr '\n' ' ')(got \"${service}\")" >&2
  exit 64
fi
# A small young generation and an old-space ceiling keep a service under 200 MB resident under
# load; finance, which reads 100,000-line declarations, sets NODE_OLD_SPACE_MB=768.
exec node --enable-source-maps --max-semi-space-size=4 --max-old-space-size="${NODE_OLD_SPACE_MB:-128}" "$main"
