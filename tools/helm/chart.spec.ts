// The Helm chart (docker/helm/vangnet), rendered without the helm binary (tools/helm/render.js)
// for the defaults and a production-like set of values: the output matches the committed golden
// files, every object passes the Kubernetes API's schema (strict) and every pod the Pod Security
// "restricted" profile, and the chart keeps its promises (only the gateway takes outside traffic,
// no /metrics or /docs through the Ingress, NATS secrets mounted, escape hatches work).
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, cpSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const { renderCase, renderChart, GOLDEN_CASES, TemplateError } = require('./render.js');
const { schemaErrors, podSpecOf, restrictedViolations } = require('./validate.js');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type K8s = any;
const repo = join(__dirname, '..', '..');
const chartDir = join(repo, 'docker', 'helm', 'vangnet');
const APPS = ['access', 'care-plans', 'exchange', 'finance', 'gateway', 'housing', 'procurement'];

const render = (name: string): K8s[] => renderCase(name).objects.map((o: { object: K8s }) => o.object);
const byKind = (objs: K8s[], kind: string) => objs.filter((o) => o.kind === kind);
const named = (objs: K8s[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);

describe.each(Object.keys(GOLDEN_CASES))('the chart with the %s values', (name) => {
  const objects = render(name);

  it('renders what the golden file holds (node tools/helm/render.js --update-golden after a deliberate change)', () => {
    expect(renderCase(name).text).toBe(readFileSync(join(__dirname, 'golden', `${name}.yaml`), 'utf8'));
  });

  it('renders only objects the Kubernetes API accepts (strict schema)', () => {
    const errors = objects.flatMap((o) => schemaErrors(o).map((e: string) => `${o.kind}/${o.metadata?.name}: ${e}`));
    expect(errors).toEqual([]);
    expect(objects.length).toBe(31);
  });

  it('renders pods the "restricted" Pod Security profile admits, hardened beyond it', () => {
    const deployments = byKind(objects, 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(APPS.map((a) => `vangnet-${a}`));
    for (const d of deployments) {
      const pod = podSpecOf(d);
      expect(restrictedViolations(pod.spec, pod.meta)).toEqual([]);
      const spec = pod.spec;
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
      expect(spec.automountServiceAccountToken).toBe(false);
      expect(spec.serviceAccountName).toBe('vangnet');
      const [c] = spec.containers;
      const app = d.metadata.labels['app.kubernetes.io/name'];
      expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(c.securityContext.capabilities.add).toBeUndefined();
      // Writable only the emptyDirs.
      const mounts = Object.fromEntries(c.volumeMounts.map((m: K8s) => [m.name, m]));
      expect(mounts.tmp.mountPath).toBe('/tmp');
      expect(mounts.data.mountPath).toBe('/var/lib/vangnet');
      for (const v of spec.volumes) expect(v.emptyDir ?? v.secret ?? (name === 'production' && app === 'exchange' && v.persistentVolumeClaim)).toBeTruthy();
      for (const m of c.volumeMounts) if (!['tmp', 'data', 'drop'].includes(m.name)) expect(m.readOnly).toBe(true);
      // Probes, preStop and resources.
      expect(c.startupProbe.httpGet.path).toBe(`/api/${app}/health/live`);
      expect(c.livenessProbe.httpGet.path).toBe(`/api/${app}/health/live`);
      expect(c.readinessProbe.httpGet.path).toBe(`/api/${app}/health/ready`);
      expect(c.lifecycle.preStop.exec.command).toEqual(['sleep', '5']);
      expect(spec.terminationGracePeriodSeconds).toBeGreaterThan(5 + 15);
      expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
      expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'memory']);
      // One image, the app chosen by VANGNET_SERVICE; no variable set twice.
      const env = c.env.map((e: K8s) => e.name);
      expect(new Set(env).size).toBe(env.length);
      expect(c.env.find((e: K8s) => e.name === 'VANGNET_SERVICE').value).toBe(app);
      expect(c.env.find((e: K8s) => e.name === 'VANGNET_DEV_IDP').value).toBe('false');
      expect(c.env.find((e: K8s) => e.name === 'VANGNET_OPENAPI').value).toBe('false');
      expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    }
    expect(new Set(deployments.map((d) => d.spec.template.spec.containers[0].image)).size).toBe(1);
  });

  it('gives every service a Service, a PodDisruptionBudget and a NetworkPolicy that select its pods', () => {
    for (const app of APPS) {
      const selector = named(objects, 'Deployment', `vangnet-${app}`).spec.selector.matchLabels;
      expect(named(objects, 'Service', `vangnet-${app}`).spec.selector).toEqual(selector);
      const pdb = named(objects, 'PodDisruptionBudget', `vangnet-${app}`);
      expect(pdb.spec.selector.matchLabels).toEqual(selector);
      expect(pdb.spec.maxUnavailable).toBe(1);
      expect(named(objects, 'NetworkPolicy', `vangnet-${app}`).spec.podSelector.matchLabels).toEqual(selector);
    }
    expect(named(objects, 'ServiceAccount', 'vangnet').automountServiceAccountToken).toBe(false);
  });

  it('lets only the gateway take traffic from outside; the services reach DNS, PostgreSQL, NATS and the IdP', () => {
    const deny = named(objects, 'NetworkPolicy', 'vangnet-default-deny');
    expect(deny.spec).toEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'vangnet', 'app.kubernetes.io/instance': 'vangnet' } }, policyTypes: ['Ingress', 'Egress'] });
    const gatewayPods = { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/instance': 'vangnet' } } };
    const monitoring = [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }];
    for (const app of APPS) {
      const np = named(objects, 'NetworkPolicy', `vangnet-${app}`).spec;
      expect(np.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(np.ingress).toHaveLength(2);
      expect(np.ingress[0].from).toEqual(app === 'gateway' ? [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }] : [gatewayPods]);
      expect(np.ingress[1].from).toEqual(monitoring);
      for (const rule of np.ingress) expect(rule.ports).toEqual([{ port: 'http', protocol: 'TCP' }]);
      const egressPorts = np.egress.map((r: K8s) => r.ports.map((p: K8s) => p.port).join('+'));
      expect(egressPorts.slice(0, 4)).toEqual(['53+53', '5432', '4222', '443']);
      // Only the gateway reaches the other services, on their HTTP port.
      expect(np.egress.some((r: K8s) => r.to.some((p: K8s) => p.podSelector?.matchLabels?.['app.kubernetes.io/part-of'] === 'vangnet'))).toBe(app === 'gateway');
    }
  });

  it('lets the gateway, and only it, reach webhook receivers: public IPv4 and IPv6 addresses on the configured ports', () => {
    const ports = name === 'production' ? [443, 8443] : [443];
    const receivers = [
      { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'] } },
      { ipBlock: { cidr: '::/0', except: ['::1/128', '::ffff:0:0/96', 'fc00::/7', 'fe80::/10'] } },
    ];
    for (const app of APPS) {
      const egress = named(objects, 'NetworkPolicy', `vangnet-${app}`).spec.egress as K8s[];
      const rule = egress.find((r) => JSON.stringify(r.to) === JSON.stringify(receivers));
      if (app === 'gateway') expect(rule?.ports).toEqual(ports.map((port) => ({ port, protocol: 'TCP' })));
      else expect(rule).toBeUndefined();
      // No rule without destinations (that would allow them all).
      for (const r of egress) expect(r.to.length).toBeGreaterThan(0);
    }
    if (name === 'production') {
      // With the identity provider narrowed to its network, the receivers' rule is the gateway's only way to the internet.
      const gateway = named(objects, 'NetworkPolicy', 'vangnet-gateway').spec.egress as K8s[];
      expect(gateway.filter((r) => r.to.some((p: K8s) => p.ipBlock?.cidr === '0.0.0.0/0'))).toHaveLength(1);
    }
  });

  it('routes only the versioned APIs to the gateway: no /metrics, /docs or /health from outside', () => {
    const [ingress] = byKind(objects, 'Ingress');
    const paths = ingress.spec.rules.flatMap((r: K8s) => r.http.paths);
    expect(paths.map((p: K8s) => p.path).sort()).toEqual(APPS.map((a) => `/api/${a}/v1`));
    for (const p of paths) {
      expect(p.pathType).toBe('Prefix');
      expect(p.backend.service).toEqual({ name: 'vangnet-gateway', port: { name: 'http' } });
    }
    expect(paths.some((p: K8s) => /metrics|docs|health/.test(p.path))).toBe(false);
    expect(ingress.spec.tls[0].hosts).toEqual([ingress.spec.rules[0].host]);
    // The gateway routes to the services through the cluster's Services.
    const gatewayEnv = named(objects, 'Deployment', 'vangnet-gateway').spec.template.spec.containers[0].env;
    expect(gatewayEnv.find((e: K8s) => e.name === 'VANGNET_CARE_PLANS_URL').value).toBe('http://vangnet-care-plans:8080');
  });
});

describe('the production values', () => {
  const objects = render('production');
  const pods = byKind(objects, 'Deployment').map((d) => d.spec.template.spec);

  it('pull the image by digest, with the pull secret', () => {
    for (const p of pods) {
      expect(p.containers[0].image).toBe('registry.gemeente.example/vangnet@sha256:0000000000000000000000000000000000000000000000000000000000000000');
      expect(p.imagePullSecrets).toEqual([{ name: 'registry-credentials' }]);
    }
  });

  it('take NATS credentials and TLS from Secrets, mounted read-only, the CA trusted by Node itself', () => {
    for (const p of pods) {
      const env = Object.fromEntries(p.containers[0].env.map((e: K8s) => [e.name, e.value]));
      expect(env).toMatchObject({
        NATS_CREDS_FILE: '/etc/vangnet/nats-credentials/nats.creds',
        NODE_EXTRA_CA_CERTS: '/etc/vangnet/nats-tls/ca.crt',
        NATS_TLS_CA_FILE: '/etc/vangnet/nats-tls/ca.crt',
        NATS_TLS_CERT_FILE: '/etc/vangnet/nats-tls/tls.crt',
        NATS_TLS_KEY_FILE: '/etc/vangnet/nats-tls/tls.key',
        VANGNET_JETSTREAM_REPLICAS: '3',
      });
      expect(p.volumes.filter((v: K8s) => v.secret).map((v: K8s) => v.secret)).toEqual([
        { secretName: 'vangnet-nats-credentials', defaultMode: 0o440 },
        { secretName: 'vangnet-nats-tls', defaultMode: 0o440 },
      ]);
    }
  });

  it('add extraEnv after the chart own variables, and a service its own variables and volumes', () => {
    for (const p of pods) {
      const env = p.containers[0].env;
      const i = env.findIndex((e: K8s) => e.name === 'VANGNET_OUTBOX_RETENTION_DAYS');
      expect(i).toBeGreaterThan(env.findIndex((e: K8s) => e.name === 'VANGNET_PSEUDONYM_KEY'));
      expect(env[i + 1]).toEqual({ name: 'VANGNET_RELAY_POLL_MS', valueFrom: { configMapKeyRef: { name: 'vangnet-tuning', key: 'relay-poll-ms', optional: true } } });
    }
    const exchange = named(objects, 'Deployment', 'vangnet-exchange').spec.template.spec;
    expect(exchange.containers[0].env.at(-1)).toEqual({ name: 'EXCHANGE_DROP_DIR', value: '/var/lib/vangnet/drop' });
    expect(exchange.containers[0].volumeMounts.at(-1)).toEqual({ name: 'drop', mountPath: '/var/lib/vangnet/drop' });
    expect(exchange.volumes.at(-1)).toEqual({ name: 'drop', persistentVolumeClaim: { claimName: 'vangnet-exchange-drop' } });
    const finance = named(objects, 'Deployment', 'vangnet-finance').spec.template.spec.containers[0];
    expect(finance.env.at(-1)).toEqual({ name: 'FINANCE_DECLARATION_BODY_LIMIT', value: '120mb' });
    expect(finance.resources.limits.memory).toBe('1Gi');
    expect(finance.env.find((e: K8s) => e.name === 'NODE_OLD_SPACE_MB').value).toBe('768');
  });
});

describe('the checks themselves', () => {
  const deployment = () => JSON.parse(JSON.stringify(named(render('default'), 'Deployment', 'vangnet-access')));

  it('catch unknown fields, wrong types, missing required fields and wrong API versions', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem = true;
    d.spec.replicas = '2';
    delete d.spec.template.spec.containers[0].name;
    d.spec.template.spec.volumes[0].emptyDir.sizeLimit = 64;
    expect(schemaErrors(d)).toEqual([
      '/spec/replicas: expected integer, got string',
      '/spec/template/spec/containers/0: required field "name" is missing',
      '/spec/template/spec/containers/0/securityContext: unknown field "readOnlyRootFileSystem"',
      '/spec/template/spec/volumes/0/emptyDir/sizeLimit: expected string, got integer',
    ]);
    expect(schemaErrors({ ...deployment(), apiVersion: 'extensions/v1beta1' })).toEqual(['/apiVersion: Deployment is apps/v1, not extensions/v1beta1']);
    expect(schemaErrors({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } })[0]).toContain('kind Pod is not in tools/helm/k8s-schema');
  });

  it('catch what the restricted profile refuses', () => {
    const d = deployment();
    const spec = d.spec.template.spec;
    const c = spec.containers[0];
    delete spec.securityContext.seccompProfile;
    delete c.securityContext.seccompProfile;
    c.securityContext.allowPrivilegeEscalation = true;
    c.securityContext.capabilities = { drop: ['NET_RAW'], add: ['SYS_ADMIN'] };
    c.securityContext.runAsNonRoot = false;
    c.ports[0].hostPort = 80;
    spec.hostNetwork = true;
    spec.volumes.push({ name: 'host', hostPath: { path: '/' } });
    expect(restrictedViolations(spec, d.spec.template.metadata).sort()).toEqual(
      [
        'hostNetwork is true',
        'volume host: type hostPath is not allowed',
        'container access: hostPort 80',
        'container access: allowPrivilegeEscalation is not false',
        'container access: runAsNonRoot is not true',
        'container access: seccompProfile is not RuntimeDefault or Localhost',
        'container access: capabilities do not drop ALL',
        'container access: adds capability SYS_ADMIN',
      ].sort(),
    );
  });
});

describe('the template renderer', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'vangnet-chart-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const renderWith = (template: string, values: object = {}) => {
    const dir = join(tmp, `c${Math.random().toString(36).slice(2)}`);
    mkdirSync(join(dir, 'templates'), { recursive: true });
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: t\nversion: 1.0.0\nappVersion: "2"\n');
    writeFileSync(join(dir, 'values.yaml'), 'a: { b: 1, c: "x" }\nm: { z: 1, a: 2 }\n');
    writeFileSync(join(dir, 'templates', 't.yaml'), template);
    return renderChart(dir, { values: [values] }).text;
  };

  it('follows Go templates: trimming, maps ranged in key order, else if, with, variables, pipelines', () => {
    const out = renderWith(
      [
        'k: {{- range $k, $v := .Values.m }} {{ $k }}={{ $v }}{{ end }}',
        '{{- $x := .Values.a.c }}',
        'if: {{ if eq .Values.a.b 2 }}two{{ else if eq .Values.a.b 1 }}one{{ else }}other{{ end }}',
        'with: {{ with .Values.a }}{{ .c | upper }}{{ end }}{{ with .Values.none }}never{{ else }} none{{ end }}',
        'var: {{ $x }} {{ printf "%s-%d" .Chart.Name .Values.a.b }} {{ .Values.missing }}|{{ .Values.missing | default "d" }}',
        'q: {{ .Values.a.c | quote }}',
        'sub: {{ (.Values.a.b) }} {{ "a-b" | replace "-" "_" }} {{ .Release.Name }}',
      ].join('\n'),
      { a: { b: 1 } },
    );
    expect(out).toBe('---\n# Source: t/templates/t.yaml\nk: a=2 z=1\nif: one\nwith: X none\nvar: x t-1 |d\nq: "x"\nsub: 1 a_b vangnet\n');
  });

  it('refuses what it does not implement, naming the template and line', () => {
    expect(() => renderWith('a: 1\nb: {{ .Values.a | b64enc }}')).toThrow(TemplateError);
    expect(() => renderWith('a: 1\nb: {{ .Values.a | b64enc }}')).toThrow('templates/t.yaml:2: function "b64enc" is not in the renderer\'s subset');
    expect(() => renderWith('{{ if .Values.a }}x')).toThrow('without end');
  });

  it('leaves the webhook receivers rule out when its CIDRs or ports are empty, never rendering an empty `to`', () => {
    for (const webhookReceivers of [{ cidrs: [] }, { ports: [] }]) {
      const objs = renderChart(chartDir, { values: [{ networkPolicy: { webhookReceivers } }] }).objects.map((o: { object: K8s }) => o.object);
      const egress = named(objs, 'NetworkPolicy', 'vangnet-gateway').spec.egress as K8s[];
      expect(egress).toHaveLength(5);
      for (const r of egress) expect(r.to.length).toBeGreaterThan(0);
    }
  });

  it('renders the chart copied elsewhere the same (no path of this checkout in the output)', () => {
    cpSync(chartDir, join(tmp, 'copy'), { recursive: true });
    expect(renderChart(join(tmp, 'copy')).text).toBe(renderCase('default').text);
  });
});
