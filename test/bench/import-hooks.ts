// Module hooks for import-probe.ts: report every URL the ESM loader resolves
// (CommonJS `require` inside CommonJS is seen through require.cache instead).
import type { MessagePort } from 'node:worker_threads';

let port: MessagePort | undefined;

export function initialize(data: { port: MessagePort }): void {
  port = data.port;
}

interface ResolveResult {
  url: string;
}

export async function resolve(
  specifier: string,
  context: unknown,
  nextResolve: (specifier: string, context: unknown) => Promise<ResolveResult>,
): Promise<ResolveResult> {
  const result = await nextResolve(specifier, context);
  port?.postMessage(result.url);
  return result;
}
