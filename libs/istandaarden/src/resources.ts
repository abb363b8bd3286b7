import { existsSync } from 'fs';
import { join } from 'path';

// From src (Jest, ts) and from dist (built js) alike: the resources folder sits beside src.
export function resourcesDir(): string {
  const dir = join(__dirname, '..', 'resources');
  if (!existsSync(dir)) throw new Error(`istandaarden resources not found at ${dir}`);
  return dir;
}
