#!/usr/bin/env bash
# Sends a JSON file as a signed webhook (Standard Webhooks v1), the way the platform does.
#   send-sample.sh FILE [URL]
# The secret is taken from WEBHOOK_SECRET (whsec_...), by default the local-run secret.
set -euo pipefail
file=${1:?usage: send-sample.sh FILE [URL]}
url=${2:-http://localhost:8080/webhooks/cobrowse}
secret=${WEBHOOK_SECRET:-whsec_bG9jYWwtb25seS1jb2Jyb3dzZS1pbmdlc3Qtc2VjcmV0}
id=${WEBHOOK_ID:-msg_$(date +%s%N)}
ts=$(date +%s)
key=$(printf '%s' "${secret#whsec_}" | base64 -d | od -An -tx1 | tr -d ' \n')
sig=$({ printf '%s.%s.' "$id" "$ts"; cat "$file"; } | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key" -binary | base64)
curl -sS -i -X POST "$url" \
  -H "content-type: application/json" \
  -H "webhook-id: $id" \
  -H "webhook-timestamp: $ts" \
  -H "webhook-signature: v1,$sig" \
  --data-binary "@$file"
echo
