import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Two apps from one package: the console (antd) and the phone app (antd-mobile), sharing api/ and domain/. */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  resolve: { alias: { '@domain': here('../domain/src') } },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { console: here('console/index.html'), mobile: here('mobile/index.html') },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
