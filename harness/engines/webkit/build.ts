// Which WebKitGTK build the driver loads: the system's, or a vendor's build directory named by GUM_WEBKIT.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Build {
  env: Record<string, string>;
  source: 'system' | 'custom';
}

function findFiles(root: string, test: (name: string) => boolean, depth = 4): string[] {
  const found: string[] = [];
  const walk = (dir: string, d: number) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = path.join(dir, name);
      if (test(name)) found.push(full);
      else if (d > 0 && !name.startsWith('.')) {
        try {
          if (statSync(full).isDirectory()) walk(full, d - 1);
        } catch {
          /* dangling link */
        }
      }
    }
  };
  walk(root, depth);
  return found;
}

export function resolveBuild(executablePath: string | undefined): Build {
  if (!executablePath) return { env: {}, source: 'system' };
  const root = existsSync(executablePath) && statSync(executablePath).isDirectory() ? executablePath : path.dirname(executablePath);
  const libs = findFiles(root, (n) => /^libwebkit2gtk-4\.1\.so/.test(n));
  const typelibs = findFiles(root, (n) => n === 'WebKit2-4.1.typelib');
  if (!libs.length || !typelibs.length) {
    throw new Error(`webkit: ${executablePath} is not a WebKitGTK 4.1 build (need libwebkit2gtk-4.1.so* and WebKit2-4.1.typelib under it)`);
  }
  const join = (dirs: string[], old?: string) => [...new Set(dirs), ...(old ? [old] : [])].join(':');
  const env: Record<string, string> = {
    LD_LIBRARY_PATH: join(
      libs.map((f) => path.dirname(f)),
      process.env.LD_LIBRARY_PATH,
    ),
    GI_TYPELIB_PATH: join(
      typelibs.map((f) => path.dirname(f)),
      process.env.GI_TYPELIB_PATH,
    ),
  };
  const webProcess = findFiles(root, (n) => n === 'WebKitWebProcess')[0];
  if (webProcess) env.WEBKIT_EXEC_PATH = path.dirname(webProcess);
  return { env, source: 'custom' };
}
