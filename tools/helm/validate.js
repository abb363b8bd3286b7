#!/usr/bin/env node
// Validates rendered Kubernetes objects: against the API's schema (tools/helm/k8s-schema, strict:
// unknown fields are errors), and every pod template against the Pod Security Standards'
// "restricted" profile (https://kubernetes.io/docs/concepts/security/pod-security-standards/,
// the checks of the latest policy version, baseline ones included).
//
//   node tools/helm/validate.js        renders the golden cases and prints what it checked
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const here = __dirname;
const schema = JSON.parse(readFileSync(join(here, 'k8s-schema', 'schema.json'), 'utf8'));

const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

function check(value, s, path, errors) {
  if (s.$ref) return check(value, schema.definitions[s.$ref.slice('#/definitions/'.length)], path, errors);
  if (s.type) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const actual = typeOf(value);
    const ok = types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
    if (!ok) {
      errors.push(`${path || '/'}: expected ${types.join(' or ')}, got ${actual}`);
      return;
    }
  }
  if (typeOf(value) === 'object') {
    for (const r of s.required ?? []) if (value[r] === undefined) errors.push(`${path}: required field "${r}" is missing`);
    for (const [k, v] of Object.entries(value)) {
      if (s.properties?.[k]) check(v, s.properties[k], `${path}/${k}`, errors);
      else if (s.additionalProperties === false) errors.push(`${path}: unknown field "${k}"`);
      else if (typeof s.additionalProperties === 'object') check(v, s.additionalProperties, `${path}/${k}`, errors);
    }
  }
  if (typeOf(value) === 'array' && s.items) value.forEach((v, i) => check(v, s.items, `${path}/${i}`, errors));
}

/** Schema errors of one object (its kind and apiVersion must be ones the schema knows). */
function schemaErrors(obj) {
  const kind = schema.kinds[obj?.kind];
  if (!kind) return [`kind ${obj?.kind} is not in tools/helm/k8s-schema (add it to KINDS and regenerate)`];
  const errors = [];
  if (obj.apiVersion !== kind.apiVersion) errors.push(`/apiVersion: ${obj.kind} is ${kind.apiVersion}, not ${obj.apiVersion}`);
  if (!obj.metadata?.name) errors.push('/metadata/name: required');
  else if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(obj.metadata.name) || obj.metadata.name.length > 253) {
    errors.push(`/metadata/name: "${obj.metadata.name}" is not a DNS subdomain name`);
  }
  if (['Service', 'Deployment'].includes(obj.kind) && obj.metadata?.name?.length > 63) errors.push(`/metadata/name: longer than 63 characters`);
  for (const [k, v] of Object.entries(obj.metadata?.labels ?? {})) {
    if (typeof v !== 'string' || v.length > 63 || !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v)) errors.push(`/metadata/labels/${k}: "${v}" is not a label value`);
  }
  check(obj, { $ref: `#/definitions/${kind.model}` }, '', errors);
  return errors;
}

/** The pod template of a workload, if it has one. */
function podSpecOf(obj) {
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(obj.kind)) return { spec: obj.spec?.template?.spec, meta: obj.spec?.template?.metadata };
  if (obj.kind === 'CronJob') return { spec: obj.spec?.jobTemplate?.spec?.template?.spec, meta: obj.spec?.jobTemplate?.spec?.template?.metadata };
  if (obj.kind === 'Pod') return { spec: obj.spec, meta: obj.metadata };
  return undefined;
}

const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
]);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** Violations of the "restricted" Pod Security Standard by one pod spec (empty: admitted). */
function restrictedViolations(spec, meta = {}) {
  const v = [];
  const pod = spec.securityContext ?? {};
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
  // Baseline.
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[f] === true) v.push(`${f} is true`);
  if (pod.windowsOptions?.hostProcess) v.push('pod: windowsOptions.hostProcess');
  for (const vol of spec.volumes ?? []) {
    const type = Object.keys(vol).find((k) => k !== 'name');
    if (!RESTRICTED_VOLUMES.includes(type)) v.push(`volume ${vol.name}: type ${type} is not allowed`);
  }
  for (const s of pod.sysctls ?? []) if (!SAFE_SYSCTLS.has(s.name)) v.push(`sysctl ${s.name} is not safe`);
  const selinux = (ctx, who) => {
    const o = ctx?.seLinuxOptions;
    if (!o) return;
    if (!SELINUX_TYPES.has(o.type ?? '')) v.push(`${who}: seLinuxOptions.type ${o.type}`);
    if (o.user || o.role) v.push(`${who}: seLinuxOptions user/role set`);
  };
  const apparmor = (ctx, who) => {
    const t = ctx?.appArmorProfile?.type;
    if (t && t !== 'RuntimeDefault' && t !== 'Localhost') v.push(`${who}: appArmorProfile ${t}`);
  };
  selinux(pod, 'pod');
  apparmor(pod, 'pod');
  for (const [k, a] of Object.entries(meta?.annotations ?? {})) {
    if (k.startsWith('container.apparmor.security.beta.kubernetes.io/') && a !== 'runtime/default' && !a.startsWith('localhost/')) v.push(`annotation ${k}: ${a}`);
  }
  // Restricted: runAsNonRoot and seccomp at the pod level, or on every container.
  const podNonRoot = pod.runAsNonRoot === true;
  const podSeccomp = ['RuntimeDefault', 'Localhost'].includes(pod.seccompProfile?.type);
  if (pod.runAsUser === 0) v.push('pod: runAsUser 0');
  if (pod.seccompProfile?.type === 'Unconfined') v.push('pod: seccomp Unconfined');
  for (const c of containers) {
    const who = `container ${c.name}`;
    const sc = c.securityContext ?? {};
    if (sc.privileged === true) v.push(`${who}: privileged`);
    if (sc.windowsOptions?.hostProcess) v.push(`${who}: windowsOptions.hostProcess`);
    for (const p of c.ports ?? []) if (p.hostPort) v.push(`${who}: hostPort ${p.hostPort}`);
    if (sc.procMount && sc.procMount !== 'Default') v.push(`${who}: procMount ${sc.procMount}`);
    selinux(sc, who);
    apparmor(sc, who);
    if (sc.allowPrivilegeEscalation !== false) v.push(`${who}: allowPrivilegeEscalation is not false`);
    if (sc.runAsNonRoot === false || (!podNonRoot && sc.runAsNonRoot !== true)) v.push(`${who}: runAsNonRoot is not true`);
    if (sc.runAsUser === 0) v.push(`${who}: runAsUser 0`);
    const seccomp = sc.seccompProfile?.type;
    if (seccomp === 'Unconfined' || (!podSeccomp && !['RuntimeDefault', 'Localhost'].includes(seccomp))) v.push(`${who}: seccompProfile is not RuntimeDefault or Localhost`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) v.push(`${who}: capabilities do not drop ALL`);
    for (const cap of sc.capabilities?.add ?? []) if (cap !== 'NET_BIND_SERVICE') v.push(`${who}: adds capability ${cap}`);
  }
  return v;
}

module.exports = { schema, schemaErrors, podSpecOf, restrictedViolations };

if (require.main === module) {
  const { GOLDEN_CASES, renderCase } = require('./render.js');
  let failed = 0;
  for (const name of Object.keys(GOLDEN_CASES)) {
    const { objects } = renderCase(name);
    const kinds = {};
    let caseFailed = 0;
    for (const { source, object } of objects) {
      kinds[object.kind] = (kinds[object.kind] ?? 0) + 1;
      const errors = schemaErrors(object);
      const pod = podSpecOf(object);
      if (pod) errors.push(...restrictedViolations(pod.spec, pod.meta).map((x) => `restricted: ${x}`));
      for (const e of errors) console.log(`${name}: ${source} ${object.kind}/${object.metadata?.name}: ${e}`);
      caseFailed += errors.length;
    }
    failed += caseFailed;
    console.log(`[helm] ${name}: ${objects.length} objects (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ')}), schema and restricted checks: ${caseFailed ? `${caseFailed} FAILED` : 'ok'}`);
  }
  console.log(`[helm] ${schema.$comment}`);
  process.exit(failed ? 1 : 0);
}
