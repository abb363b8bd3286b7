// The image's HEALTHCHECK: the service's readiness (its schema migrated, NATS connected), asked
// on loopback with a short timeout. Plain Node: the slim base has no curl or wget.
const port = process.env.PORT || '8080';
const service = process.env.VANGNET_SERVICE;
fetch(`http://127.0.0.1:${port}/api/${service}/health/ready`, { signal: AbortSignal.timeout(2500) }).then(
  (res) => process.exit(res.ok ? 0 : 1),
  () => process.exit(1),
);
