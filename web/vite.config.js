// Builds the candidate client into dist/, which the engine serves (webDir). Hashed files
// go under assets/ (the engine caches those for a year); each text asset also gets a
// gzip twin (NAME.gz) that the engine sends to browsers that accept gzip.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { defineConfig } from 'vite';

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;
const MIN_BYTES = 1024;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function precompress() {
  let outDir = 'dist';
  return {
    name: 'mockroom-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const data = readFileSync(file);
        if (data.length < MIN_BYTES) continue;
        writeFileSync(`${file}.gz`, gzipSync(data, { level: constants.Z_BEST_COMPRESSION }));
      }
    },
  };
}

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [precompress()],
  build: {
    target: 'es2022',
    // The code editor is one lazy chunk (~300 kB, ~97 kB gzipped) loaded only for coding
    // problems; warn about anything bigger.
    chunkSizeWarningLimit: 320,
    rolldownOptions: {
      output: {
        chunkFileNames: (chunk) => {
          const id = chunk.facadeModuleId || '';
          const lang = id.match(/@codemirror\/lang-(\w+)/);
          return `assets/${lang ? `lang-${lang[1]}` : '[name]'}-[hash].js`;
        },
      },
    },
  },
  server: {
    // `npm run dev` against an engine on 8081 (scripts/run --port 8081).
    proxy: {
      '/api': 'http://127.0.0.1:8081',
      '/ws': { target: 'ws://127.0.0.1:8081', ws: true },
    },
  },
});
