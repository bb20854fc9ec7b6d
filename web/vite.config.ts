import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// `npm run dev` proxies the API to a running Tessera (TESSERA_API_URL, default :8000), so the
// app talks to the same origin in development as it does behind the gateway.
const api = process.env.TESSERA_API_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    manifest: true,
    // Everything is a file: the gateway's CSP allows no inline script or style and no data: script.
    assetsInlineLimit: 0,
    target: "es2022",
    // Browsers without <link rel="modulepreload"> load the staff chunk's imports as they need them:
    // no polyfill in the customers' download.
    modulePreload: { polyfill: false },
  },
  server: { proxy: { "/api": api } },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
  },
});
