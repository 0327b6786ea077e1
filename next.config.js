// @ts-check

// Headers of what the proxy does not see: the API and Next's assets. Pages get theirs, with a script
// nonce, from proxy.ts (lib/http/security-headers.ts); the OAuth routes set their own, stricter
// headers (no referrer: their URLs carry codes), and the embedded sign-in route its frame-ancestors.
// The same list the light listener (server.mjs, hot-routes.ts) sets on the routes it answers.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS
const notFramed = require("./api-headers.json");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Every screen is per user and per tenant; nothing is worth prerendering, and Cache Components
  // would force each session read under <Suspense>. Plain dynamic rendering is simpler and honest
  // (and the per-request script nonce needs it).
  cacheComponents: false,
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "nodemailer", "oidc-provider", "prom-client"],
  poweredByHeader: false,
  // The type check is `npm run typecheck`, the first step of `npm test` (and of CI), which fails on
  // any error; the build need not repeat it: it was 17 of the build's 41 s on 2 cores, and the
  // README's first command waits for the build.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // `forbidden()` answers a page a role may not see with app/forbidden.tsx and status 403.
    authInterrupts: true,
    // Server action bodies are read under this cap (413 past it); forms send small JSON.
    serverActions: { bodySizeLimit: "1mb" },
  },
  async headers() {
    return [
      { source: "/api/((?!oauth/).*)", headers: notFramed },
      { source: "/_next/:path*", headers: notFramed },
      { source: "/favicon.ico", headers: notFramed },
    ];
  },
};

module.exports = nextConfig;
