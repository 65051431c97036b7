#!/bin/sh
# What the browser tests (tests/browser/) need besides Python, run by `make test`:
#  - Debian's chromium: installed with apt-get when missing and running as root (as CI
#    does); otherwise left alone, and the browser tests skip saying why (fail under CI=true);
#  - local copies of what the book loads from CDNs, and axe-core: `npm ci` in tests/browser
#    from the committed package-lock.json.
# Touches tests/browser/node_modules/.installed when done, so that it runs again only when
# tests/browser/package*.json change (or when a root install of chromium failed).
dir=tests/browser
ok=1
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing chromium for the browser tests (apt-get)"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
      echo "    apt-get could not install chromium: the browser tests will say so"
      ok=0
    fi
  fi
fi
if command -v npm >/dev/null 2>&1; then
  echo "==> npm ci in $dir (MathJax, math.js and axe-core, served to the browser tests from disk)"
  (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --update-notifier=false --loglevel=error) || ok=0
else
  echo "    npm not found: the browser tests will skip (install Node.js for them)"
  ok=0
fi
if [ "$ok" = 1 ]; then touch "$dir/node_modules/.installed"; fi
exit 0
