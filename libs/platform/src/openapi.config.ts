/** Serve /docs unless VANGNET_OPENAPI=false (benches skip the work). */
export function openApiEnabled(): boolean {
  return process.env.VANGNET_OPENAPI !== 'false';
}
