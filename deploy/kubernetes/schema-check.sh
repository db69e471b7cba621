#!/bin/bash
# Optional: validates every manifest the kustomization lists against the Kubernetes OpenAPI schemas
# (types, enums, required fields) with the npm package kubernetes-models, offline once installed.
# Run by `mvn verify` (KubernetesSchemaIT; it needs Node.js, and the npm registry once);
# KubernetesManifestsTest checks what the server needs, and the field names this schema lets through
# (it allows unknown fields).
#   deploy/kubernetes/schema-check.sh [WORK_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-${TMPDIR:-/tmp}/featurewatch-schema-check}
mkdir -p "$work"
if [ ! -d "$work/node_modules/kubernetes-models" ]; then
  (cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund kubernetes-models@4.5.1 js-yaml@4.1.0 >/dev/null)
fi
cd "$work"
node - "$here" <<'JS'
const yaml = require('js-yaml'), fs = require('fs'), path = require('path');
const dir = process.argv[2];
const models = {
  'v1/Namespace': ['v1', 'Namespace'], 'v1/ConfigMap': ['v1', 'ConfigMap'], 'v1/Service': ['v1', 'Service'],
  'apps/v1/StatefulSet': ['apps/v1', 'StatefulSet'], 'policy/v1/PodDisruptionBudget': ['policy/v1', 'PodDisruptionBudget'],
  'autoscaling/v2/HorizontalPodAutoscaler': ['autoscaling/v2', 'HorizontalPodAutoscaler'],
};
let bad = 0;
for (const file of yaml.load(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')).resources) {
  for (const doc of yaml.loadAll(fs.readFileSync(path.join(dir, file), 'utf8'))) {
    const key = `${doc.apiVersion}/${doc.kind}`;
    if (!models[key]) { bad++; console.log(`${file}: ${key}: no schema here`); continue; }
    const [module, kind] = models[key];
    try {
      new (require(`kubernetes-models/${module}`)[kind])(doc).validate();
      console.log(`${file}: ${key} ${doc.metadata.name}: valid`);
    } catch (e) {
      bad++;
      for (const err of e.errors || [e]) console.log(`${file}: ${key}: ${err.instancePath || ''} ${err.message}`);
    }
  }
}
process.exit(bad ? 1 : 0);
JS
