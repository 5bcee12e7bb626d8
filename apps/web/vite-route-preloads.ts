import type { Plugin } from 'vite';

/** A page of the app whose code a phone should fetch with index.html, not after it has run. */
export interface RoutePreload {
  /** A regular expression over the URL's path. */
  path: string;
  /** The page's module, relative to apps/web (the target of its lazy import in App.tsx). */
  module: string;
}

/** What the build writes into `route-preloads.json`, and the server reads (apps/api/src/web-app.ts). */
export interface RoutePreloadFiles {
  path: string;
  scripts: string[];
  styles: string[];
}

/**
 * Writes `route-preloads.json`: for each route, the built files of its lazily imported page (its
 * chunk, the chunks it imports, their CSS). The server names them in index.html for that route
 * (`<link rel="modulepreload">`, `<link rel="stylesheet">`), so the page's code downloads beside the
 * app's instead of one round trip after it: on a hall's weak Wi-Fi that round trip is what a phone
 * waits for.
 */
export function routePreloads(routes: RoutePreload[]): Plugin {
  return {
    name: 'balai-route-preloads',
    apply: 'build',
    // After Vite's CSS plugin has dropped the chunks that held only CSS (their files are never written).
    enforce: 'post',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const files: RoutePreloadFiles[] = routes.map((route) => {
        const page = chunks.find((chunk) => chunk.facadeModuleId?.replaceAll('\\', '/').endsWith(`/apps/web/${route.module}`));
        if (!page) this.error(`route-preloads: no chunk for ${route.module}`);
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (fileName: string): void => {
          const chunk = byFile.get(fileName);
          if (!chunk || chunk.isEntry || scripts.has(fileName)) return;
          scripts.add(fileName);
          for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css);
          chunk.imports.forEach(visit);
        };
        visit(page.fileName);
        return { path: route.path, scripts: [...scripts], styles: [...styles] };
      });
      this.emitFile({ type: 'asset', fileName: 'route-preloads.json', source: JSON.stringify(files, null, 2) });
    },
  };
}
