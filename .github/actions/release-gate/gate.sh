#!/usr/bin/env bash
# Asks the release-coordination deploy gate whether ENTITY_REF may be
# deployed now (or at AT) and exits 1 when it is prevented, printing each
# reason and a link to every release or freeze that blocks it.
#
#   BACKSTAGE_URL    the backend's base URL, e.g. https://backstage.example.com
#   BACKSTAGE_TOKEN  a static external-access token (backend.auth.externalAccess)
#   ENTITY_REF       e.g. component:default/payments-service
#   AT               optional ISO 8601 time; now by default
#
# Exit codes: 0 allowed, 1 prevented, 2 the gate could not be asked.
# Under GitHub Actions it writes the outputs allowed, status, reasons and
# blocked-by (JSON) to $GITHUB_OUTPUT and annotates the run.
set -euo pipefail

: "${BACKSTAGE_URL:?set BACKSTAGE_URL}" "${BACKSTAGE_TOKEN:?set BACKSTAGE_TOKEN}" "${ENTITY_REF:?set ENTITY_REF}"

query=(--data-urlencode "entityRef=${ENTITY_REF}")
if [[ -n "${AT:-}" ]]; then query+=(--data-urlencode "at=${AT}"); fi

if ! answer=$(curl --silent --show-error --fail-with-body --get "${query[@]}" \
  --header "Authorization: Bearer ${BACKSTAGE_TOKEN}" \
  "${BACKSTAGE_URL%/}/api/release-coordination/gate"); then
  echo "The deploy gate could not be asked: ${answer:-no answer}" >&2
  exit 2
fi

status=$(jq -r '.status' <<<"$answer")
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  {
    echo "allowed=$(jq -r '.allowed' <<<"$answer")"
    echo "status=${status}"
    echo "reasons=$(jq -c '.reasons' <<<"$answer")"
    echo "blocked-by=$(jq -c '.blockedBy // []' <<<"$answer")"
  } >>"$GITHUB_OUTPUT"
fi

if [[ "$status" == "allowed" ]]; then
  echo "Deploy of ${ENTITY_REF} allowed:"
  jq -r '.reasons[] | "  - " + .' <<<"$answer"
  exit 0
fi

echo "Deploy of ${ENTITY_REF} prevented:"
jq -r '.reasons[] | "  - " + .' <<<"$answer"
jq -r '(.blockedBy // [])[] | "  blocked by \(.kind) \"\(.title)\": \(.url)"' <<<"$answer"
if [[ -n "${GITHUB_ACTIONS:-}" ]]; then
  jq -r --arg ref "$ENTITY_REF" \
    '.reasons[] | "::error title=Deploy gate (\($ref))::" + .' <<<"$answer"
fi
exit 1
