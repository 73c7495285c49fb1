// Deploy gate of the release-coordination plugin, for a declarative Jenkinsfile.
// Copy the stage in front of your deploy stage. Needs a "Secret text"
// credential `backstage-gate-token` holding a static external-access token of
// the Backstage backend (backend.auth.externalAccess), and curl and jq on the
// agent. The stage fails when the gate prevents the deploy and prints each
// reason with a link to the release or freeze that blocks it.
stage('Release gate') {
  environment {
    BACKSTAGE_URL = 'https://backstage.example.com'
    BACKSTAGE_TOKEN = credentials('backstage-gate-token')
    ENTITY_REF = 'component:default/payments-service'
  }
  steps {
    sh '''#!/bin/bash
      set -euo pipefail
      answer=$(curl --silent --show-error --fail-with-body --get \
        --data-urlencode "entityRef=${ENTITY_REF}" \
        --header "Authorization: Bearer ${BACKSTAGE_TOKEN}" \
        "${BACKSTAGE_URL%/}/api/release-coordination/gate") || { echo "The deploy gate could not be asked: ${answer:-no answer}"; exit 2; }
      jq -r '.reasons[] | "  - " + .' <<<"$answer"
      jq -r '(.blockedBy // [])[] | "  blocked by \\(.kind) \\"\\(.title)\\": \\(.url)"' <<<"$answer"
      jq -e '.allowed' <<<"$answer" > /dev/null
    '''
  }
}
