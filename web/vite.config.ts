import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Three entries from one package: the console (antd), the phone app (antd-mobile) and the command
 * center's wall screen (ECharts, no antd), sharing api/ and domain/.
 */
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
      input: {
        console: here('console/index.html'),
        mobile: here('mobile/index.html'),
        screen: here('screen/index.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
